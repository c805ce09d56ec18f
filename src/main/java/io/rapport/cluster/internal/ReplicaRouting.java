package io.rapport.cluster.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.cluster.ReplicaReads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ReplicaReads} over a {@link ReplicaDataSource}. Before a read it takes the primary's current WAL position
 * ({@code pg_current_wal_lsn()}) and waits, up to {@code max-wait}, for the replica to have replayed that far
 * ({@code pg_last_wal_replay_lsn()}): every transaction committed before the read began, the caller's own included,
 * is then on the replica. Nothing is remembered between reads, so any node may serve any user. The meter
 * {@code rapport.replica.reads} counts reads by where they ran ({@code target=replica|primary}).
 */
final class ReplicaRouting implements ReplicaReads {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final ReplicaDataSource dataSource;
    private final Duration maxWait;
    private final Counter onReplica;
    private final Counter onPrimary;
    private final AtomicBoolean warned = new AtomicBoolean();

    ReplicaRouting(ReplicaDataSource dataSource, Duration maxWait, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.maxWait = maxWait;
        this.onReplica = Counter.builder("rapport.replica.reads").tag("target", "replica")
                .description("Reads that could go to the replica, by where they ran").register(meters);
        this.onPrimary = Counter.builder("rapport.replica.reads").tag("target", "primary")
                .description("Reads that could go to the replica, by where they ran").register(meters);
    }

    @Override
    public <T> T read(Supplier<T> work) {
        if (ReplicaDataSource.onReplica()) {
            return work.get();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(dataSource) || !caughtUp()) {
            // a transaction (or read scope) holds a primary connection already, or the replica is behind
            onPrimary.increment();
            return work.get();
        }
        ReplicaDataSource.use(ReplicaDataSource.Target.REPLICA);
        try {
            onReplica.increment();
            return work.get();
        } finally {
            ReplicaDataSource.use(null);
        }
    }

    /** Whether the replica has replayed the primary's WAL up to where it stands now (waiting up to max-wait). */
    private boolean caughtUp() {
        try {
            String position;
            try (Connection c = dataSource.primary().getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select pg_current_wal_lsn()::text")) {
                r.next();
                position = r.getString(1);
            }
            long deadline = System.nanoTime() + maxWait.toNanos();
            try (Connection c = dataSource.replica().getConnection();
                    PreparedStatement s = c.prepareStatement("select pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
                s.setString(1, position);
                while (true) {
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getBoolean(1)) {
                            return true;
                        }
                    }
                    if (System.nanoTime() - deadline > 0) {
                        return false;
                    }
                    Thread.sleep(POLL_NANOS / 1_000_000);
                }
            }
        } catch (SQLException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("The read replica cannot be reached; reads go to the primary ({})", e.getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
