package io.rapport.datagen.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.CompanionRecords;
import io.rapport.pipeline.PlatformStamps;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers generated records per entity and writes them with the store's batch insert (versions from the database),
 * each batch in its own transaction. The platform attributes come from the pipeline's {@link PlatformStamps} and the
 * records other modules keep beside them (an activity's pointer) from their {@link CompanionRecords}, so a generated
 * row is what the pipeline would have written, without validation, plugins or audit.
 */
final class BulkWriter {

    private final RecordStore store;
    private final MetadataSnapshot snapshot;
    private final int batchSize;
    private final EntityReference creator;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final List<CompanionRecords> companions;
    // insertion order of entities is their dependency order: parents are flushed before children
    private final Map<String, List<Entity>> buffers = new java.util.LinkedHashMap<>();
    private final Map<String, Long> written = new HashMap<>();

    BulkWriter(RecordStore store, MetadataSnapshot snapshot, int batchSize, EntityReference creator,
            org.springframework.transaction.support.TransactionTemplate tx, List<CompanionRecords> companions) {
        this.companions = List.copyOf(companions);
        this.store = store;
        this.snapshot = snapshot;
        this.batchSize = batchSize;
        this.creator = creator;
        this.tx = tx;
    }

    boolean has(String entity) {
        return snapshot.findEntity(entity).isPresent();
    }

    /**
     * Adds a record (and its companions) stamped as created at {@code createdOn} by the creator and owned by
     * {@code owner}.
     */
    void add(Entity record, Instant createdOn, Owner owner) {
        buffer(record, createdOn, owner);
        for (CompanionRecords c : companions) {
            for (Entity companion : c.forCreated(snapshot, record)) {
                buffer(companion, createdOn, owner);
            }
        }
    }

    private void buffer(Entity record, Instant createdOn, Owner owner) {
        EntityMetadata e = snapshot.entity(record.logicalName());
        PlatformStamps.stamp(e, record, creator, createdOn, true);
        if (e.isUserOwned()) {
            record.set("ownerid", owner.user());
            PlatformStamps.owningBusinessUnit(e, record, owner.businessUnit().id());
        }
        PlatformStamps.defaultState(e, record);
        List<Entity> buffer = buffers.computeIfAbsent(record.logicalName(), k -> new ArrayList<>(batchSize));
        buffer.add(record);
        if (buffer.size() >= batchSize) {
            flushAll();
        }
    }

    /** Writes every buffer, parents first, in one transaction that does not wait for the disk (a rerun redoes it). */
    void flushAll() {
        tx.executeWithoutResult(status -> {
            store.relaxDurabilityOfTransaction();
            for (String entity : new ArrayList<>(buffers.keySet())) {
                flush(entity);
            }
        });
    }

    private void flush(String entity) {
        List<Entity> buffer = buffers.get(entity);
        if (buffer == null || buffer.isEmpty()) {
            return;
        }
        EntityMetadata e = snapshot.entity(entity);
        store.insertBatch(e, buffer);
        written.merge(entity, (long) buffer.size(), Long::sum);
        buffer.clear();
    }

    Map<String, Long> written() {
        return written;
    }

    /** A record's owner and that owner's business unit. */
    record Owner(EntityReference user, EntityReference businessUnit) {
    }
}
