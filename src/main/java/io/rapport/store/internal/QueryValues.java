package io.rapport.store.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.jooq.DataType;

/**
 * Turns a value given in a query condition (typed, or text as FetchXML and URLs carry it) into the column value
 * to compare with, for the attribute's type.
 */
final class QueryValues {

    private QueryValues() {
    }

    static Object toColumn(AttributeMetadata a, Object value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        try {
            return switch (a.type()) {
                case STRING, MEMO -> text(a, value.toString());
                case INTEGER, PICKLIST, STATE, STATUS, MULTISELECT_PICKLIST -> whole(a, value, Integer.MIN_VALUE,
                        Integer.MAX_VALUE).intValue();
                case BIGINT -> whole(a, value, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
                case DECIMAL, MONEY -> decimal(a, value);
                case DOUBLE -> real(a, value);
                case BOOLEAN -> toBoolean(value);
                case DATETIME -> LocalDateTime.ofInstant(toInstant(value, zone), ZoneOffset.UTC);
                case DATE -> toLocalDate(value, zone);
                case LOOKUP, CUSTOMER, OWNER, UNIQUEIDENTIFIER -> toUuid(value);
            };
        } catch (NumberFormatException | DateTimeException e) {
            throw invalid(a, value);
        }
    }

    /**
     * Text to compare with: NUL is refused on both databases alike (PostgreSQL cannot hold it in text, H2 can), so a
     * query behaves the same wherever it runs.
     */
    static String text(AttributeMetadata a, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The value compared with '" + a.logicalName()
                    + "' contains a NUL character (U+0000), which text cannot hold.", a.logicalName());
        }
        return value;
    }

    private static BigDecimal number(Object value) {
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

    /** A whole number within [min, max]; never silently truncated to fit. */
    private static BigDecimal whole(AttributeMetadata a, Object value, long min, long max) {
        BigDecimal n = number(value);
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw outOfRange(a, value, min + " to " + max);
        }
        if (n.stripTrailingZeros().scale() > 0) {
            throw invalid(a, value);
        }
        return n;
    }

    /** A decimal the attribute's column can hold (money keeps 19 whole digits, other decimals 22). */
    private static BigDecimal decimal(AttributeMetadata a, Object value) {
        BigDecimal n = number(value);
        DataType<?> type = Sql.dataType(a);
        BigDecimal bound = BigDecimal.ONE.scaleByPowerOfTen(type.precision() - type.scale());
        if (n.abs().compareTo(bound) >= 0) {
            throw outOfRange(a, value, "less than 1E+" + (type.precision() - type.scale()) + " either way");
        }
        return n;
    }

    private static Double real(AttributeMetadata a, Object value) {
        double d = value instanceof Number n && !(value instanceof BigDecimal) ? n.doubleValue()
                : number(value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw outOfRange(a, value, "a finite double");
        }
        return d;
    }

    static Boolean toBoolean(Object value) {
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

    static UUID toUuid(Object value) {
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

    static Instant toInstant(Object value, ZoneId zone) {
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

    static LocalDate toLocalDate(Object value, ZoneId zone) {
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

    static RapportException invalid(AttributeMetadata a, Object value) {
        return new RapportException(ErrorCode.QUERY_INVALID, "The value '" + abbreviate(value) + "' is not valid for "
                + "attribute '" + a.logicalName() + "' of type " + a.type().dataverseName() + ".", a.logicalName());
    }

    private static RapportException outOfRange(AttributeMetadata a, Object value, String range) {
        return new RapportException(ErrorCode.QUERY_INVALID, "The value " + abbreviate(value) + " compared with '"
                + a.logicalName() + "' is out of range for its type " + a.type().dataverseName() + " (" + range
                + ").", a.logicalName());
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
