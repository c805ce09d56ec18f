package io.rapport.importing.internal;

import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.JobScheduler;
import io.rapport.jobs.RecurringJob;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hourly, on one node of the cluster: removes uploaded files whose mapping was never submitted within
 * {@link #DRAFT_LIFETIME}, and gives every queued or running import without a background run one (imports queued
 * by a version that ran them on its own poller); every node also gives them one as it starts, since the recurring
 * job runs at the first start of a cluster only and then an hour after its last run.
 */
@Component
class ImportDraftCleanupJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(ImportDraftCleanupJob.class);

    /** How long an uploaded file waits for its mapping to be confirmed before it is removed. */
    static final Duration DRAFT_LIFETIME = Duration.ofDays(1);
    private static final int PAGE = 100;

    private final ImportJobRepository jobs;
    private final ImportFileStore files;
    private final JobScheduler scheduler;
    private final ImportRunJob runJob;

    ImportDraftCleanupJob(ImportJobRepository jobs, ImportFileStore files, @Lazy JobScheduler scheduler,
            ImportRunJob runJob) {
        this.jobs = jobs;
        this.files = files;
        this.scheduler = scheduler;
        this.runJob = runJob;
    }

    @Override
    public String name() {
        return "import-draft-cleanup";
    }

    @Override
    public JobSchedule schedule() {
        return JobSchedule.fixedDelay(Duration.ofHours(1));
    }

    @Override
    public void run(JobRun run) {
        removeDrafts(LocalDateTime.now(ZoneOffset.UTC).minus(DRAFT_LIFETIME));
        scheduleOrphans();
    }

    /** As this node starts (a rolling upgrade starts each new node in turn), once, on the starting thread. */
    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        scheduleOrphans();
    }

    /** Removes drafts (and their files) created before the cut-off whose mapping was never submitted. */
    int removeDrafts(LocalDateTime createdBefore) {
        int removed = 0;
        List<UUID> drafts;
        do {
            drafts = jobs.abandonedDrafts(createdBefore, PAGE);
            for (UUID id : drafts) {
                files.delete(id);
                jobs.delete(id);
                removed++;
            }
        } while (drafts.size() == PAGE);
        if (removed > 0) {
            log.info("Abandoned import drafts removed count={}", removed);
        }
        return removed;
    }

    /** Schedules a run for each queued or running import that has none; returns how many it scheduled. */
    int scheduleOrphans() {
        int scheduled = 0;
        UUID after = null;
        List<UUID> page;
        do {
            page = jobs.unfinished(after, PAGE);
            for (UUID id : page) {
                if (scheduler.scheduleIfAbsent(runJob, id.toString(), id.toString())) {
                    scheduled++;
                }
                after = id;
            }
        } while (page.size() == PAGE);
        if (scheduled > 0) {
            log.info("Imports without a background run given one count={}", scheduled);
        }
        return scheduled;
    }
}
