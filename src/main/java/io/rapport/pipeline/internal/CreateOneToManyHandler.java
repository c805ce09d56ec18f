package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;
import io.rapport.pipeline.MetadataMessages.CreateOneToManyRequest;

/** CreateOneToMany: a custom lookup attribute and the one-to-many relationship behind it (prvCreateRelationship). */
@Component
class CreateOneToManyHandler extends CustomizationHandler<CreateOneToManyRequest, MetadataChangeResponse> {

    CreateOneToManyHandler(CustomizationService customization) {
        super(customization, MetadataMessages.CREATE_ONE_TO_MANY, MetadataMessages.PRV_CREATE_RELATIONSHIP,
                CreateOneToManyRequest.class);
    }

    @Override
    String entityName(CreateOneToManyRequest request) {
        return request.referencingEntity();
    }

    @Override
    List<String> missing(CreateOneToManyRequest request) {
        List<String> missing = missing("ReferencingEntity", request.referencingEntity(), "Lookup", request.lookup());
        if (request.lookup() != null && (request.lookup().relationships().size() != 1
                || request.lookup().relationships().get(0).name() == null)) {
            missing.add("SchemaName");
        }
        if (request.lookup() != null && !request.lookup().type().isLookup()) {
            missing.add("Lookup of type Lookup");
        }
        return missing;
    }

    @Override
    MetadataChangeResponse apply(CreateOneToManyRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.addAttribute(request.referencingEntity(), request.lookup())
                .version());
    }

    @Override
    AuditEvent.Customized audited(CreateOneToManyRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        String name = request.lookup().relationships().get(0).name();
        return event(request.referencingEntity(), MetadataNames.metadataId("relationship", name), "SchemaName", null,
                name, "ReferencingAttribute", null, request.lookup().logicalName(), "ReferencedEntity", null,
                request.lookup().targets());
    }
}
