package io.rapport.pipeline;

/**
 * Tells the pipeline who the current request runs as. The security module implements it from the
 * authenticated principal; without one, requests run as the system user.
 */
public interface CallerProvider {

    Caller current();

    /** The system user, for start-up and background work. */
    Caller system();

    /** A given user as a caller of background work (an import job runs as the user who started it). */
    Caller forUser(java.util.UUID userId, Channel channel);
}
