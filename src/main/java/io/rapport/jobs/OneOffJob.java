package io.rapport.jobs;

import java.io.Serializable;

/**
 * Work that runs once per scheduled instance, on one node, after the transaction that scheduled it commits. A
 * run that throws is retried as its {@link #retryPolicy()} says; {@link #failed} hears of every failed attempt.
 *
 * @param <T> the data of an instance, stored with it (Java serialization: keep it small and stable, e.g. an id)
 */
public interface OneOffJob<T extends Serializable> {

    /** Unique among jobs and stable across versions: stored instances are found by it. */
    String name();

    Class<T> dataType();

    void run(T data, JobRun run) throws Exception;

    /**
     * Whether this node runs instances of the job. A node that does not still schedules them (another node runs
     * them); e.g. nodes set to serve requests only.
     */
    default boolean runsOnThisNode() {
        return true;
    }

    default RetryPolicy retryPolicy() {
        return RetryPolicy.none();
    }

    /** Called after each failed attempt (outside the attempt's transaction), e.g. to make the failure visible. */
    default void failed(T data, JobFailure failure) {
    }
}
