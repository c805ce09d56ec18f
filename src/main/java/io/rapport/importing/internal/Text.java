package io.rapport.importing.internal;

import java.text.Normalizer;
import java.util.Locale;

/** Text normalization for matching column names, option labels and duplicate keys. */
final class Text {

    private Text() {
    }

    /** Lower case, without accents and without anything but letters and digits: "E-mail" matches "email". */
    static String key(String s) {
        if (s == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** Lower case and trimmed, accents kept: how duplicate rules compare values. */
    static String fold(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
