package io.rapport.metadata.types;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.InvalidValueException.Kind;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;

/** Conversions the types share: numbers and dates from Java values and from text. */
public final class Values {

    private Values() {
    }

    /** A number given as any Java number or as text (query values). */
    public static BigDecimal number(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        return new BigDecimal(value.toString().trim());
    }

    /** A whole number set by a client: integral Java numbers or an integral BigDecimal, within [min, max]. */
    public static long whole(Object value, long min, long max) {
        long v;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigDecimal b) {
            try {
                v = b.longValueExact();
            } catch (ArithmeticException ex) {
                throw InvalidValueException.wrongType(value, "not a whole number");
            }
        } else {
            throw InvalidValueException.wrongType(value, "not a whole number");
        }
        if (v < min || v > max) {
            throw InvalidValueException.outOfRange(value, min + " to " + max);
        }
        return v;
    }

    /** A decimal set by a client: any finite Java number. */
    public static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw InvalidValueException.wrongType(value, "not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        throw InvalidValueException.wrongType(value, "not a number");
    }

    /**
     * The value rounded to {@code digits} decimals. Rounding costs time in the size of the exponent (1E+9999999 or
     * 1E-9999999 pinned a core for minutes), so values beyond any column are refused and values too small to
     * survive the rounding become zero without it.
     */
    public static BigDecimal scaled(BigDecimal v, int digits) {
        int magnitude = v.precision() - v.scale();
        if (v.signum() == 0 || magnitude < -digits) {
            return BigDecimal.ZERO.setScale(digits);
        }
        if (magnitude > 38) {
            throw InvalidValueException.outOfRange(v, "more than 38 whole digits");
        }
        return v.setScale(digits, java.math.RoundingMode.HALF_UP);
    }

    /** The value within the attribute's minimum and maximum. */
    public static BigDecimal range(AttributeMetadata a, BigDecimal v) {
        if (a.minValue() != null && v.compareTo(a.minValue()) < 0
                || a.maxValue() != null && v.compareTo(a.maxValue()) > 0) {
            throw InvalidValueException.outOfRange(v, a.minValue() + " to " + a.maxValue());
        }
        return v;
    }

    public static Instant toInstant(Object value, ZoneId zone) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        String s = value.toString().trim();
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        }
        if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(s).toInstant();
        }
        return LocalDateTime.parse(s).atZone(zone).toInstant();
    }

    public static LocalDate toLocalDate(Object value, ZoneId zone) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime
                || value instanceof LocalDateTime) {
            return LocalDate.ofInstant(toInstant(value, zone), zone);
        }
        String s = value.toString().trim();
        return s.length() == 10 ? LocalDate.parse(s) : LocalDate.ofInstant(toInstant(s, zone), zone);
    }

    /** An id given as a UUID, a reference or text (with or without braces); NumberFormatException otherwise. */
    public static UUID toUuid(Object value) {
        if (value instanceof UUID u) {
            return u;
        }
        if (value instanceof EntityReference r) {
            return r.id();
        }
        String s = value.toString().trim();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new NumberFormatException(s);
        }
    }

    public static Boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = value.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equals("1")) {
            return Boolean.TRUE;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0")) {
            return Boolean.FALSE;
        }
        throw new NumberFormatException(s);
    }

    /** A number as people type it in a cell: either decimal separator, thousands groups, currency symbols. */
    public static BigDecimal cellDecimal(String text) {
        String s = text.replaceAll("[\\s\\u00A0$€£¥]|R\\$|US\\$", "");
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            // "1,234" and "12,345,678" are thousands; "3,5" is a decimal comma
            s = s.matches("-?\\d{1,3}(,\\d{3})+") ? s.replace(",", "") : s.replace(',', '.');
        } else if (dot >= 0 && s.matches("-?\\d{1,3}(\\.\\d{3}){2,}")) {
            s = s.replace(".", "");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw InvalidValueException.wrongType(text, "'" + text + "' is not a number");
        }
    }

    /** A whole number in a cell: "1.200" and "1,200" both group thousands. */
    public static BigDecimal cellWholeNumber(String text) {
        String compact = text.replaceAll("[\\s\\u00A0]", "");
        BigDecimal d = compact.matches("-?\\d{1,3}([.,]\\d{3})+") ? new BigDecimal(compact.replaceAll("[.,]", ""))
                : cellDecimal(text);
        // converting costs time in the size of the exponent (1e99999999 pinned a core): decide by magnitude first
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (d.precision() - d.scale() > 19) {
            throw InvalidValueException.outOfRange(text, "'" + text + "' is too large");
        }
        if (d.precision() - d.scale() <= 0) {
            throw InvalidValueException.wrongType(text, "'" + text + "' is not a whole number");
        }
        try {
            return new BigDecimal(d.toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw InvalidValueException.wrongType(text, "'" + text + "' is not a whole number");
        }
    }

    /** A whole number of a cell that must fit [min, max]. */
    public static long cellWholeNumber(String text, long min, long max) {
        BigDecimal d = cellWholeNumber(text);
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw InvalidValueException.outOfRange(text, "'" + text + "' is too large");
        }
        return d.longValue();
    }

    /** Lower case, without accents and without anything but letters and digits: "E-mail" matches "email". */
    public static String key(String s) {
        if (s == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    static InvalidValueException invalidOption(int value) {
        return new InvalidValueException(Kind.INVALID_OPTION, value, value + " is not one of the choices");
    }
}
