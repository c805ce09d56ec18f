package io.rapport.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Import settings.
 *
 * @param workers 0: this node runs no imports (it serves requests; other nodes run them); otherwise it runs them on
 *     the job scheduler, as many at once as {@code rapport.jobs.threads} allows
 * @param batchSize rows per transaction (the checkpoint moves once per batch)
 * @param maxFileBytes largest accepted upload
 * @param parallelBatches how many batches of one import are written at once, each in its own transaction, committed
 *     in file order (PostgreSQL only; 1 writes one batch after another, as H2 always does)
 */
@ConfigurationProperties("rapport.importing")
public record ImportProperties(Integer workers, Integer batchSize, Long maxFileBytes, Integer parallelBatches) {

    public ImportProperties {
        workers = workers == null ? 1 : workers;
        batchSize = batchSize == null ? 1000 : batchSize;
        maxFileBytes = maxFileBytes == null ? 200L * 1024 * 1024 : maxFileBytes;
        parallelBatches = parallelBatches == null ? 2 : Math.max(1, parallelBatches);
    }
}
