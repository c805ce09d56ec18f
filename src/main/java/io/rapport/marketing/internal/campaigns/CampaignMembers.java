package io.rapport.marketing.internal.campaigns;

import io.rapport.marketing.MarketingListMembers;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The members of a campaign's marketing lists, each once however many of the lists hold it: the list member rows
 * of the static lists read in member-id order, one batch at a time from the last member seen (keyset paging), so
 * memory stays flat whatever the size of the lists; then the members that dynamic lists' queries return now.
 */
@Component
class CampaignMembers {

    static final int BATCH = 500;

    /** The ids of the marketing lists the campaign targets. */
    List<UUID> lists(PluginContext context, UUID campaign) {
        List<UUID> lists = new ArrayList<>();
        UUID after = null;
        while (true) {
            var query = QueryExpression.from("campaignitem").select("entityid")
                    .where(Condition.eq("campaignid", campaign)).where(Condition.eq("entitytype", "list"))
                    .orderBy(Order.asc("entityid")).top(BATCH);
            if (after != null) {
                query.where(Condition.of("entityid", ConditionOperator.GREATER_THAN, after));
            }
            List<Entity> rows = context.service().retrieveMultiple(query.build()).entities();
            rows.forEach(r -> lists.add(r.getReference("entityid").id()));
            if (rows.size() < BATCH) {
                return lists;
            }
            after = lists.get(lists.size() - 1);
        }
    }

    /**
     * Hands the distinct members of the lists to {@code batch}, a batch at a time: the static lists' rows first, then
     * what each dynamic list's query returns now. With dynamic lists among them, the ids already handed over are
     * remembered (a set of ids, not of records) so that a member of several lists still comes once.
     */
    void forEachBatch(PluginContext context, List<UUID> lists, Consumer<List<EntityReference>> batch) {
        if (lists.isEmpty()) {
            return;
        }
        List<UUID> statics = new ArrayList<>();
        List<Entity> dynamics = new ArrayList<>();
        for (Entity list : context.service().retrieveMultiple(QueryExpression.from("list")
                .columns(ColumnSet.of(MarketingListMembers.LIST_COLUMNS))
                .where(Condition.of("listid", ConditionOperator.IN, lists.toArray())).build()).entities()) {
            if (MarketingListMembers.dynamic(list)) {
                dynamics.add(list);
            } else {
                statics.add(list.id());
            }
        }
        Set<UUID> seen = dynamics.isEmpty() ? null : new HashSet<>();
        if (!statics.isEmpty()) {
            staticMembers(context, statics, seen == null ? batch : members -> {
                members.forEach(m -> seen.add(m.id()));
                batch.accept(members);
            });
        }
        for (Entity list : dynamics) {
            MarketingListMembers.forEachPage(context.service(), MarketingListMembers.query(list), ColumnSet.none(),
                    BATCH, page -> {
                        List<EntityReference> fresh = new ArrayList<>();
                        for (Entity e : page) {
                            if (seen.add(e.id())) {
                                fresh.add(new EntityReference(e.logicalName(), e.id()));
                            }
                        }
                        if (!fresh.isEmpty()) {
                            batch.accept(fresh);
                        }
                    });
        }
    }

    /** The static lists' rows in member-id order, one batch at a time from the last member seen (keyset paging). */
    private void staticMembers(PluginContext context, List<UUID> lists, Consumer<List<EntityReference>> batch) {
        UUID after = null;
        while (true) {
            var query = QueryExpression.from("listmember").select("entityid")
                    .where(Condition.of("listid", ConditionOperator.IN, lists.toArray()))
                    .orderBy(Order.asc("entityid")).top(BATCH);
            if (after != null) {
                query.where(Condition.of("entityid", ConditionOperator.GREATER_THAN, after));
            }
            List<Entity> rows = context.service().retrieveMultiple(query.build()).entities();
            List<EntityReference> members = new ArrayList<>();
            for (Entity row : rows) {
                EntityReference member = row.getReference("entityid");
                if (members.isEmpty() || !members.get(members.size() - 1).id().equals(member.id())) {
                    if (!member.id().equals(after)) {
                        members.add(new EntityReference(member.logicalName(), member.id()));
                    }
                }
            }
            if (!members.isEmpty()) {
                batch.accept(members);
            }
            if (rows.size() < BATCH) {
                return;
            }
            after = rows.get(rows.size() - 1).getReference("entityid").id();
        }
    }
}
