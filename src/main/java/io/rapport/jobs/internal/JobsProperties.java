package io.rapport.jobs.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the background job scheduler ({@code rapport.jobs.*}).
 *
 * @param enabled false leaves jobs scheduled but runs none on this node
 * @param pollingInterval how often a node looks for due jobs (runs scheduled on this node start at once)
 * @param threads jobs run at the same time on one node
 * @param shutdownWait how long stopping waits for running jobs
 * @param heartbeatInterval how often a node marks the jobs it runs as alive
 * @param missedHeartbeats heartbeats a running job may miss before another node takes it as dead (its node killed
 *     or cut off) and runs it again (at least 4): a dead node's work resumes after about
 *     {@code heartbeatInterval * missedHeartbeats}
 */
@ConfigurationProperties("rapport.jobs")
record JobsProperties(Boolean enabled, Duration pollingInterval, Integer threads, Duration shutdownWait,
        Duration heartbeatInterval, Integer missedHeartbeats) {

    JobsProperties {
        enabled = enabled == null || enabled;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(5) : pollingInterval;
        threads = threads == null ? 4 : threads;
        shutdownWait = shutdownWait == null ? Duration.ofSeconds(10) : shutdownWait;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(30) : heartbeatInterval;
        missedHeartbeats = missedHeartbeats == null ? 4 : missedHeartbeats;
    }
}
