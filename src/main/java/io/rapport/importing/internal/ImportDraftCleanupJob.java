package io.rapport.importing.internal;

import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.RecurringJob;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Hourly, on one node of the cluster: removes uploaded files whose mapping was never submitted within
 * {@link ImportWorker#DRAFT_LIFETIME}.
 */
@Component
class ImportDraftCleanupJob implements RecurringJob {

    private final ImportWorker worker;

    ImportDraftCleanupJob(ImportWorker worker) {
        this.worker = worker;
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
        worker.removeDrafts(LocalDateTime.now(ZoneOffset.UTC).minus(ImportWorker.DRAFT_LIFETIME));
    }
}
