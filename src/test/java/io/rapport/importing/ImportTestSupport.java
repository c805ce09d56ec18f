package io.rapport.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Waiting for background import jobs in tests. */
final class ImportTestSupport {

    private ImportTestSupport() {
    }

    /** Polls the job until it reaches a final state (or fails the test after the timeout). */
    static ImportJob awaitEnd(ImportService imports, UUID id, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            ImportJob job = imports.job(id).orElseThrow();
            if (job.status().isFinal()) {
                return job;
            }
            Thread.sleep(100);
        }
        ImportJob job = imports.job(id).orElseThrow();
        assertThat(job.status().isFinal()).as("job did not finish in " + timeout + ": " + job).isTrue();
        return job;
    }
}
