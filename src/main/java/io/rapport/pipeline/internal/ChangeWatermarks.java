package io.rapport.pipeline.internal;

import io.rapport.pipeline.ChangeTrackingProperties;
import io.rapport.store.ChangeLog;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The safe watermark of change tracking. Row versions come from a sequence when a row is written, not when its
 * transaction commits, so a reader may see version 101 committed while 100 is still in flight; a token that moved
 * past 100 would lose that row. Rapport assumes a transaction commits within the commit lag of taking its versions
 * and keeps samples of the sequence with their time: every version up to a sample older than the lag is visible,
 * so a delta pass only ever moves the client's safe point to such a sample (rows after it are sent again next time,
 * which is harmless for a sync client; rows before it are never missed).
 */
@Component
class ChangeWatermarks {

    private final ChangeLog changeLog;
    private final ChangeTrackingProperties properties;

    ChangeWatermarks(ChangeLog changeLog, ChangeTrackingProperties properties) {
        this.changeLog = changeLog;
        this.properties = properties;
    }

    /** The newest sample at least the commit lag old (taking one now when the last is older than the interval). */
    ChangeLog.Watermark safeWatermark(Instant now) {
        sampleIfDue(now);
        return changeLog.watermark(now.minus(properties.commitLag()));
    }

    void sampleIfDue(Instant now) {
        Instant last = changeLog.lastSample();
        if (last == null || !last.plus(properties.sampleInterval()).isAfter(now)) {
            changeLog.sampleWatermark(now);
        }
    }
}
