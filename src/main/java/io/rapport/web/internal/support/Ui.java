package io.rapport.web.internal.support;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationService;
import java.util.Locale;

/**
 * One request's view of Rapport: the pipeline acting as the signed-in user in the page's language, the metadata
 * snapshot the page is built from, and the locale.
 */
public record Ui(OrganizationService service, MetadataSnapshot snapshot, Locale locale, Caller caller) {

    public EntityMetadata entity(String logicalName) {
        return snapshot.entity(logicalName);
    }

    /** The language tag the metadata labels are read in: {@code en}, {@code es} or {@code pt-BR}. */
    public String language() {
        return caller.language();
    }
}
