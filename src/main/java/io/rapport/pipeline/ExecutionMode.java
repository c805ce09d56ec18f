package io.rapport.pipeline;

/** Whether a plugin step runs inside the message or after its commit, as Dataverse's step modes. */
public enum ExecutionMode {
    /** In the message's transaction; a failure rolls the message back. */
    SYNCHRONOUS,
    /**
     * Post-operation only: after the message commits, from the background job queue, retried with backoff; each run
     * and its outcome is an {@code asyncoperation} record its owner and administrators can read.
     */
    ASYNCHRONOUS
}
