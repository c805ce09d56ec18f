package io.rapport.cluster;

/**
 * Tells the other nodes that something they may cache changed. A signal carries no data: a subscriber re-reads what
 * it caches (usually a version row) on its next use.
 */
public interface ClusterSignals {

    /**
     * Tells every other node that the topic changed: when the current transaction commits (nothing is sent if it
     * rolls back), or at once outside a transaction.
     */
    void publish(String topic);

    /**
     * Runs the listener, on the signals' own thread, whenever another node publishes the topic, and after the
     * signal connection was lost and is back (a signal may have been missed). Listeners must be quick: they mark a
     * cache stale, they do not reload it.
     */
    void subscribe(String topic, Runnable listener);

    /** Whether signals from other nodes are being received now (false on H2 and while reconnecting). */
    boolean listening();
}
