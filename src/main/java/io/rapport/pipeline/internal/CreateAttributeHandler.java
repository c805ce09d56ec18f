package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.CreateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/** CreateAttribute: a custom attribute and its column (prvCreateAttribute). */
@Component
class CreateAttributeHandler extends CustomizationHandler<CreateAttributeRequest, MetadataChangeResponse> {

    CreateAttributeHandler(CustomizationService customization) {
        super(customization, MetadataMessages.CREATE_ATTRIBUTE, MetadataMessages.PRV_CREATE_ATTRIBUTE,
                CreateAttributeRequest.class);
    }

    @Override
    String entityName(CreateAttributeRequest request) {
        return request.entityName();
    }

    @Override
    List<String> missing(CreateAttributeRequest request) {
        return missing("EntityName", request.entityName(), "Attribute", request.attribute());
    }

    @Override
    MetadataChangeResponse apply(CreateAttributeRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.addAttribute(request.entityName(), request.attribute())
                .version());
    }

    @Override
    AuditEvent.Customized audited(CreateAttributeRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        String attribute = request.attribute().logicalName();
        return event(request.entityName(), MetadataNames.metadataId("attribute", request.entityName(), attribute),
                "LogicalName", null, attribute, "AttributeType", null, request.attribute().type().dataverseName(),
                "DisplayName", null, request.attribute().displayName());
    }
}
