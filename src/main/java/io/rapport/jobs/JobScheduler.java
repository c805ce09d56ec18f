package io.rapport.jobs;

import java.io.Serializable;
import java.time.Instant;

/**
 * Schedules instances of one-off jobs. Inside a transaction the instance is stored in it, so it exists (and runs)
 * only if that transaction commits; the run starts after the commit.
 */
public interface JobScheduler {

    /** Runs as soon as possible; fails when an instance with this id is already scheduled. */
    <T extends Serializable> void schedule(OneOffJob<T> job, String instanceId, T data);

    <T extends Serializable> void schedule(OneOffJob<T> job, String instanceId, T data, Instant at);

    /** Runs as soon as possible unless an instance with this id exists; true if this call scheduled it. */
    <T extends Serializable> boolean scheduleIfAbsent(OneOffJob<T> job, String instanceId, T data);

    /** Whether an instance waits to run or is running (a finished or given-up instance is gone). */
    boolean isScheduled(OneOffJob<?> job, String instanceId);

    /** Removes a waiting instance; returns false when there was none. */
    boolean cancel(OneOffJob<?> job, String instanceId);
}
