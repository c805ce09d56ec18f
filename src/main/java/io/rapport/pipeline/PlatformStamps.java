package io.rapport.pipeline;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionMetadata;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.UUID;

/**
 * The platform attributes a record gets when it is written: created and modified on/by, the owning business unit of
 * a user-owned record, and the default state and status. One implementation for the pipeline's messages and for
 * bulk loads through the store (data generation), so both write the same rows.
 */
public final class PlatformStamps {

    private PlatformStamps() {
    }

    /** Created on/by (when {@code create}) and modified on/by, for the attributes the entity has. */
    public static void stamp(EntityMetadata e, Entity target, EntityReference user, Instant at, boolean create) {
        if (create) {
            setIf(e, target, "createdon", at);
            setIf(e, target, "createdby", user);
        }
        setIf(e, target, "modifiedon", at);
        setIf(e, target, "modifiedby", user);
    }

    /** The owning business unit of a user-owned record: its owner's. */
    public static void owningBusinessUnit(EntityMetadata e, Entity target, UUID businessUnitId) {
        if (e.isUserOwned()) {
            target.set("owningbusinessunit", new EntityReference("businessunit", businessUnitId));
        }
    }

    /** The first state and its default status when the record has none. */
    public static void defaultState(EntityMetadata e, Entity target) {
        if (!e.hasStateCode()) {
            return;
        }
        if (target.get("statecode") == null) {
            target.set("statecode", e.attribute("statecode").optionSet().options().get(0).value());
        }
        if (target.get("statuscode") == null) {
            target.set("statuscode", defaultStatus(e, (Integer) target.get("statecode")));
        }
    }

    /** The status a record gets when it enters the state. */
    public static int defaultStatus(EntityMetadata e, int state) {
        OptionMetadata stateOption = e.attribute("statecode").optionSet().option(state)
                .orElseThrow(() -> new RapportException(ErrorCode.INVALID_OPTION_VALUE, state
                        + " is not a valid state code of " + e.logicalName() + ".", "statecode"));
        if (stateOption.defaultStatus() != null) {
            return stateOption.defaultStatus();
        }
        return e.attribute("statuscode").optionSet().options().stream()
                .filter(o -> o.state() != null && o.state() == state).findFirst().map(OptionMetadata::value)
                .orElseThrow(() -> new IllegalStateException("No status for state " + state + " of " + e.logicalName()));
    }

    private static void setIf(EntityMetadata e, Entity target, String attribute, Object value) {
        if (e.hasAttribute(attribute)) {
            target.set(attribute, value);
        }
    }
}
