package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.PlatformStamps;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.record.Ids;
import io.rapport.store.RecordStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Steps shared by the messages: loading the record before a change, defaults, and platform stamps. */
@Component
class RecordSupport {

    private final RecordStore store;
    private final Clock clock;

    RecordSupport(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    EntityMetadata writableEntity(Execution x, String logicalName) {
        EntityMetadata e = x.snapshot().entity(logicalName);
        if (e.isIntersect()) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "Records of the intersect entity '"
                    + logicalName + "' are written with Associate and Disassociate.");
        }
        return e;
    }

    /** The id of a reference given by id or by alternate key; a clear 404 when no record matches. */
    UUID resolveId(Execution x, EntityMetadata e, EntityReference ref) {
        if (!ref.isByKey()) {
            return ref.id();
        }
        return store.findIdByKey(x.snapshot(), e, ref.keyAttributes()).orElseThrow(() -> new RapportException(
                ErrorCode.OBJECT_DOES_NOT_EXIST, "A record with the specified key values does not exist in "
                + e.logicalName() + " entity"));
    }

    /**
     * The whole record as it is now, read without row security and without lookup display names (which would cost
     * a join per lookup target on every write); 404 when it does not exist.
     */
    Entity preImage(Execution x, EntityMetadata e, UUID id) {
        if (id == null) {
            throw RapportException.invalid("The " + e.logicalName() + " record needs an id.");
        }
        return store.retrieveMultiple(x.snapshot(), QueryExpression.from(e.logicalName()).columns(ColumnSet.all())
                        .where(Condition.eq(e.primaryIdAttribute(), id)).top(1).lookupNames(false).build(),
                        x.systemQueryContext())
                .entities().stream().findFirst().orElseThrow(() -> RapportException.notFound(e.logicalName(), id));
    }

    /**
     * The pre-images of many records of one entity, read as {@link #preImage} does, 1,000 ids per query; a record
     * that does not exist is absent from the map.
     */
    java.util.Map<UUID, Entity> preImages(Execution x, EntityMetadata e, java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Entity> found = new java.util.HashMap<>(ids.size() * 2);
        java.util.List<UUID> all = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        for (int from = 0; from < all.size(); from += PRE_IMAGE_CHUNK) {
            java.util.List<UUID> chunk = all.subList(from, Math.min(all.size(), from + PRE_IMAGE_CHUNK));
            store.retrieveMultiple(x.snapshot(), QueryExpression.from(e.logicalName()).columns(ColumnSet.all())
                            .where(io.rapport.query.Condition.of(e.primaryIdAttribute(),
                                    io.rapport.query.ConditionOperator.IN, chunk.toArray()))
                            .top(chunk.size()).lookupNames(false).build(), x.systemQueryContext())
                    .entities().forEach(r -> found.put(r.id(), r));
        }
        return found;
    }

    private static final int PRE_IMAGE_CHUNK = 1000;

    void applyDefaults(EntityMetadata e, Entity target, Caller caller) {
        for (io.rapport.metadata.AttributeMetadata a : WritePlan.of(e).defaulted) {
            if (!target.contains(a.logicalName())) {
                target.set(a.logicalName(), a.defaultValue());
            }
        }
        PlatformStamps.defaultState(e, target);
        if (e.isUserOwned() && target.get("ownerid") == null && caller.userId() != null) {
            target.set("ownerid", new EntityReference("systemuser", caller.userId()));
        }
    }

    int defaultStatus(EntityMetadata e, int state) {
        return PlatformStamps.defaultStatus(e, state);
    }

    /** Sets created/modified stamps, the row version and the owning business unit. */
    void stamp(Execution x, EntityMetadata e, Entity target, boolean create) {
        Caller caller = x.caller();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        EntityReference user = caller.userId() == null ? null : new EntityReference("systemuser", caller.userId());
        PlatformStamps.stamp(e, target, user, now, create);
        if (e.isUserOwned() && target.get("ownerid") instanceof EntityReference owner) {
            PlatformStamps.owningBusinessUnit(e, target, businessUnitOf(x, owner));
        }
    }

    /** The business unit of a user or team. */
    UUID businessUnitOf(Execution x, EntityReference owner) {
        Caller caller = x.caller();
        if (owner.id().equals(caller.userId()) && caller.businessUnitId() != null) {
            return caller.businessUnitId();
        }
        LookupPrefetch batch = LookupPrefetch.of(x);
        java.util.function.Function<UUID, UUID> read = id -> store.retrieve(x.snapshot(), owner.logicalName(), id,
                        ColumnSet.of("businessunitid"), x.systemQueryContext())
                .map(r -> ((EntityReference) r.get("businessunitid")).id())
                .orElseThrow(() -> RapportException.notFound(owner.logicalName(), id));
        // a batch's records often share a few owners (each member's owner): their units are read once
        return batch == null ? read.apply(owner.id()) : batch.businessUnit(owner.id(), read);
    }

    UUID newId() {
        return Ids.newId();
    }
}
