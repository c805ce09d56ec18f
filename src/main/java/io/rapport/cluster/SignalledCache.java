package io.rapport.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read from the database and kept per node while the node receives cluster signals (PostgreSQL
 * {@code LISTEN}), emptied by a write to what they were read from: {@link #written()} empties this node's copy at once
 * and again after the transaction completes, and tells the other nodes (one topic), which empty theirs.
 * <p>
 * A read that started before a change never stores its result after it (a generation counter), and a transaction
 * that wrote reads from the database, never from or into the cache. Without signals (H2, or while the signal
 * connection is down) every {@link #get} reads. A {@code null} read is never kept.
 *
 * @param <K> the key of a kept value
 * @param <V> the kept value
 */
public final class SignalledCache<K, V> {

    private final ClusterSignals signals;
    private final String topic;
    private final Object writtenInThisTransaction = new Object();
    private final Map<K, V> kept = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** A cache emptied whenever another node publishes {@code topic} (and when the signal connection is back). */
    public SignalledCache(ClusterSignals signals, String topic) {
        this.signals = signals;
        this.topic = topic;
        signals.subscribe(topic, this::clear);
    }

    /** The value kept for {@code key}, or else {@code read}'s result (kept when that is allowed). */
    public V get(K key, Supplier<V> read) {
        boolean cacheable = signals.listening()
                && !TransactionSynchronizationManager.hasResource(writtenInThisTransaction);
        if (cacheable) {
            V cached = kept.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long before = generation.get();
        V value = read.get();
        if (cacheable && value != null && generation.get() == before) {
            kept.put(key, value);
            if (generation.get() != before) {
                // a change landed while storing: what was stored may predate it
                kept.remove(key, value);
            }
        }
        return value;
    }

    /**
     * A write to what the values are read from: this node forgets them now and after the transaction completes
     * (reading from the database until then), the other nodes after the commit.
     */
    public void written() {
        clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.hasResource(writtenInThisTransaction)) {
            TransactionSynchronizationManager.bindResource(writtenInThisTransaction, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(writtenInThisTransaction);
                    clear();
                }
            });
        }
        signals.publish(topic);
    }

    private void clear() {
        generation.incrementAndGet();
        kept.clear();
    }
}
