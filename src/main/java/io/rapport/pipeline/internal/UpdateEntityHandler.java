package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import io.rapport.pipeline.MetadataMessages.UpdateEntityRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** UpdateEntity: an entity's labels, auditing and change tracking (prvWriteEntity). */
@Component
class UpdateEntityHandler extends CustomizationHandler<UpdateEntityRequest, MetadataChangeResponse> {

    UpdateEntityHandler(CustomizationService customization) {
        super(customization, MetadataMessages.UPDATE_ENTITY, MetadataMessages.PRV_WRITE_ENTITY,
                UpdateEntityRequest.class);
    }

    @Override
    String entityName(UpdateEntityRequest request) {
        return request.entityName();
    }

    @Override
    List<String> missing(UpdateEntityRequest request) {
        List<String> missing = missing("EntityName", request.entityName());
        if (request.displayName() == null && request.displayCollectionName() == null
                && request.isAuditEnabled() == null && request.changeTrackingEnabled() == null) {
            missing.add("DisplayName, DisplayCollectionName, IsAuditEnabled or ChangeTrackingEnabled");
        }
        return missing;
    }

    @Override
    MetadataChangeResponse apply(UpdateEntityRequest request, MetadataSnapshot before) {
        MetadataSnapshot after = null;
        if (request.displayName() != null || request.displayCollectionName() != null) {
            after = customization.renameEntity(request.entityName(), request.displayName(),
                    request.displayCollectionName());
        }
        if (request.isAuditEnabled() != null) {
            after = customization.setAuditEnabled(request.entityName(), request.isAuditEnabled());
        }
        if (request.changeTrackingEnabled() != null) {
            after = customization.setChangeTrackingEnabled(request.entityName(), request.changeTrackingEnabled());
        }
        return new MetadataChangeResponse(after.version());
    }

    @Override
    AuditEvent.Customized audited(UpdateEntityRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        EntityMetadata e = before.entity(request.entityName());
        List<Object> changes = new ArrayList<>();
        if (request.displayName() != null) {
            changes.addAll(java.util.Arrays.asList("DisplayName", e.displayName(), request.displayName()));
        }
        if (request.displayCollectionName() != null) {
            changes.addAll(java.util.Arrays.asList("DisplayCollectionName", e.displayCollectionName(),
                    request.displayCollectionName()));
        }
        if (request.isAuditEnabled() != null) {
            changes.addAll(java.util.Arrays.asList("IsAuditEnabled", e.auditEnabled(), request.isAuditEnabled()));
        }
        if (request.changeTrackingEnabled() != null) {
            changes.addAll(java.util.Arrays.asList("ChangeTrackingEnabled", e.changeTrackingEnabled(),
                    request.changeTrackingEnabled()));
        }
        return event(e.logicalName(), MetadataNames.metadataId("entity", e.logicalName()), changes.toArray());
    }
}
