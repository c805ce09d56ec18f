package io.rapport.metadata.internal;

import io.rapport.cluster.ClusterSignals;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataProperties;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.SchemaSync;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads built-in definitions into the metadata tables at start-up, keeps the current snapshot, and reloads it
 * when the version row shows that another node published a change. The row is read at most once per
 * {@code rapport.metadata.refresh-interval}, and at the next use after the cluster signal {@value #TOPIC}, which a
 * node publishing a change sends when its transaction commits (PostgreSQL).
 */
@Service
class DefaultMetadataService implements MetadataService, InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DefaultMetadataService.class);
    static final String TOPIC = "metadata";

    private final MetadataRepository repository;
    private final BuiltInDefinitions builtIns;
    private final SchemaSync schemaSync;
    private final TransactionTemplate tx;
    private final long refreshMillis;
    private final ClusterSignals signals;
    private final AtomicReference<MetadataSnapshot> current = new AtomicReference<>();
    private final AtomicLong lastCheck = new AtomicLong();

    DefaultMetadataService(MetadataRepository repository, BuiltInDefinitions builtIns, SchemaSync schemaSync,
            TransactionTemplate tx, MetadataProperties properties, ObjectProvider<AttributeType> addedTypes,
            ClusterSignals signals) {
        // types contributed as beans are known before the first snapshot reads attributes of them
        addedTypes.orderedStream().forEach(AttributeType::register);
        this.repository = repository;
        this.builtIns = builtIns;
        this.schemaSync = schemaSync;
        this.tx = tx;
        this.refreshMillis = properties.refreshInterval().toMillis();
        this.signals = signals;
        // another node published a change: read the version row on next use
        signals.subscribe(TOPIC, () -> lastCheck.set(Long.MIN_VALUE / 2));
    }

    @Override
    public void afterPropertiesSet() {
        long start = System.nanoTime();
        BuiltInDefinitions.Rows builtInRows = builtIns.rows();
        long[] split = new long[3];
        split[0] = System.nanoTime();
        MetadataSnapshot snapshot = tx.execute(status -> {
            repository.lockVersion();
            boolean changed = storeBuiltIns(builtInRows.rows());
            long version = changed ? repository.bumpVersion() : repository.version();
            if (changed) {
                signals.publish(TOPIC);
            }
            MetadataSnapshot s = SnapshotBuilder.build(version, repository.all());
            split[1] = System.nanoTime();
            schemaSync.apply(s, s.entities().stream().map(EntityMetadata::logicalName).toList());
            split[2] = System.nanoTime();
            return s;
        });
        current.set(snapshot);
        lastCheck.set(System.currentTimeMillis());
        log.info("Metadata ready version={} entities={} builtIns={} millis={} (built-ins read {}, stored and built {}, "
                + "schema {})", snapshot.version(), snapshot.entities().size(),
                builtInRows.origin().name().toLowerCase(java.util.Locale.ROOT), millis(start, System.nanoTime()),
                millis(start, split[0]), millis(split[0], split[1]), millis(split[1], split[2]));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /**
     * Writes built-in definitions whose stored body differs from the resource files; true if any did. Definitions the
     * database lacks (all of them on a new database) go in one batch.
     */
    private boolean storeBuiltIns(List<MetadataRow> builtInRows) {
        Map<String, MetadataRow> stored = repository.all().stream()
                .collect(Collectors.toMap(r -> r.kind() + ":" + r.name(), Function.identity()));
        List<MetadataRow> added = new ArrayList<>();
        boolean changed = false;
        for (MetadataRow row : builtInRows) {
            MetadataRow existing = stored.get(row.kind() + ":" + row.name());
            if (existing == null) {
                added.add(row);
                continue;
            }
            if (existing.body().equals(row.body())) {
                continue;
            }
            if (MetadataRow.CUSTOM.equals(existing.source())) {
                throw new IllegalStateException("Built-in " + row.kind() + " " + row.name()
                        + " clashes with a custom definition of the same name");
            }
            repository.save(row);
            log.info("Metadata definition stored kind={} name={} upgrade=true", row.kind(), row.name());
            changed = true;
        }
        if (!added.isEmpty()) {
            repository.insertAll(added);
            log.info("Metadata definitions stored new={}", added.size());
            changed = true;
        }
        return changed;
    }

    @Override
    public MetadataSnapshot snapshot() {
        long now = System.currentTimeMillis();
        long last = lastCheck.get();
        if (now - last >= refreshMillis && lastCheck.compareAndSet(last, now)) {
            long stored = repository.version();
            if (stored != current.get().version()) {
                return reload();
            }
        }
        return current.get();
    }

    @Override
    public synchronized MetadataSnapshot reload() {
        MetadataSnapshot s = tx.execute(status -> SnapshotBuilder.build(repository.version(), repository.all()));
        MetadataSnapshot now = install(s);
        lastCheck.set(System.currentTimeMillis());
        log.info("Metadata reloaded version={}", now.version());
        return now;
    }

    /**
     * Inside a customization's transaction: applies the change to the schema, stores rows, bumps the version and
     * builds the new snapshot; the snapshot becomes current when the transaction commits. The schema comes first
     * because H2 commits the open transaction at every DDL statement: rows stored after it still roll back with a
     * later failure (on H2 an unused empty table or column may stay behind, which schema sync reuses; PostgreSQL
     * runs the DDL inside the transaction and undoes it too).
     */
    MetadataSnapshot publish(List<MetadataRow> rows, List<String> touchedEntities) {
        return publish(rows, touchedEntities, List.of(), null);
    }

    /**
     * Publishes a change that also removes stored definitions: {@code drop} removes their tables, columns and
     * indexes first (see above for the order), then the rows are removed and saved and the new snapshot built.
     */
    MetadataSnapshot publish(List<MetadataRow> rows, List<String> touchedEntities, List<MetadataRow> removed,
            java.util.function.Consumer<SchemaSync> drop) {
        if (drop != null) {
            if (schemaSync.transactionalDdl() || !TransactionSynchronizationManager.isSynchronizationActive()) {
                drop.accept(schemaSync);
            } else {
                // H2 would commit the customization's transaction at the DROP: a later failure could then roll
                // back the metadata rows but not the dropped table, so the drop waits for the commit
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        drop.accept(schemaSync);
                    }
                });
            }
        }
        removed.forEach(r -> repository.delete(r.kind(), r.name()));
        if (!touchedEntities.isEmpty()) {
            Map<String, MetadataRow> merged = new java.util.TreeMap<>();
            repository.all().forEach(r -> merged.put(r.kind() + "\u0000" + r.name(), r));
            rows.forEach(r -> merged.put(r.kind() + "\u0000" + r.name(), r));
            schemaSync.apply(SnapshotBuilder.build(current.get().version() + 1, List.copyOf(merged.values())),
                    touchedEntities);
        }
        rows.forEach(repository::save);
        long version = repository.bumpVersion();
        signals.publish(TOPIC);
        MetadataSnapshot s = SnapshotBuilder.build(version, repository.all());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    install(s);
                }
            });
        } else {
            install(s);
        }
        return s;
    }

    /**
     * Makes a snapshot current unless a newer one already is: a reload that read the tables before a
     * customization committed must not put the older metadata back after the customization installed its own.
     */
    private MetadataSnapshot install(MetadataSnapshot s) {
        return current.accumulateAndGet(s, (old, fresh) -> old == null || fresh.version() >= old.version() ? fresh : old);
    }

    /** Locks metadata against concurrent customization until the transaction ends, and reads fresh rows. */
    MetadataSnapshot lockAndRead() {
        long version = repository.lockVersion();
        MetadataSnapshot c = current.get();
        return c.version() == version ? c : SnapshotBuilder.build(version, repository.all());
    }

    MetadataRepository repository() {
        return repository;
    }
}
