package io.rapport.pipeline.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import io.rapport.pipeline.MetadataMessages.UpdateAttributeRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** UpdateAttribute: an attribute's labels and its required level, in one change (prvWriteAttribute). */
@Component
class UpdateAttributeHandler extends CustomizationHandler<UpdateAttributeRequest, MetadataChangeResponse> {

    UpdateAttributeHandler(CustomizationService customization) {
        super(customization, MetadataMessages.UPDATE_ATTRIBUTE, MetadataMessages.PRV_WRITE_ATTRIBUTE,
                UpdateAttributeRequest.class);
    }

    @Override
    String entityName(UpdateAttributeRequest request) {
        return request.entityName();
    }

    @Override
    List<String> missing(UpdateAttributeRequest request) {
        List<String> missing = missing("EntityName", request.entityName(), "LogicalName", request.attributeName());
        if (request.displayName() == null && request.requiredLevel() == null) {
            missing.add("DisplayName or RequiredLevel");
        }
        return missing;
    }

    @Override
    MetadataChangeResponse apply(UpdateAttributeRequest request, MetadataSnapshot before) {
        MetadataSnapshot after = null;
        if (request.displayName() != null) {
            after = customization.renameAttribute(request.entityName(), request.attributeName(),
                    request.displayName());
        }
        if (request.requiredLevel() != null) {
            after = customization.setRequiredLevel(request.entityName(), request.attributeName(),
                    request.requiredLevel());
        }
        return new MetadataChangeResponse(after.version());
    }

    @Override
    AuditEvent.Customized audited(UpdateAttributeRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        AttributeMetadata a = before.entity(request.entityName()).attribute(request.attributeName());
        List<Object> changes = new ArrayList<>();
        if (request.displayName() != null) {
            changes.addAll(Arrays.asList("DisplayName", a.displayName(), request.displayName()));
        }
        if (request.requiredLevel() != null) {
            changes.addAll(Arrays.asList("RequiredLevel", a.requiredLevel(), request.requiredLevel()));
        }
        return event(request.entityName(), MetadataNames.metadataId("attribute", request.entityName(),
                a.logicalName()), changes.toArray());
    }
}
