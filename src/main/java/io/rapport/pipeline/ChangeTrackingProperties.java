package io.rapport.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Change tracking ({@code rapport.change-tracking.*}): a data version (delta token) is good for {@code expiry} (7 days,
 * tombstones are kept that long plus the lag); a transaction is assumed to commit within {@code commitLag} (30 s) of
 * taking its row versions; watermark samples are taken every {@code sampleInterval} (5 s).
 */
@ConfigurationProperties("rapport.change-tracking")
public record ChangeTrackingProperties(Duration expiry, Duration commitLag, Duration sampleInterval) {

    public ChangeTrackingProperties {
        expiry = expiry == null ? Duration.ofDays(7) : expiry;
        commitLag = commitLag == null ? Duration.ofSeconds(30) : commitLag;
        sampleInterval = sampleInterval == null ? Duration.ofSeconds(5) : sampleInterval;
    }
}
