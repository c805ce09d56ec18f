package io.rapport.jobs;

import java.util.function.BooleanSupplier;

/**
 * One attempt of a job instance.
 *
 * @param attempt 1 for the first attempt, 2 for the first retry...
 * @param stopping true once this node shuts down: a long job stops at its next checkpoint and throws
 *     {@link JobStopped}, so that the instance runs again (here after a restart, or on another node)
 */
public record JobRun(String instanceId, int attempt, BooleanSupplier stopping) {

    /** An attempt on a node that is not stopping (tests, benchmarks). */
    public JobRun(String instanceId, int attempt) {
        this(instanceId, attempt, () -> false);
    }

    public boolean isStopping() {
        return stopping.getAsBoolean();
    }
}
