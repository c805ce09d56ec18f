package io.rapport.webapi.internal.query;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * OData literals as they appear in keys, function parameters and $filter: {@code 'text'} (with {@code ''} for a
 * quote), numbers, {@code true}/{@code false}/{@code null}, GUIDs, dates, date-times and {@code ['a','b']} lists.
 */
public final class Literals {

    public static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[mMdD]?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})");

    private Literals() {
    }

    public static Object parse(String text) {
        String t = text.trim();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            List<Object> values = new ArrayList<>();
            for (String part : splitList(t.substring(1, t.length() - 1))) {
                if (!part.isBlank()) {
                    values.add(parse(part));
                }
            }
            return values;
        }
        if (t.equals("null")) {
            return null;
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        String unbraced = t.startsWith("{") && t.endsWith("}") ? t.substring(1, t.length() - 1) : t;
        if (GUID.matcher(unbraced).matches()) {
            return UUID.fromString(unbraced);
        }
        if (INTEGER.matcher(t).matches()) {
            long v;
            try {
                v = Long.parseLong(t);
            } catch (NumberFormatException e) {
                // wider than a long (9223372036854775808 has the digits of one): still a number; the attribute it is
                // compared with decides whether it fits
                return new BigDecimal(t);
            }
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
        }
        if (DECIMAL.matcher(t).matches()) {
            return decimal(t);
        }
        try {
            if (DATE.matcher(t).matches()) {
                return LocalDate.parse(t);
            }
            if (DATE_TIME.matcher(t).matches()) {
                return OffsetDateTime.parse(t).toInstant();
            }
        } catch (DateTimeException e) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "'" + t + "' is not a valid date"
                    + (t.length() > 10 ? " and time" : "") + ".");
        }
        throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "Unrecognized literal '" + t + "'.");
    }

    private static BigDecimal decimal(String t) {
        try {
            return new BigDecimal(t.replaceAll("[mMdD]$", ""));
        } catch (NumberFormatException e) {
            // an exponent beyond what BigDecimal holds (1e9999999999)
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The number '" + t + "' is out of range.");
        }
    }

    private static List<String> splitList(String s) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
