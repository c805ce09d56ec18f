package io.rapport.web.internal.service;

import java.util.List;
import java.util.UUID;

/**
 * What the case form shows above the record: resolve, cancel or reactivate (as the case's state allows), the SLA
 * timers with the time left, what remains of the contract line the case uses, and the queues the case is in with
 * their buttons (pick, release, route, remove) and the queues it can be added to.
 */
public record CasePanel(UUID id, boolean active, boolean canResolve, List<Choice> resolveReasons,
        List<Timer> timers, String contractRemaining, List<QueueWork.CaseQueueItem> queueItems,
        List<QueueWork.QueueChoice> queues) {

    public record Choice(String value, String label) {
    }

    /** One SLA KPI: its name, status label, failure time (formatted) and the time left or overdue. */
    public record Timer(String name, String status, String statusKey, String failureTime, String left,
            boolean overdue) {
    }
}
