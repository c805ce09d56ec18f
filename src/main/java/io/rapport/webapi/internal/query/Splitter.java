package io.rapport.webapi.internal.query;

import java.util.ArrayList;
import java.util.List;

/** Splits option text on a separator that is outside quotes and parentheses. */
public final class Splitter {

    private Splitter() {
    }

    public static List<String> topLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return parts;
        }
        boolean quoted = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == separator) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
