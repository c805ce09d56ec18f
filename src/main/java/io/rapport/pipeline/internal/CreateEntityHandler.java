package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/** CreateEntity: a custom entity with its primary name attribute and its table (prvCreateEntity). */
@Component
class CreateEntityHandler extends CustomizationHandler<CreateEntityRequest, MetadataChangeResponse> {

    CreateEntityHandler(CustomizationService customization) {
        super(customization, MetadataMessages.CREATE_ENTITY, MetadataMessages.PRV_CREATE_ENTITY,
                CreateEntityRequest.class);
    }

    @Override
    String entityName(CreateEntityRequest request) {
        return request.entity() == null ? null : request.entity().logicalName();
    }

    @Override
    List<String> missing(CreateEntityRequest request) {
        return missing("Entity", request.entity());
    }

    @Override
    MetadataChangeResponse apply(CreateEntityRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.addEntity(request.entity()).version());
    }

    @Override
    AuditEvent.Customized audited(CreateEntityRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        String name = request.entity().logicalName();
        return event(name, MetadataNames.metadataId("entity", name), "LogicalName", null, name,
                "DisplayName", null, request.entity().displayName());
    }
}
