package io.rapport.metadata.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rapport.metadata.Label;
import io.rapport.metadata.RequiredLevel;

/**
 * Customer changes to a built-in or custom entity or attribute: labels, required level, auditing and change tracking.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MetadataOverride(Label displayName, Label displayCollectionName, RequiredLevel requiredLevel,
        Boolean auditEnabled, Boolean changeTrackingEnabled) {

    MetadataOverride(Label displayName, Label displayCollectionName, RequiredLevel requiredLevel) {
        this(displayName, displayCollectionName, requiredLevel, null, null);
    }

    MetadataOverride merge(MetadataOverride newer) {
        return new MetadataOverride(
                displayName == null ? newer.displayName : displayName.overlay(newer.displayName),
                displayCollectionName == null ? newer.displayCollectionName
                        : displayCollectionName.overlay(newer.displayCollectionName),
                newer.requiredLevel != null ? newer.requiredLevel : requiredLevel,
                newer.auditEnabled != null ? newer.auditEnabled : auditEnabled,
                newer.changeTrackingEnabled != null ? newer.changeTrackingEnabled : changeTrackingEnabled);
    }
}
