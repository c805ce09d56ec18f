package io.rapport.store.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

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
                case STRING, MEMO -> value.toString();
                case INTEGER, PICKLIST, STATE, STATUS, MULTISELECT_PICKLIST -> value instanceof Number n
                        ? Integer.valueOf(n.intValue()) : Integer.valueOf(value.toString().trim());
                case BIGINT -> value instanceof Number n ? Long.valueOf(n.longValue()) : Long.valueOf(value.toString().trim());
                case DECIMAL, MONEY -> value instanceof BigDecimal b ? b : new BigDecimal(value.toString().trim());
                case DOUBLE -> value instanceof Number n ? Double.valueOf(n.doubleValue())
                        : Double.valueOf(value.toString().trim());
                case BOOLEAN -> toBoolean(value);
                case DATETIME -> LocalDateTime.ofInstant(toInstant(value, zone), ZoneOffset.UTC);
                case DATE -> toLocalDate(value, zone);
                case LOOKUP, CUSTOMER, OWNER, UNIQUEIDENTIFIER -> toUuid(value);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(a, value);
        }
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
        return new RapportException(ErrorCode.QUERY_INVALID, "The value '" + value + "' is not valid for attribute '"
                + a.logicalName() + "' of type " + a.type().dataverseName() + ".", a.logicalName());
    }
}
