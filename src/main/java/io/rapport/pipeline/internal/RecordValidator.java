package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionMetadata;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks record values against metadata: known attribute, type, length, range, option value, lookup target type
 * and existence, and required level. Values are normalized on the way (empty text becomes null, decimals are
 * rounded to their precision, lookups by alternate key are resolved to ids).
 */
@Component
class RecordValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Instant MIN_DATE = Instant.parse("1753-01-01T00:00:00Z");
    private static final Instant MAX_DATE = Instant.parse("9999-12-31T23:59:59Z");

    private final RecordStore store;

    RecordValidator(RecordStore store) {
        this.store = store;
    }

    /**
     * Validates and normalizes the attributes a client sent. Attributes the client may not write on this
     * operation (platform-managed, read-only) are dropped, as Dataverse ignores them.
     */
    void validateInput(MetadataSnapshot s, EntityMetadata e, Entity target, boolean create) {
        for (String key : new ArrayList<>(target.attributes().keySet())) {
            AttributeMetadata a = e.attribute(key);
            if (a.logicalName().equals(e.primaryIdAttribute())) {
                UUID id = toUuid(e, a, target.get(key));
                if (target.id() != null && id != null && !target.id().equals(id)) {
                    throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The record id " + target.id()
                            + " and the value of " + key + " (" + id + ") differ.", key);
                }
                if (create && target.id() == null) {
                    target.setId(id);
                }
                target.remove(key);
                continue;
            }
            if (create ? !a.validForCreate() : !a.validForUpdate()) {
                target.remove(key);
                continue;
            }
            target.set(key, normalize(s, e, a, target.get(key)));
        }
    }

    /** Validates values set by pre-operation plugins and the required levels of the final record. */
    void validateFinal(MetadataSnapshot s, EntityMetadata e, Entity target, Entity preImage,
            Map<String, Object> alreadyValidated) {
        for (Map.Entry<String, Object> en : target.attributes().entrySet()) {
            if (alreadyValidated.containsKey(en.getKey()) && alreadyValidated.get(en.getKey()) == en.getValue()) {
                continue;
            }
            en.setValue(normalize(s, e, e.attribute(en.getKey()), en.getValue()));
        }
        for (AttributeMetadata a : e.attributes()) {
            if (!a.isRequired() || a.isManaged() || a.logicalName().equals(e.primaryIdAttribute())) {
                continue;
            }
            boolean missing = preImage == null ? target.get(a.logicalName()) == null
                    : target.contains(a.logicalName()) && target.get(a.logicalName()) == null;
            if (missing) {
                throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A value for '"
                        + a.displayName().get("en") + "' (" + a.logicalName() + ") is required on " + e.logicalName()
                        + ".", a.logicalName());
            }
        }
        checkStateAndStatus(e, target, preImage);
    }

    private void checkStateAndStatus(EntityMetadata e, Entity target, Entity preImage) {
        if (!e.hasStateCode() || !target.contains("statuscode") || target.get("statuscode") == null) {
            return;
        }
        Integer state = (Integer) (target.contains("statecode") ? target.get("statecode")
                : preImage == null ? null : preImage.get("statecode"));
        int status = (Integer) target.get("statuscode");
        OptionMetadata option = e.attribute("statuscode").optionSet().option(status).orElseThrow();
        if (state != null && option.state() != null && !option.state().equals(state)) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, status + " is not a valid status code for "
                    + "state code " + e.logicalName() + "State." + state + ".", "statuscode");
        }
    }

    Object normalize(MetadataSnapshot s, EntityMetadata e, AttributeMetadata a, Object value) {
        if (value == null) {
            return null;
        }
        return switch (a.type()) {
            case STRING, MEMO -> text(e, a, value);
            case INTEGER -> range(e, a, BigDecimal.valueOf(whole(e, a, value, Integer.MIN_VALUE, Integer.MAX_VALUE)))
                    .intValue();
            case BIGINT -> range(e, a, BigDecimal.valueOf(whole(e, a, value, Long.MIN_VALUE, Long.MAX_VALUE)))
                    .longValue();
            case DECIMAL, MONEY -> scaled(e, a, range(e, a, decimal(e, a, value)));
            case DOUBLE -> range(e, a, decimal(e, a, value)).doubleValue();
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw wrongType(e, a, value);
                }
                yield value;
            }
            case DATETIME -> dateTime(e, a, value);
            case DATE -> date(e, a, value);
            case PICKLIST, STATE, STATUS -> option(e, a, value);
            case MULTISELECT_PICKLIST -> options(e, a, value);
            case LOOKUP, CUSTOMER, OWNER -> lookup(s, e, a, value);
            case UNIQUEIDENTIFIER -> toUuid(e, a, value);
        };
    }

    private static String text(EntityMetadata e, AttributeMetadata a, Object value) {
        if (!(value instanceof String str)) {
            throw wrongType(e, a, value);
        }
        if (str.isEmpty()) {
            return null;
        }
        if (str.indexOf('\0') >= 0) {
            // PostgreSQL cannot store NUL in text and H2 can: refused on both so that data moves between them
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The value of '" + a.logicalName() + "' on '"
                    + e.logicalName() + "' contains a NUL character (U+0000), which text cannot hold.",
                    a.logicalName());
        }
        if (str.length() > a.maxLength()) {
            throw new RapportException(ErrorCode.STRING_TOO_LONG, "A validation error occurred. The length of the '"
                    + a.logicalName() + "' attribute of the '" + e.logicalName() + "' entity exceeded the maximum "
                    + "allowed length of '" + a.maxLength() + "'.", a.logicalName());
        }
        if ("email".equals(a.format()) && !EMAIL.matcher(str.trim()).matches()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "'" + str + "' is not a valid email address for '"
                    + a.logicalName() + "'.", a.logicalName());
        }
        return str;
    }

    private static long whole(EntityMetadata e, AttributeMetadata a, Object value, long min, long max) {
        long v;
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigDecimal b) {
            try {
                v = b.longValueExact();
            } catch (ArithmeticException ex) {
                throw wrongType(e, a, value);
            }
        } else {
            throw wrongType(e, a, value);
        }
        if (v < min || v > max) {
            throw outOfRange(e, a, value);
        }
        return v;
    }

    private static BigDecimal decimal(EntityMetadata e, AttributeMetadata a, Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw wrongType(e, a, value);
            }
            return BigDecimal.valueOf(d);
        }
        throw wrongType(e, a, value);
    }

    /**
     * The value rounded to the attribute's precision. Rounding costs time in the size of the exponent (1E+9999999
     * or 1E-9999999 pinned a core for minutes), so values beyond any column are refused and values too small to
     * survive the rounding become zero without it.
     */
    private static BigDecimal scaled(EntityMetadata e, AttributeMetadata a, BigDecimal v) {
        int magnitude = v.precision() - v.scale();
        if (v.signum() == 0 || magnitude < -a.precision()) {
            return BigDecimal.ZERO.setScale(a.precision());
        }
        if (magnitude > 38) {
            throw outOfRange(e, a, v);
        }
        return v.setScale(a.precision(), RoundingMode.HALF_UP);
    }

    private static BigDecimal range(EntityMetadata e, AttributeMetadata a, BigDecimal v) {
        if (a.minValue() != null && v.compareTo(a.minValue()) < 0
                || a.maxValue() != null && v.compareTo(a.maxValue()) > 0) {
            throw outOfRange(e, a, v);
        }
        return v;
    }

    private static Instant dateTime(EntityMetadata e, AttributeMetadata a, Object value) {
        Instant i;
        if (value instanceof Instant instant) {
            i = instant;
        } else if (value instanceof OffsetDateTime o) {
            i = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            i = z.toInstant();
        } else if (value instanceof java.util.Date d) {
            i = d.toInstant();
        } else if (value instanceof LocalDate d) {
            i = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else {
            throw wrongType(e, a, value);
        }
        if (i.isBefore(MIN_DATE) || i.isAfter(MAX_DATE)) {
            throw outOfRange(e, a, value);
        }
        return i.truncatedTo(ChronoUnit.MILLIS);
    }

    private static LocalDate date(EntityMetadata e, AttributeMetadata a, Object value) {
        LocalDate d;
        if (value instanceof LocalDate local) {
            d = local;
        } else if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            d = LocalDate.ofInstant(dateTime(e, a, value), ZoneOffset.UTC);
        } else {
            throw wrongType(e, a, value);
        }
        if (d.getYear() < 1753 || d.getYear() > 9999) {
            throw outOfRange(e, a, value);
        }
        return d;
    }

    private static Integer option(EntityMetadata e, AttributeMetadata a, Object value) {
        if (!(value instanceof Integer v)) {
            throw wrongType(e, a, value);
        }
        if (!a.optionSet().contains(v)) {
            throw invalidOption(e, a, v);
        }
        return v;
    }

    private static int[] options(EntityMetadata e, AttributeMetadata a, Object value) {
        int[] values;
        if (value instanceof int[] array) {
            values = array.clone();
        } else if (value instanceof Collection<?> c) {
            values = new int[c.size()];
            int i = 0;
            for (Object o : c) {
                if (!(o instanceof Integer v)) {
                    throw wrongType(e, a, value);
                }
                values[i++] = v;
            }
        } else {
            throw wrongType(e, a, value);
        }
        for (int v : values) {
            if (!a.optionSet().contains(v)) {
                throw invalidOption(e, a, v);
            }
        }
        int[] distinct = java.util.Arrays.stream(values).sorted().distinct().toArray();
        return distinct.length == 0 ? null : distinct;
    }

    private EntityReference lookup(MetadataSnapshot s, EntityMetadata e, AttributeMetadata a, Object value) {
        if (!(value instanceof EntityReference ref)) {
            throw wrongType(e, a, value);
        }
        if (!a.targets().contains(ref.logicalName())) {
            throw new RapportException(ErrorCode.INVALID_LOOKUP_TYPE, "The attribute '" + a.logicalName() + "' of '"
                    + e.logicalName() + "' cannot refer to a " + ref.logicalName() + "; it accepts "
                    + String.join(", ", a.targets()) + ".", a.logicalName());
        }
        EntityMetadata target = s.entity(ref.logicalName());
        if (ref.isByKey()) {
            UUID id = store.findIdByKey(s, target, ref.keyAttributes()).orElseThrow(() -> new RapportException(
                    ErrorCode.LOOKUP_TARGET_MISSING, ref.logicalName() + " With Ids = " + ref.keyAttributes()
                    + " Do Not Exist", a.logicalName()));
            return new EntityReference(ref.logicalName(), id);
        }
        if (!store.exists(target, ref.id())) {
            throw new RapportException(ErrorCode.LOOKUP_TARGET_MISSING, ref.logicalName() + " With Id = " + ref.id()
                    + " Does Not Exist", a.logicalName());
        }
        return ref.name() == null ? ref : new EntityReference(ref.logicalName(), ref.id());
    }

    private static UUID toUuid(EntityMetadata e, AttributeMetadata a, Object value) {
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        if (value instanceof String str) {
            try {
                return UUID.fromString(str);
            } catch (IllegalArgumentException ex) {
                throw wrongType(e, a, value);
            }
        }
        throw wrongType(e, a, value);
    }

    private static RapportException wrongType(EntityMetadata e, AttributeMetadata a, Object value) {
        return new RapportException(ErrorCode.INVALID_TYPE, "The value '" + abbreviate(value) + "' ("
                + value.getClass().getSimpleName() + ") is not valid for the attribute '" + a.logicalName() + "' of '"
                + e.logicalName() + "', which is of type " + a.type().dataverseName() + ".", a.logicalName());
    }

    private static RapportException outOfRange(EntityMetadata e, AttributeMetadata a, Object value) {
        return new RapportException(ErrorCode.VALUE_OUT_OF_RANGE, "The value " + abbreviate(value) + " of '"
                + a.logicalName() + "' on '" + e.logicalName() + "' is outside the allowed range"
                + (a.minValue() != null || a.maxValue() != null ? " (" + Objects.toString(a.minValue(), "") + " to "
                        + Objects.toString(a.maxValue(), "") + ")" : "") + ".", a.logicalName());
    }

    private static RapportException invalidOption(EntityMetadata e, AttributeMetadata a, int value) {
        return new RapportException(ErrorCode.INVALID_OPTION_VALUE, "A validation error occurred. The value " + value
                + " of '" + a.logicalName() + "' on record of type '" + e.logicalName() + "' is outside the valid "
                + "range. Accepted Values: " + a.optionSet().options().stream().map(o -> Integer.toString(o.value()))
                .reduce((x, y) -> x + "," + y).orElse("") + ".", a.logicalName());
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
