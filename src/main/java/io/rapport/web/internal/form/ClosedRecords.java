package io.rapport.web.internal.form;

import io.rapport.metadata.EntityMetadata;
import io.rapport.record.Entity;
import java.util.Map;
import java.util.Set;

/**
 * Which records a form shows read-only because of their status, as Dynamics does: closed leads, opportunities,
 * quotes, orders, invoices and cases, inactive accounts and contacts, completed or canceled activities. Their
 * commands (reactivate, reopen, activate, revise) are what changes them.
 */
final class ClosedRecords {

    /** The states in which the entity's records may still be edited; entities not named here are always editable. */
    private static final Map<String, Set<Integer>> EDITABLE_STATES = Map.ofEntries(
            Map.entry("account", Set.of(0)), Map.entry("contact", Set.of(0)), Map.entry("lead", Set.of(0)),
            Map.entry("opportunity", Set.of(0)), Map.entry("quote", Set.of(0)), Map.entry("salesorder", Set.of(0)),
            Map.entry("invoice", Set.of(0)), Map.entry("incident", Set.of(0)));

    /** Activities: open and scheduled ones are edited, completed and canceled ones are history. */
    private static final Set<Integer> ACTIVITY_EDITABLE = Set.of(0, 3);

    /** The label key of the command that makes a closed record editable again, where a plain SetState 0 does. */
    private static final Map<String, String> REOPEN = Map.of("lead", "form.reactivateLead",
            "opportunity", "form.reopenOpportunity");

    private ClosedRecords() {
    }

    static boolean readOnly(EntityMetadata e, Entity record) {
        if (record == null || !e.hasStateCode() || !(record.get("statecode") instanceof Integer state)) {
            return false;
        }
        Set<Integer> editable = Boolean.TRUE.equals(e.activity()) ? ACTIVITY_EDITABLE : EDITABLE_STATES.get(e.logicalName());
        return editable != null && !editable.contains(state);
    }

    /** The bundle key of the reopen command of a closed record of the entity, or null. */
    static String reopenKey(EntityMetadata e) {
        return REOPEN.get(e.logicalName());
    }
}
