package io.rapport.audit.internal;

import io.rapport.audit.AttributeChange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an audit entry's changes written by hand, as Jackson writes it (the same text, byte for byte:
 * {@code ChangeJsonTest}), for the value forms the pipeline records: text, whole numbers, decimals, booleans, null,
 * and maps and lists of them (lookups, multi-select choices). A bulk message writes thousands of entries; Jackson's
 * serializer look-up per value cost about a tenth of a CreateMultiple's Java time. Answers {@code null} for any other
 * value (a double, a date object...), which the caller then writes with Jackson.
 *
 * <p>{@link #appendCopyText} writes the same JSON straight into a PostgreSQL {@code COPY} text buffer, escaped as
 * that format wants it (every backslash doubled; JSON has no raw tab or line break to escape), so that a bulk
 * message's entries are not built as strings first and scanned again by the COPY encoder.
 */
final class ChangeJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ChangeJson() {
    }

    static String write(Map<String, AttributeChange> changes) {
        StringBuilder out = new StringBuilder(changes.size() * 48 + 2);
        return write(out, changes, false) ? out.toString() : null;
    }

    /**
     * Appends the JSON of the changes to {@code out} as a value of PostgreSQL's COPY text format; answers false (and
     * leaves {@code out} as it was) for a value this writer does not know.
     */
    static boolean appendCopyText(StringBuilder out, Map<String, AttributeChange> changes) {
        int start = out.length();
        if (write(out, changes, true)) {
            return true;
        }
        out.setLength(start);
        return false;
    }

    private static boolean write(StringBuilder out, Map<String, AttributeChange> changes, boolean copy) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeChange> en : changes.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, en.getKey(), copy);
            out.append(":");
            AttributeChange c = en.getValue();
            if (c == null) {
                out.append("null");
                continue;
            }
            out.append("{\"oldValue\":");
            if (!value(out, c.oldValue(), copy)) {
                return false;
            }
            out.append(",\"newValue\":");
            if (!value(out, c.newValue(), copy)) {
                return false;
            }
            out.append('}');
        }
        out.append('}');
        return true;
    }

    private static boolean value(StringBuilder out, Object v, boolean copy) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(out, s, copy);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
            out.append(v);
        } else if (v instanceof BigDecimal d) {
            out.append(d); // Jackson's default writes BigDecimal.toString()
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> en : m.entrySet()) {
                if (!(en.getKey() instanceof String key)) {
                    return false;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, key, copy);
                out.append(':');
                if (!value(out, en.getValue(), copy)) {
                    return false;
                }
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!value(out, l.get(i), copy)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    /**
     * A JSON string as Jackson escapes it: quote, backslash, control characters (short forms where JSON has one);
     * with {@code copy} each backslash of the JSON doubled, as COPY's text format reads it.
     */
    private static void string(StringBuilder out, String s, boolean copy) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && !escaped(s.charAt(plain))) {
            plain++;
        }
        if (plain == s.length()) {
            // most values hold nothing to escape: appended whole, not character by character
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!escaped(c)) {
                out.append(c);
            } else if (c == '"') {
                backslash(out, copy).append(c);
            } else if (c == '\\') {
                backslash(backslash(out, copy), copy);
            } else {
                backslash(out, copy);
                switch (c) {
                    case '\b' -> out.append('b');
                    case '\t' -> out.append('t');
                    case '\f' -> out.append('f');
                    case '\n' -> out.append('n');
                    case '\r' -> out.append('r');
                    default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
        }
        out.append('"');
    }

    /** JSON's escape character; in COPY text, itself escaped. */
    private static StringBuilder backslash(StringBuilder out, boolean copy) {
        return copy ? out.append("\\\\") : out.append('\\');
    }

    private static boolean escaped(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }
}
