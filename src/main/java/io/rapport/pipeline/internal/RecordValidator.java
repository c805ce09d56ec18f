package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionMetadata;
import io.rapport.pipeline.RecordReads;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks record values against metadata: known attribute, type, length, range, option value, lookup target type
 * and existence, and required level. Values are normalized on the way (empty text becomes null, decimals are
 * rounded to their precision, lookups by alternate key are resolved to ids).
 */
@Component
class RecordValidator {

    private final RecordStore store;

    RecordValidator(RecordStore store) {
        this.store = store;
    }

    /**
     * Validates and normalizes the attributes a client sent. Attributes the client may not write on this
     * operation (platform-managed, read-only) are dropped, as Dataverse ignores them.
     */
    void validateInput(MetadataSnapshot s, EntityMetadata e, Entity target, boolean create) {
        validateInput(s, e, target, create, null);
    }

    /** As above, with the lookups' targets a batch read already ({@code known}, or null). */
    void validateInput(MetadataSnapshot s, EntityMetadata e, Entity target, boolean create, LookupPrefetch known) {
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
            target.set(key, normalize(s, e, a, target.get(key), known));
        }
    }

    /** Validates values set by pre-operation plugins and the required levels of the final record. */
    void validateFinal(MetadataSnapshot s, EntityMetadata e, Entity target, Entity preImage,
            Map<String, Object> alreadyValidated) {
        validateFinal(s, e, target, preImage, alreadyValidated, null);
    }

    void validateFinal(MetadataSnapshot s, EntityMetadata e, Entity target, Entity preImage,
            Map<String, Object> alreadyValidated, LookupPrefetch known) {
        for (Map.Entry<String, Object> en : target.attributes().entrySet()) {
            if (alreadyValidated.containsKey(en.getKey()) && alreadyValidated.get(en.getKey()) == en.getValue()) {
                continue;
            }
            en.setValue(normalize(s, e, e.attribute(en.getKey()), en.getValue(), known));
        }
        for (AttributeMetadata a : WritePlan.of(e).required) {
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
        return normalize(s, e, a, value, null);
    }

    private Object normalize(MetadataSnapshot s, EntityMetadata e, AttributeMetadata a, Object value,
            LookupPrefetch known) {
        if (value == null) {
            return null;
        }
        try {
            return a.type().normalize(a, value, (attribute, ref) -> lookup(s, e, attribute, ref, known));
        } catch (InvalidValueException ex) {
            throw error(e, a, ex);
        }
    }

    /** The Dataverse error for a value the attribute's type refused. */
    private static RapportException error(EntityMetadata e, AttributeMetadata a, InvalidValueException ex) {
        Object value = ex.value();
        return switch (ex.kind()) {
            case WRONG_TYPE -> wrongType(e, a, value);
            case OUT_OF_RANGE -> outOfRange(e, a, value);
            case INVALID_OPTION -> invalidOption(e, a, (Integer) value);
            case NUL_CHARACTER -> new RapportException(ErrorCode.INVALID_ARGUMENT, "The value of '"
                    + a.logicalName() + "' on '" + e.logicalName() + "' contains a NUL character (U+0000), which "
                    + "text cannot hold.", a.logicalName());
            case TOO_LONG -> new RapportException(ErrorCode.STRING_TOO_LONG, "A validation error occurred. The "
                    + "length of the '" + a.logicalName() + "' attribute of the '" + e.logicalName() + "' entity "
                    + "exceeded the maximum allowed length of '" + a.maxLength() + "'.", a.logicalName());
            case INVALID_FORMAT -> new RapportException(ErrorCode.INVALID_ARGUMENT, ex.getMessage(),
                    a.logicalName());
        };
    }

    private EntityReference lookup(MetadataSnapshot s, EntityMetadata e, AttributeMetadata a, EntityReference ref,
            LookupPrefetch known) {
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
        // only a found record is taken from the batch's read or the scope's (RecordReads): a missing one is asked
        // again (a plugin may have made it)
        if (!(known != null && known.exists(ref.logicalName(), ref.id()))
                && !RecordReads.exists(ref.logicalName(), ref.id(), () -> store.exists(target, ref.id()))) {
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
        return new RapportException(ErrorCode.INVALID_TYPE, "The value '" + RapportException.quote(value)
                + "' ("
                + value.getClass().getSimpleName() + ") is not valid for the attribute '" + a.logicalName() + "' of '"
                + e.logicalName() + "', which is of type " + a.type().dataverseName() + ".", a.logicalName());
    }

    private static RapportException outOfRange(EntityMetadata e, AttributeMetadata a, Object value) {
        return new RapportException(ErrorCode.VALUE_OUT_OF_RANGE, "The value " + RapportException.quote(value)
                + " of '"
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
}
