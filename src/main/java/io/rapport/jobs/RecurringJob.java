package io.rapport.jobs;

/**
 * Work that runs on a schedule, on one node of the cluster at a time; a failed run waits for the next one. Starts
 * being scheduled when the application starts.
 */
public interface RecurringJob {

    /** Unique among jobs and stable across versions. */
    String name();

    JobSchedule schedule();

    void run(JobRun run) throws Exception;
}
