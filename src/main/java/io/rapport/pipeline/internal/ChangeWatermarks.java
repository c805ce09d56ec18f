package io.rapport.pipeline.internal;

import io.rapport.pipeline.ChangeTrackingProperties;
import io.rapport.store.ChangeLog;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.springframework.stereotype.Component;

/**
 * The safe watermark of change tracking. Row versions come from a sequence when a row is written, not when its
 * transaction commits, so a reader may see version 101 committed while 100 is still in flight; a token that moved
 * past 100 would lose that row. Rapport assumes a transaction commits within the commit lag of taking its versions
 * and keeps samples of the sequence with their time: every version up to a sample older than the lag is visible,
 * so a delta pass only ever moves the client's safe point to such a sample (rows after it are sent again next time,
 * which is harmless for a sync client; rows before it are never missed).
 *
 * <p>The node keeps the samples it took (and the newest one it read) in memory, so a delta reads no sample from the
 * database once the node has one older than the lag, and a sample a delta takes is only a value of the sequence (no
 * row written, nothing for a failed message to leave behind). The cleanup job writes one to
 * {@code sys_change_watermark} every interval for nodes that start later. Another node's newer samples are not seen
 * here, which only keeps this node's safe point a little further back (rows sent again, never missed).
 */
@Component
class ChangeWatermarks {

    /** At most this many samples in memory (only a sample interval far below the commit lag comes near it). */
    private static final int KEPT = 1024;

    private final ChangeLog changeLog;
    private final ChangeTrackingProperties properties;
    private final Deque<ChangeLog.Watermark> samples = new ArrayDeque<>();
    private boolean loaded;

    ChangeWatermarks(ChangeLog changeLog, ChangeTrackingProperties properties) {
        this.changeLog = changeLog;
        this.properties = properties;
    }

    /** The newest sample at least the commit lag old (taking one now when the last is older than the interval). */
    ChangeLog.Watermark safeWatermark(Instant now) {
        sampleIfDue(now);
        Instant notAfter = now.minus(properties.commitLag());
        synchronized (this) {
            for (Iterator<ChangeLog.Watermark> i = samples.descendingIterator(); i.hasNext();) {
                ChangeLog.Watermark w = i.next();
                if (!w.takenOn().isAfter(notAfter)) {
                    // time only moves on: the samples before this one will never be the answer again
                    while (samples.peekFirst() != w) {
                        samples.removeFirst();
                    }
                    return w;
                }
            }
            if (loaded) {
                return null;
            }
        }
        // a node that has no sample old enough yet (just started) looks for one the organization kept
        ChangeLog.Watermark stored = changeLog.watermark(notAfter);
        synchronized (this) {
            loaded = true;
            if (stored != null) {
                add(stored);
            }
        }
        return stored;
    }

    /** Takes a sample in memory when the last is older than the interval. */
    void sampleIfDue(Instant now) {
        synchronized (this) {
            ChangeLog.Watermark last = samples.peekLast();
            if (last != null && last.takenOn().plus(properties.sampleInterval()).isAfter(now)) {
                return;
            }
        }
        ChangeLog.Watermark taken = new ChangeLog.Watermark(changeLog.nextVersion(), now);
        synchronized (this) {
            add(taken);
        }
    }

    /** Takes a sample and writes it down (the cleanup job, every interval), for nodes that start later. */
    void sampleAndKeep(Instant now) {
        ChangeLog.Watermark taken = changeLog.sampleWatermark(now);
        synchronized (this) {
            add(taken);
        }
    }

    /** Keeps samples ordered by time; drops the oldest beyond the kept number. */
    private void add(ChangeLog.Watermark w) {
        ChangeLog.Watermark last = samples.peekLast();
        if (last == null || !w.takenOn().isBefore(last.takenOn())) {
            samples.addLast(w);
        } else {
            Deque<ChangeLog.Watermark> sorted = new ArrayDeque<>();
            boolean placed = false;
            for (ChangeLog.Watermark s : samples) {
                if (!placed && w.takenOn().isBefore(s.takenOn())) {
                    sorted.addLast(w);
                    placed = true;
                }
                sorted.addLast(s);
            }
            samples.clear();
            samples.addAll(sorted);
        }
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
    }
}
