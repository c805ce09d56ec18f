package io.rapport.web.internal.service;

import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.Ui;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the queue buttons need, read as the signed-in user (so a private queue a user is not a member of is neither
 * offered nor shown): the queues an item can be routed or added to, and the queue items a case is in.
 */
@Component
public class QueueWork {

    static final int MAX_QUEUES = 200;

    /** A queue to choose. */
    public record QueueChoice(UUID id, String name) {
    }

    /** One active queue item of a case: its queue and who works on it (empty when nobody). */
    public record CaseQueueItem(UUID id, String queue, String worker, boolean mine) {
    }

    public List<QueueChoice> queues(Ui ui) {
        if (ui.snapshot().findEntity("queue").isEmpty()) {
            return List.of();
        }
        return ui.service().retrieveMultiple(QueryExpression.from("queue").select("name")
                .where(Condition.eq("statecode", 0)).orderBy(Order.asc("name")).top(MAX_QUEUES).build()).entities()
                .stream().map(q -> new QueueChoice(q.id(), q.getString("name"))).toList();
    }

    List<CaseQueueItem> itemsOf(Ui ui, UUID incident) {
        if (ui.snapshot().findEntity("queueitem").isEmpty()) {
            return List.of();
        }
        return ui.service().retrieveMultiple(QueryExpression.from("queueitem").select("queueid", "workerid")
                .where(Condition.eq("objectid", incident)).where(Condition.eq("statecode", 0)).top(10).build())
                .entities().stream().map(i -> item(ui, i)).toList();
    }

    private static CaseQueueItem item(Ui ui, Entity i) {
        EntityReference queue = i.getReference("queueid");
        EntityReference worker = i.getReference("workerid");
        return new CaseQueueItem(i.id(), queue == null || queue.name() == null ? "" : queue.name(),
                worker == null || worker.name() == null ? "" : worker.name(),
                worker != null && worker.id().equals(ui.caller().userId()));
    }
}
