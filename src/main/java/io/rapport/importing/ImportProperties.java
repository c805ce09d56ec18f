package io.rapport.importing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Import settings.
 *
 * @param workers jobs this node runs at once
 * @param batchSize rows per transaction (the checkpoint moves once per batch)
 * @param pollInterval how often a node looks for queued jobs
 * @param staleAfter a running job whose node sent no heartbeat for this long is taken over
 * @param maxFileBytes largest accepted upload
 */
@ConfigurationProperties("rapport.importing")
public record ImportProperties(Integer workers, Integer batchSize, Duration pollInterval, Duration staleAfter,
        Long maxFileBytes) {

    public ImportProperties {
        workers = workers == null ? 1 : workers;
        batchSize = batchSize == null ? 1000 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        staleAfter = staleAfter == null ? Duration.ofMinutes(2) : staleAfter;
        maxFileBytes = maxFileBytes == null ? 200L * 1024 * 1024 : maxFileBytes;
    }
}
