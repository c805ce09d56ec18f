package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Adds and removes static members for the list messages: the caller's access to the list and to each member is
 * checked by reading them as the caller; the listmember rows themselves follow the list (owned by its owner) and are
 * written as the system, with the list's member count recounted once per message.
 */
@Component
class ListMemberWriter {

    private final MarketingReads reads;
    private final ListMemberCount counts;

    ListMemberWriter(MarketingReads reads, ListMemberCount counts) {
        this.reads = reads;
        this.counts = counts;
    }

    /** The list, read as the caller with the columns the rules need (404 when missing or not readable). */
    Entity list(PluginContext context, UUID id) {
        return context.service().retrieve("list", id, ColumnSet.of(ListRules.LIST_COLUMNS));
    }

    /** Runs the work with per-member counting off, then counts the list once. */
    <T> T batch(PluginContext context, UUID listId, Supplier<T> work) {
        Object before = context.sharedVariables().put(ListMemberCount.DEFERRED, true);
        try {
            return work.get();
        } finally {
            if (before == null) {
                context.sharedVariables().remove(ListMemberCount.DEFERRED);
            } else {
                context.sharedVariables().put(ListMemberCount.DEFERRED, before);
            }
            counts.refresh(context, listId);
        }
    }

    /**
     * The member by id in the list's member entity, read as the caller. An id of another member type gets a clear
     * 400 (a contact cannot join an account list); an unknown id a 404.
     */
    EntityReference member(PluginContext context, Entity list, UUID id) {
        String entity = ListRules.memberEntity(list);
        String idAttribute = context.snapshot().entity(entity).primaryIdAttribute();
        boolean found = !context.service().retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.none())
                .where(Condition.eq(idAttribute, id)).top(1).build()).entities().isEmpty();
        if (found) {
            return new EntityReference(entity, id);
        }
        for (String other : List.of("account", "contact", "lead")) {
            if (!other.equals(entity) && reads.find(context, other, id,
                    context.snapshot().entity(other).primaryIdAttribute()).isPresent()) {
                ListRules.requireMemberType(list, other);
            }
        }
        throw RapportException.notFound(entity, id);
    }

    /** A member given as a record reference: its type must be the list's, and the caller must read it. */
    EntityReference member(PluginContext context, Entity list, EntityReference given) {
        if (given.logicalName() != null && !given.logicalName().isBlank()) {
            if (MarketingLists.memberType(given.logicalName()).isEmpty()) {
                throw new RapportException(ErrorCode.INVALID_LOOKUP_TYPE, "Only accounts, contacts and leads can be "
                        + "members of a marketing list, not " + given.logicalName() + ".", "entityid");
            }
            ListRules.requireMemberType(list, given.logicalName());
        }
        return member(context, list, given.id());
    }

    /** The listmember row of the member on the list, if any. */
    UUID existing(PluginContext context, UUID listId, UUID memberId) {
        List<Entity> rows = reads.system(context).retrieveMultiple(QueryExpression.from("listmember")
                .columns(ColumnSet.none()).where(Condition.eq("listid", listId))
                .where(Condition.eq("entityid", memberId)).top(1).build()).entities();
        return rows.isEmpty() ? null : rows.get(0).id();
    }

    /** Which of the ids are already members of the list (one query per page of ids). */
    Set<UUID> existing(PluginContext context, UUID listId, List<UUID> memberIds) {
        Set<UUID> result = new HashSet<>();
        for (int i = 0; i < memberIds.size(); i += 500) {
            List<Object> chunk = List.copyOf(memberIds.subList(i, Math.min(memberIds.size(), i + 500)));
            reads.system(context).retrieveMultiple(QueryExpression.from("listmember").select("entityid")
                    .where(Condition.eq("listid", listId))
                    .where(new Condition(null, "entityid", ConditionOperator.IN, chunk)).build()).entities()
                    .forEach(r -> result.add(r.getReference("entityid").id()));
        }
        return result;
    }

    /** Adds the member (already checked) unless it is one; returns the listmember id. */
    UUID add(PluginContext context, Entity list, EntityReference member) {
        UUID existing = existing(context, list.id(), member.id());
        if (existing != null) {
            return existing;
        }
        return create(reads.system(context), list, member);
    }

    UUID create(OrganizationService system, Entity list, EntityReference member) {
        Entity row = new Entity("listmember").set("listid", list.toReference()).set("entityid", member);
        if (list.get("ownerid") instanceof EntityReference owner) {
            row.set("ownerid", owner);
        }
        return system.create(row);
    }

    /** Removes the member's row; false when it was not a member. */
    boolean remove(PluginContext context, UUID listId, UUID memberId) {
        UUID existing = existing(context, listId, memberId);
        if (existing == null) {
            return false;
        }
        reads.system(context).delete("listmember", existing);
        return true;
    }
}
