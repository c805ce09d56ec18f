package io.rapport.importing.internal;

import io.rapport.importing.ImportProperties;
import io.rapport.jobs.JobFailure;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobStopped;
import io.rapport.jobs.OneOffJob;
import io.rapport.jobs.RetryPolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The background job of one import (its id), on the job scheduler like every other background work: scheduled in the
 * transaction that queues the import, run by one node, run again by another node when that one dies, retried with
 * backoff when it fails unexpectedly, and due again when its node shuts down. Each attempt claims the import with a
 * token of its own before it reads the checkpoint; every batch commits its rows with the checkpoint only while the
 * import is still claimed by that token, so an attempt that was given up for dead (but still runs) rolls its batch
 * back instead of writing rows a second time.
 */
@Component
class ImportRunJob implements OneOffJob<String> {

    private static final Logger log = LoggerFactory.getLogger(ImportRunJob.class);
    static final String NAME = "import-run";

    private final ImportJobRepository jobs;
    private final ImportRunner runner;
    private final ImportProperties properties;
    private final String host = hostName();

    ImportRunJob(ImportJobRepository jobs, @Lazy ImportRunner runner, ImportProperties properties) {
        this.jobs = jobs;
        this.runner = runner;
        this.properties = properties;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<String> dataType() {
        return String.class;
    }

    @Override
    public boolean runsOnThisNode() {
        return properties.workers() > 0;
    }

    /** Unexpected failures (a lost database connection...) are tried again 4 times, after 10 s, 30 s, 90 s, 270 s. */
    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.exponential(5, Duration.ofSeconds(10), 3);
    }

    @Override
    public void run(String data, JobRun run) {
        UUID id = UUID.fromString(data);
        // claimedby is varchar(100)
        String token = (host.length() > 60 ? host.substring(0, 60) : host) + "/" + UUID.randomUUID();
        if (!jobs.claim(id, token)) {
            log.info("Import job no longer runnable job={}", id);
            return;
        }
        log.info("Import job claimed job={} node={} attempt={}", id, token, run.attempt());
        ImportRunner.Outcome outcome = runner.run(id, token, run::isStopping);
        if (outcome == ImportRunner.Outcome.STOPPED) {
            throw new JobStopped("import " + id + " back in the queue at its checkpoint");
        }
    }

    /** A failed attempt waits in the queue for its retry; the last one fails the import for its owner to see. */
    @Override
    public void failed(String data, JobFailure failure) {
        UUID id = UUID.fromString(data);
        if (failure.willRetry()) {
            jobs.requeue(id);
        } else {
            jobs.failUnfinished(id, "The import stopped because of an unexpected error; the server log has the details "
                    + "of job " + id + ".");
        }
    }
}
