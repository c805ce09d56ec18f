package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.CreateManyToManyRequest;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * CreateManyToMany: a custom many-to-many relationship and its intersect table (prvCreateRelationship, which
 * Dataverse requires to create any relationship).
 */
@Component
class CreateManyToManyHandler extends CustomizationHandler<CreateManyToManyRequest, MetadataChangeResponse> {

    CreateManyToManyHandler(CustomizationService customization) {
        super(customization, MetadataMessages.CREATE_MANY_TO_MANY, MetadataMessages.PRV_CREATE_RELATIONSHIP,
                CreateManyToManyRequest.class);
    }

    @Override
    String entityName(CreateManyToManyRequest request) {
        return request.relationship() == null ? null : request.relationship().entity1();
    }

    @Override
    List<String> missing(CreateManyToManyRequest request) {
        return missing("ManyToManyRelationship", request.relationship());
    }

    @Override
    MetadataChangeResponse apply(CreateManyToManyRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.addManyToMany(request.relationship()).version());
    }

    @Override
    AuditEvent.Customized audited(CreateManyToManyRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        var r = request.relationship();
        return event(r.entity1(), MetadataNames.metadataId("relationship", r.schemaName()), "SchemaName", null,
                r.schemaName(), "Entity1LogicalName", null, r.entity1(), "Entity2LogicalName", null, r.entity2());
    }
}
