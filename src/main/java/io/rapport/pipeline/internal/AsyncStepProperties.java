package io.rapport.pipeline.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retries of asynchronous plugin steps ({@code rapport.pipeline.async-steps.*}): at most {@code maxAttempts} runs,
 * the first retry {@code firstDelay} after the failure, each later one {@code multiplier} times longer.
 */
@ConfigurationProperties("rapport.pipeline.async-steps")
record AsyncStepProperties(Integer maxAttempts, Duration firstDelay, Double multiplier) {

    AsyncStepProperties {
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        firstDelay = firstDelay == null ? Duration.ofSeconds(30) : firstDelay;
        multiplier = multiplier == null ? 2.0 : multiplier;
    }
}
