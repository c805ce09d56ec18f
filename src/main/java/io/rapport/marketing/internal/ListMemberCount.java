package io.rapport.marketing.internal;

import io.rapport.pipeline.PluginContext;
import io.rapport.query.Aggregate;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps a static list's {@code membercount}: counted in the database (never by loading members) and written through
 * an Update of the list that {@link ListCountPlugin} fills in, since the column is not writable by callers.
 */
@Component
class ListMemberCount {

    static final String PENDING = "marketing.listMemberCount";
    /** Set while a message adds or removes many members; it counts once at the end instead of per member. */
    static final String DEFERRED = "marketing.listMemberCountDeferred";

    private final MarketingReads reads;

    ListMemberCount(MarketingReads reads) {
        this.reads = reads;
    }

    /** Counts the list's members and stores the count when it changed. */
    void refresh(PluginContext context, UUID listId) {
        List<Entity> rows = reads.system(context).retrieveMultiple(QueryExpression.from("listmember")
                .where(Condition.eq("listid", listId))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false)).build()).entities();
        int count = rows.isEmpty() || rows.get(0).get("n") == null ? 0 : ((Number) rows.get(0).get("n")).intValue();
        store(context, listId, count);
    }

    /** Stores a count computed elsewhere (a dynamic list's query result). */
    void store(PluginContext context, UUID listId, int count) {
        Entity list = reads.find(context, "list", listId, "membercount").orElse(null);
        if (list == null || Integer.valueOf(count).equals(list.getInteger("membercount"))) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<UUID, Integer> pending = (Map<UUID, Integer>) context.sharedVariables()
                .computeIfAbsent(PENDING, k -> new HashMap<UUID, Integer>());
        pending.put(listId, count);
        try {
            reads.system(context).update(new Entity("list", listId));
        } finally {
            pending.remove(listId);
        }
    }
}
