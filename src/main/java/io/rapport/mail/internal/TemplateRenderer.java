package io.rapport.mail.internal;

import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Fills Dataverse's data fields {@code {!entity:attribute;default}} of a template from the records given by entity
 * name (the regarding record, the recipient, the sending user): the value as the reader sees it formatted (option
 * labels, money, dates in their language), a lookup's name, else the default text. Values are HTML-escaped in the
 * body; a field of an entity not given, or empty, takes its default (or nothing).
 */
final class TemplateRenderer {

    private static final Pattern FIELD = Pattern.compile("\\{!([a-z_0-9]+):([a-z_0-9]+)(?:;([^}]*))?}");

    private TemplateRenderer() {
    }

    static String render(String text, Map<String, Entity> records, boolean html) {
        if (text == null) {
            return null;
        }
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Entity record = records.get(m.group(1));
            String value = record == null ? null : value(record, m.group(2));
            if (value == null || value.isEmpty()) {
                value = m.group(3) == null ? "" : m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(Entity record, String attribute) {
        String formatted = record.formattedValues().get(attribute);
        if (formatted != null) {
            return formatted;
        }
        Object raw = record.get(attribute);
        if (raw instanceof EntityReference ref) {
            return ref.name();
        }
        return raw == null ? null : raw.toString();
    }
}
