package io.rapport.security.internal.access;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.rapport.cluster.ClusterSignals;
import io.rapport.pipeline.Sequences;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The version of the security model (roles, privileges, teams, memberships, business units, field security) in
 * {@code sys_security_version}. A change sets it to a new value of a sequence, so a value is never reused even
 * when the changing transaction rolls back; caches keyed by the value are therefore never wrong. Inside a
 * transaction the value is read once and remembered until the transaction changes it. Outside of that, a node
 * reads the row at most once per {@code rapport.security.version-check-interval} (default 250 ms): a change made
 * on another node applies here within that interval, one made here at once. On PostgreSQL a change also sends the
 * cluster signal {@value #TOPIC} when it commits, on which every other node reads the row again on next use, so a
 * change applies everywhere within milliseconds; the interval is the fallback (H2, a lost signal connection).
 */
@Repository
public class SecurityVersion {

    static final String TOPIC = "security";
    private static final Table<Record> VERSION = table(name("sys_security_version"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<Long> VALUE = field(name("version"), Long.class);

    private final DSLContext dsl;
    private final Sequences sequences;
    private final ClusterSignals signals;
    private final Object resourceKey = new Object();
    private final long checkIntervalNanos;
    private volatile long nodeValue;
    private volatile long nodeReadAt = Long.MIN_VALUE;
    /** Signals received so far (a read of the row keeps its value only if none arrived during the read). */
    private final java.util.concurrent.atomic.AtomicLong signalled = new java.util.concurrent.atomic.AtomicLong();

    SecurityVersion(DSLContext dsl, Sequences sequences, ClusterSignals signals,
            @org.springframework.beans.factory.annotation.Value("${rapport.security.version-check-interval:250ms}")
            java.time.Duration checkInterval) {
        this.dsl = dsl;
        this.sequences = sequences;
        this.signals = signals;
        this.checkIntervalNanos = checkInterval.toNanos();
        signals.subscribe(TOPIC, () -> {
            signalled.incrementAndGet();
            nodeReadAt = Long.MIN_VALUE;
        });
    }

    public long current() {
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
        if (inTransaction && TransactionSynchronizationManager.getResource(resourceKey) instanceof Long v) {
            return v;
        }
        long now = System.nanoTime();
        long v;
        if (nodeReadAt != Long.MIN_VALUE && now - nodeReadAt < checkIntervalNanos) {
            v = nodeValue;
        } else {
            long signalsBefore = signalled.get();
            v = dsl.select(VALUE).from(VERSION).where(ID.eq(1)).fetchSingle(VALUE);
            nodeValue = v;
            // a signal that arrived while the row was read may announce a commit the read did not see: the value is
            // then not kept for the interval, and the next use reads the row again
            if (signalled.get() == signalsBefore) {
                nodeReadAt = now;
            }
        }
        if (inTransaction) {
            remember(v);
        }
        return v;
    }

    /** Marks the security model changed; called inside the transaction that changes it. */
    public void bump() {
        long next = sequences.next("sys_security_version_sequence");
        dsl.update(VERSION).set(VALUE, next).where(ID.eq(1)).execute();
        signals.publish(TOPIC);
        // this node sees its own change at once: the next read outside this transaction goes to the database
        nodeReadAt = Long.MIN_VALUE;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            remember(next);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    nodeReadAt = Long.MIN_VALUE;
                }
            });
        }
    }

    private void remember(long v) {
        if (TransactionSynchronizationManager.hasResource(resourceKey)) {
            TransactionSynchronizationManager.unbindResource(resourceKey);
        } else {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
                }
            });
        }
        TransactionSynchronizationManager.bindResource(resourceKey, v);
    }
}
