package io.rapport.store.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** Converts attribute values between their Java form (see {@code Entity}) and their column values. */
final class ValueCodec {

    private ValueCodec() {
    }

    /** The value of the main column for a (validated) attribute value. */
    static Object toColumn(AttributeMetadata a, Object value) {
        if (value == null) {
            return null;
        }
        return switch (a.type()) {
            case DATETIME -> LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
            case MULTISELECT_PICKLIST -> encodeMultiSelect((int[]) value);
            case LOOKUP, CUSTOMER, OWNER -> ((EntityReference) value).id();
            default -> value;
        };
    }

    /** The entity name stored beside a polymorphic lookup. */
    static String toTypeColumn(Object value) {
        return value == null ? null : ((EntityReference) value).logicalName();
    }

    /** The Java value of a column value (lookups are built by the caller, which knows the target). */
    static Object fromColumn(AttributeMetadata a, Object value) {
        if (value == null) {
            return null;
        }
        return switch (a.type()) {
            case DATETIME -> value instanceof LocalDateTime ldt ? ldt.toInstant(ZoneOffset.UTC) : value;
            case MULTISELECT_PICKLIST -> decodeMultiSelect((String) value);
            case INTEGER, PICKLIST, STATE, STATUS -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case DECIMAL, MONEY -> value instanceof BigDecimal bd ? bd.stripTrailingZeros().scale() < 0
                    ? bd.setScale(0) : bd.stripTrailingZeros() : new BigDecimal(value.toString());
            case DATE -> value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
            case UNIQUEIDENTIFIER -> value instanceof UUID ? value : UUID.fromString(value.toString());
            default -> value;
        };
    }

    /** Multi-select values are stored as {@code ,1,5,} so that one value is found with a LIKE. */
    static String encodeMultiSelect(int[] values) {
        if (values.length == 0) {
            return null;
        }
        return Arrays.stream(values).sorted().distinct().mapToObj(Integer::toString)
                .collect(Collectors.joining(",", ",", ","));
    }

    static int[] decodeMultiSelect(String stored) {
        return Arrays.stream(stored.split(",")).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }
}
