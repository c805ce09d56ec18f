package io.rapport.jobs;

import java.time.Duration;

/**
 * How often a failed one-off job runs again: up to {@code maxAttempts} attempts in all, the n-th retry
 * {@code firstDelay * multiplier^(n-1)} after the failure.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, double multiplier) {

    public RetryPolicy {
        if (maxAttempts < 1 || firstDelay.isNegative() || multiplier < 1) {
            throw new IllegalArgumentException("Invalid retry policy " + maxAttempts + "/" + firstDelay + "/"
                    + multiplier);
        }
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1);
    }

    public static RetryPolicy exponential(int maxAttempts, Duration firstDelay, double multiplier) {
        return new RetryPolicy(maxAttempts, firstDelay, multiplier);
    }

    /** The wait after the given failed attempt (from 1). */
    public Duration delayAfter(int failedAttempt) {
        return Duration.ofMillis(Math.round(firstDelay.toMillis() * Math.pow(multiplier, failedAttempt - 1)));
    }
}
