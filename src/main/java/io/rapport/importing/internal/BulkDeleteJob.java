package io.rapport.importing.internal;

import io.rapport.jobs.JobFailure;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.OneOffJob;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The background job of one bulk deletion (its bulkdeleteoperation id), run once its start time has come. */
@Component
class BulkDeleteJob implements OneOffJob<String> {

    private final BulkDeleteRunner runner;

    BulkDeleteJob(@Lazy BulkDeleteRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "bulk-delete";
    }

    @Override
    public Class<String> dataType() {
        return String.class;
    }

    @Override
    public void run(String data, JobRun run) {
        runner.run(UUID.fromString(data));
    }

    /** An unexpected error (not a refusal, which the runner records itself): the job ends Failed, not In Progress. */
    @Override
    public void failed(String data, JobFailure failure) {
        if (!failure.willRetry()) {
            runner.failed(UUID.fromString(data), "The bulk deletion stopped because of an unexpected error; the "
                    + "server log has the details of job " + data + ".");
        }
    }
}
