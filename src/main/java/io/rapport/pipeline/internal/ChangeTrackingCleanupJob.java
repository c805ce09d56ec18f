package io.rapport.pipeline.internal;

import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.RecurringJob;
import io.rapport.pipeline.ChangeTrackingProperties;
import io.rapport.store.ChangeLog;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps change tracking's tables small: takes a watermark sample every interval, removes tombstones once no valid
 * data version can need them (older than the expiry plus the commit lag) and samples older than the expiry.
 */
@Component
class ChangeTrackingCleanupJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(ChangeTrackingCleanupJob.class);

    private final ChangeLog changeLog;
    private final ChangeWatermarks watermarks;
    private final ChangeTrackingProperties properties;
    private final Clock clock;

    ChangeTrackingCleanupJob(ChangeLog changeLog, ChangeWatermarks watermarks, ChangeTrackingProperties properties,
            Clock clock) {
        this.changeLog = changeLog;
        this.watermarks = watermarks;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "change-tracking-cleanup";
    }

    @Override
    public JobSchedule schedule() {
        return JobSchedule.fixedDelay(properties.sampleInterval());
    }

    @Override
    public void run(JobRun run) {
        Instant now = clock.instant();
        watermarks.sampleAndKeep(now);
        Instant cutoff = now.minus(properties.expiry()).minus(properties.commitLag());
        int removed = changeLog.purge(cutoff);
        changeLog.purgeWatermarks(now.minus(properties.expiry()));
        if (removed > 0) {
            log.info("Change tracking tombstones removed count={} before={}", removed, cutoff);
        }
    }
}
