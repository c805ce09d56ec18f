package io.rapport.web.internal.support;

import io.rapport.record.Entity;
import io.rapport.record.EntityReference;

/**
 * How a value reads on a page: the formatted value the pipeline made with the one {@code ValueFormatter} (the
 * caller's language and time zone, money in the record's currency), and the raw text otherwise.
 */
public final class Display {

    private Display() {
    }

    public static String text(Entity record, String key) {
        Object value = record.get(key);
        if (value == null) {
            return "";
        }
        String formatted = record.formattedValues().get(key);
        if (formatted != null) {
            return formatted;
        }
        if (value instanceof EntityReference r) {
            return r.name() == null ? "" : r.name();
        }
        return value.toString();
    }
}
