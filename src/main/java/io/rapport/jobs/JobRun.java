package io.rapport.jobs;

/**
 * One attempt of a job instance.
 *
 * @param attempt 1 for the first attempt, 2 for the first retry...
 */
public record JobRun(String instanceId, int attempt) {
}
