package io.rapport.jobs;

import java.time.Instant;

/**
 * A failed attempt of a one-off job.
 *
 * @param attempt the attempt that failed, from 1
 * @param nextAttempt when it runs again, or {@code null} when the retries are used up and it will not
 */
public record JobFailure(String instanceId, int attempt, Throwable cause, Instant nextAttempt) {

    public boolean willRetry() {
        return nextAttempt != null;
    }
}
