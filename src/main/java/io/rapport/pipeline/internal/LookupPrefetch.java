package io.rapport.pipeline.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The records a CreateMultiple's lookups point at (every record's regarding account, its owner), read with one
 * query per target entity for the whole batch instead of one existence check and one owner read per record. The
 * lookup validation ({@link RecordValidator}) and the Append To check ({@link AccessSupport}) ask it first and fall
 * back to their own query for anything it did not read. It lives in the message's execution only while the batch
 * runs (nothing in between can delete a record the batch refers to: it is one transaction).
 */
final class LookupPrefetch {

    private static final String KEY = "pipeline.lookupPrefetch";
    private static final int CHUNK = 500;

    /** By entity, the ids asked for, each with its row (owner columns) or {@code null} when it does not exist. */
    private final Map<String, Map<UUID, Entity>> rows = new HashMap<>();
    private final Map<UUID, UUID> businessUnits = new HashMap<>();

    static LookupPrefetch of(Execution x) {
        return x.sharedVariables().get(KEY) instanceof LookupPrefetch p ? p : null;
    }

    /**
     * Reads the targets of the batch's lookups (and the caller, the owner of records that name none); returns the
     * prefetch of an enclosing batch, to put back at the end.
     */
    static LookupPrefetch start(Execution x, RecordStore store, EntityMetadata e, List<Entity> targets) {
        Map<String, Set<UUID>> wanted = new HashMap<>();
        for (Entity t : targets) {
            for (Map.Entry<String, Object> en : t.attributes().entrySet()) {
                AttributeMetadata a = e.findAttribute(en.getKey()).orElse(null);
                if (a != null && en.getValue() instanceof EntityReference ref && ref.id() != null && !ref.isByKey()
                        && a.targets().contains(ref.logicalName())) {
                    wanted.computeIfAbsent(ref.logicalName(), k -> new LinkedHashSet<>()).add(ref.id());
                }
            }
        }
        if (e.isUserOwned() && x.caller().userId() != null) {
            wanted.computeIfAbsent("systemuser", k -> new LinkedHashSet<>()).add(x.caller().userId());
        }
        LookupPrefetch prefetch = new LookupPrefetch();
        wanted.forEach((entity, ids) -> prefetch.read(x, store, entity, new ArrayList<>(ids)));
        LookupPrefetch outer = of(x);
        x.sharedVariables().put(KEY, prefetch);
        return outer;
    }

    static void end(Execution x, LookupPrefetch outer) {
        if (outer == null) {
            x.sharedVariables().remove(KEY);
        } else {
            x.sharedVariables().put(KEY, outer);
        }
    }

    private void read(Execution x, RecordStore store, String entity, List<UUID> ids) {
        EntityMetadata target = x.snapshot().findEntity(entity).orElse(null);
        if (target == null) {
            return;
        }
        Map<UUID, Entity> found = rows.computeIfAbsent(entity, k -> new HashMap<>());
        ColumnSet columns = target.isUserOwned() ? ColumnSet.of("ownerid", "owningbusinessunit") : ColumnSet.none();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            chunk.forEach(id -> found.put(id, null));
            store.retrieveMultiple(x.snapshot(), QueryExpression.from(entity).columns(columns)
                    .where(Condition.of(target.primaryIdAttribute(), ConditionOperator.IN, chunk.toArray()))
                    .build(), x.systemQueryContext()).entities().forEach(r -> found.put(r.id(), r));
        }
    }

    /** The business unit of an owner, read once per batch. */
    UUID businessUnit(UUID owner, java.util.function.Function<UUID, UUID> read) {
        return businessUnits.computeIfAbsent(owner, read);
    }

    /** Whether the record exists, or {@code null} when it was not read. */
    Boolean exists(String entity, UUID id) {
        Map<UUID, Entity> found = rows.get(entity);
        return found == null || !found.containsKey(id) ? null : found.get(id) != null;
    }

    /** The record's owner columns; {@code null} when it was not read, empty when it does not exist. */
    Optional<Entity> owner(String entity, UUID id) {
        Map<UUID, Entity> found = rows.get(entity);
        return found == null || !found.containsKey(id) ? null : Optional.ofNullable(found.get(id));
    }
}
