package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;

/** A change an operation made, for the stage runner to hand to the {@link AuditRecorder} after post-operation. */
sealed interface AuditEvent {

    record Created(EntityMetadata entity, Entity record) implements AuditEvent {
    }

    record Updated(EntityMetadata entity, UUID id, Entity before, Entity changes) implements AuditEvent {
    }

    record Deleted(EntityMetadata entity, Entity before) implements AuditEvent {
    }

    /**
     * A customization: the message, the entity it concerns, the MetadataId of the item changed and what changed
     * (old and new values). Always recorded, whatever the entity's own audit setting.
     */
    record Customized(String message, String entityName, UUID metadataId,
            java.util.Map<String, io.rapport.audit.AttributeChange> changes) implements AuditEvent {
    }

    record Related(String operation, EntityMetadata entity, UUID id, String relationship,
            List<EntityReference> related) implements AuditEvent {
    }
}
