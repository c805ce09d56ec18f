package io.rapport.metadata;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Metadata settings.
 *
 * @param refreshInterval how often a node checks the database for a snapshot published by another node
 * @param publisherPrefix the prefix of custom entity and attribute names, with its underscore
 */
@ConfigurationProperties("rapport.metadata")
public record MetadataProperties(Duration refreshInterval, String publisherPrefix) {

    public MetadataProperties {
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(1) : refreshInterval;
        publisherPrefix = publisherPrefix == null ? "new_" : publisherPrefix;
    }
}
