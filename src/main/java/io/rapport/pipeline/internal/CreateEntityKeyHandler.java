package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.CreateEntityKeyRequest;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/** CreateEntityKey: an alternate key and its unique index (prvCreateEntityKey). */
@Component
class CreateEntityKeyHandler extends CustomizationHandler<CreateEntityKeyRequest, MetadataChangeResponse> {

    CreateEntityKeyHandler(CustomizationService customization) {
        super(customization, MetadataMessages.CREATE_ENTITY_KEY, MetadataMessages.PRV_CREATE_ENTITY_KEY,
                CreateEntityKeyRequest.class);
    }

    @Override
    String entityName(CreateEntityKeyRequest request) {
        return request.entityName();
    }

    @Override
    List<String> missing(CreateEntityKeyRequest request) {
        return missing("EntityName", request.entityName(), "EntityKey", request.entityKey());
    }

    @Override
    MetadataChangeResponse apply(CreateEntityKeyRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.addKey(request.entityName(), request.entityKey()).version());
    }

    @Override
    AuditEvent.Customized audited(CreateEntityKeyRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        String key = request.entityKey().logicalName();
        return event(request.entityName(), MetadataNames.metadataId("key", request.entityName(), key),
                "LogicalName", null, key, "KeyAttributes", null, request.entityKey().keyAttributes());
    }
}
