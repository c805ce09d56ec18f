package io.rapport.cluster.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the signals between nodes ({@code rapport.cluster.*}).
 *
 * @param listen false sends and receives no signals (caches then rely on their version polls alone)
 * @param reconnectDelay the wait before opening the signal connection again after it failed
 */
@ConfigurationProperties("rapport.cluster")
record ClusterProperties(Boolean listen, Duration reconnectDelay) {

    ClusterProperties {
        listen = listen == null || listen;
        reconnectDelay = reconnectDelay == null ? Duration.ofSeconds(1) : reconnectDelay;
    }
}
