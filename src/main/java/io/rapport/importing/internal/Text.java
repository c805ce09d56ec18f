package io.rapport.importing.internal;

import io.rapport.metadata.types.Values;
import java.util.Locale;

/** Text normalization for matching column names, option labels and duplicate keys. */
final class Text {

    private Text() {
    }

    /** Lower case, without accents and without anything but letters and digits: "E-mail" matches "email". */
    static String key(String s) {
        return Values.key(s);
    }

    /** Lower case and trimmed, accents kept: how duplicate rules compare values. */
    static String fold(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
