package io.rapport.pipeline.internal;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.DeleteAttributeRequest;
import io.rapport.pipeline.MetadataMessages.DeleteEntityKeyRequest;
import io.rapport.pipeline.MetadataMessages.DeleteEntityRequest;
import io.rapport.pipeline.MetadataMessages.DeleteOptionSetRequest;
import io.rapport.pipeline.MetadataMessages.DeleteRelationshipRequest;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The customization messages that delete: DeleteEntity, DeleteAttribute, DeleteRelationship, DeleteOptionSet and
 * DeleteEntityKey, each with its Dataverse privilege; the metadata module refuses built-in items and items others
 * depend on. The audit entry names what was deleted by its MetadataId.
 */
final class DeleteCustomizationHandlers {

    private DeleteCustomizationHandlers() {
    }

    @Component
    static class DeleteEntity extends CustomizationHandler<DeleteEntityRequest, MetadataChangeResponse> {

        DeleteEntity(CustomizationService customization) {
            super(customization, MetadataMessages.DELETE_ENTITY, MetadataMessages.PRV_DELETE_ENTITY,
                    DeleteEntityRequest.class);
        }

        @Override
        String entityName(DeleteEntityRequest request) {
            return request.entityName();
        }

        @Override
        List<String> missing(DeleteEntityRequest request) {
            return missing("LogicalName", request.entityName());
        }

        @Override
        MetadataChangeResponse apply(DeleteEntityRequest request, MetadataSnapshot before) {
            return new MetadataChangeResponse(customization.deleteEntity(request.entityName()).version());
        }

        @Override
        AuditEvent.Customized audited(DeleteEntityRequest request, MetadataChangeResponse response,
                MetadataSnapshot before) {
            String name = request.entityName();
            return event(name, MetadataNames.metadataId("entity", name), "LogicalName", name, null);
        }
    }

    @Component
    static class DeleteAttribute extends CustomizationHandler<DeleteAttributeRequest, MetadataChangeResponse> {

        DeleteAttribute(CustomizationService customization) {
            super(customization, MetadataMessages.DELETE_ATTRIBUTE, MetadataMessages.PRV_DELETE_ATTRIBUTE,
                    DeleteAttributeRequest.class);
        }

        @Override
        String entityName(DeleteAttributeRequest request) {
            return request.entityName();
        }

        @Override
        List<String> missing(DeleteAttributeRequest request) {
            return missing("EntityLogicalName", request.entityName(), "LogicalName", request.attributeName());
        }

        @Override
        MetadataChangeResponse apply(DeleteAttributeRequest request, MetadataSnapshot before) {
            return new MetadataChangeResponse(customization.deleteAttribute(request.entityName(),
                    request.attributeName()).version());
        }

        @Override
        AuditEvent.Customized audited(DeleteAttributeRequest request, MetadataChangeResponse response,
                MetadataSnapshot before) {
            return event(request.entityName(), MetadataNames.metadataId("attribute", request.entityName(),
                    request.attributeName()), "LogicalName", request.attributeName(), null);
        }
    }

    @Component
    static class DeleteRelationship extends CustomizationHandler<DeleteRelationshipRequest, MetadataChangeResponse> {

        DeleteRelationship(CustomizationService customization) {
            super(customization, MetadataMessages.DELETE_RELATIONSHIP, MetadataMessages.PRV_DELETE_RELATIONSHIP,
                    DeleteRelationshipRequest.class);
        }

        @Override
        String entityName(DeleteRelationshipRequest request) {
            return null;
        }

        @Override
        List<String> missing(DeleteRelationshipRequest request) {
            return missing("Name", request.name());
        }

        @Override
        MetadataChangeResponse apply(DeleteRelationshipRequest request, MetadataSnapshot before) {
            return new MetadataChangeResponse(customization.deleteRelationship(request.name()).version());
        }

        @Override
        AuditEvent.Customized audited(DeleteRelationshipRequest request, MetadataChangeResponse response,
                MetadataSnapshot before) {
            String entity = before.findManyToMany(request.name()).map(r -> r.entity1()).orElseGet(() -> before
                    .findOneToMany(request.name()).map(r -> r.referencingEntity()).orElse(null));
            return event(entity, MetadataNames.metadataId("relationship", request.name()), "SchemaName",
                    request.name(), null);
        }
    }

    @Component
    static class DeleteOptionSet extends CustomizationHandler<DeleteOptionSetRequest, MetadataChangeResponse> {

        DeleteOptionSet(CustomizationService customization) {
            super(customization, MetadataMessages.DELETE_OPTION_SET, MetadataMessages.PRV_DELETE_OPTION_SET,
                    DeleteOptionSetRequest.class);
        }

        @Override
        String entityName(DeleteOptionSetRequest request) {
            return null;
        }

        @Override
        List<String> missing(DeleteOptionSetRequest request) {
            return missing("Name", request.name());
        }

        @Override
        MetadataChangeResponse apply(DeleteOptionSetRequest request, MetadataSnapshot before) {
            return new MetadataChangeResponse(customization.deleteOptionSet(request.name()).version());
        }

        @Override
        AuditEvent.Customized audited(DeleteOptionSetRequest request, MetadataChangeResponse response,
                MetadataSnapshot before) {
            return event(request.name(), MetadataNames.metadataId("optionset", request.name()), "Name",
                    request.name(), null);
        }
    }

    @Component
    static class DeleteEntityKey extends CustomizationHandler<DeleteEntityKeyRequest, MetadataChangeResponse> {

        DeleteEntityKey(CustomizationService customization) {
            super(customization, MetadataMessages.DELETE_ENTITY_KEY, MetadataMessages.PRV_DELETE_ENTITY_KEY,
                    DeleteEntityKeyRequest.class);
        }

        @Override
        String entityName(DeleteEntityKeyRequest request) {
            return request.entityName();
        }

        @Override
        List<String> missing(DeleteEntityKeyRequest request) {
            return missing("EntityLogicalName", request.entityName(), "Name", request.name());
        }

        @Override
        MetadataChangeResponse apply(DeleteEntityKeyRequest request, MetadataSnapshot before) {
            return new MetadataChangeResponse(customization.deleteKey(request.entityName(), request.name())
                    .version());
        }

        @Override
        AuditEvent.Customized audited(DeleteEntityKeyRequest request, MetadataChangeResponse response,
                MetadataSnapshot before) {
            return event(request.entityName(), MetadataNames.metadataId("key", request.entityName(),
                    request.name()), "LogicalName", request.name(), null);
        }
    }
}
