package io.rapport.datagen.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers generated records per entity and writes them in JDBC batches, filling the platform attributes the
 * pipeline would (versions, created/modified by, owning business unit), each batch in its own transaction.
 */
final class BulkWriter {

    private final RecordStore store;
    private final MetadataSnapshot snapshot;
    private final int batchSize;
    private final EntityReference creator;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    // insertion order of entities is their dependency order: parents are flushed before children
    private final Map<String, List<Entity>> buffers = new java.util.LinkedHashMap<>();
    private final Map<String, Long> written = new HashMap<>();

    BulkWriter(RecordStore store, MetadataSnapshot snapshot, int batchSize, EntityReference creator,
            org.springframework.transaction.support.TransactionTemplate tx) {
        this.store = store;
        this.snapshot = snapshot;
        this.batchSize = batchSize;
        this.creator = creator;
        this.tx = tx;
    }

    boolean has(String entity) {
        return snapshot.findEntity(entity).isPresent();
    }

    /** Adds a record stamped as created at {@code createdOn} by the creator and owned by {@code owner}. */
    void add(Entity record, Instant createdOn, Owner owner) {
        EntityMetadata e = snapshot.entity(record.logicalName());
        record.set("createdon", createdOn).set("modifiedon", createdOn).set("createdby", creator)
                .set("modifiedby", creator);
        if (e.isUserOwned()) {
            record.set("ownerid", owner.user()).set("owningbusinessunit", owner.businessUnit());
        }
        if (e.hasStateCode() && !record.contains("statecode")) {
            record.set("statecode", 0).set("statuscode", 1);
        }
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
