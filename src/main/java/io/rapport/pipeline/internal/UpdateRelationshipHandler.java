package io.rapport.pipeline.internal;

import io.rapport.metadata.CascadeConfiguration;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import io.rapport.pipeline.MetadataMessages.UpdateRelationshipRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** UpdateRelationship: new cascade behaviour for a custom one-to-many relationship (prvWriteRelationship). */
@Component
class UpdateRelationshipHandler extends CustomizationHandler<UpdateRelationshipRequest, MetadataChangeResponse> {

    UpdateRelationshipHandler(CustomizationService customization) {
        super(customization, MetadataMessages.UPDATE_RELATIONSHIP, MetadataMessages.PRV_WRITE_RELATIONSHIP,
                UpdateRelationshipRequest.class);
    }

    @Override
    String entityName(UpdateRelationshipRequest request) {
        return null;
    }

    @Override
    List<String> missing(UpdateRelationshipRequest request) {
        return missing("Name", request.name());
    }

    @Override
    MetadataChangeResponse apply(UpdateRelationshipRequest request, MetadataSnapshot before) {
        return new MetadataChangeResponse(customization.updateRelationship(request.name(), request.cascade())
                .version());
    }

    @Override
    AuditEvent.Customized audited(UpdateRelationshipRequest request, MetadataChangeResponse response,
            MetadataSnapshot before) {
        OneToManyRelationship old = before.findOneToMany(request.name()).orElse(null);
        String entity = old != null ? old.referencingEntity() : before.findManyToMany(request.name())
                .map(r -> r.entity1()).orElse(null);
        CascadeConfiguration was = old == null ? null : old.cascade();
        return event(entity, MetadataNames.metadataId("relationship", request.name()), "CascadeConfiguration",
                plain(was), plain(request.cascade() == null ? was : request.cascade()));
    }

    /** The cascade as Dataverse names its values, for the audit history. */
    private static Map<String, String> plain(CascadeConfiguration c) {
        if (c == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Delete", c.delete().dataverseName());
        values.put("Assign", c.assign().dataverseName());
        values.put("Share", c.share().dataverseName());
        return values;
    }
}
