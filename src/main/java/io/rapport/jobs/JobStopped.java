package io.rapport.jobs;

/**
 * Thrown by a one-off job that stopped early at a checkpoint because its node shuts down
 * ({@link JobRun#isStopping()}): the instance is due again at once, for this node after a restart or for another
 * node, and the stop does not count as a failed attempt.
 */
public class JobStopped extends RuntimeException {

    public JobStopped(String message) {
        super(message, null, false, false);
    }
}
