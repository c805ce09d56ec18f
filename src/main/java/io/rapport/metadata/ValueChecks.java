package io.rapport.metadata;

import io.rapport.record.EntityReference;

/** What validating a value needs beyond the value itself: the pipeline resolves lookups against the store. */
public interface ValueChecks {

    /** The reference checked against the attribute's targets, resolved (alternate keys to ids) and existing. */
    EntityReference resolveLookup(AttributeMetadata a, EntityReference ref);
}
