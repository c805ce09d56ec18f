package io.rapport.pipeline;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.RequiredLevel;
import java.util.List;

/**
 * The customization messages, named as Dataverse's metadata messages (CreateEntity, CreateAttribute, UpdateEntity,
 * UpdateAttribute, InsertOptionValue, CreateManyToMany, CreateEntityKey). Each runs through the stage runner like
 * any message: pre-validation, the check of its customization privilege, then in one transaction pre-operation,
 * the change (stored, applied to the schema, published as a new metadata snapshot after commit), post-operation and
 * an audit entry. Nothing else changes metadata at run time.
 */
public final class MetadataMessages {

    public static final String CREATE_ENTITY = "CreateEntity";
    public static final String CREATE_ATTRIBUTE = "CreateAttribute";
    public static final String UPDATE_ENTITY = "UpdateEntity";
    public static final String UPDATE_ATTRIBUTE = "UpdateAttribute";
    public static final String INSERT_OPTION_VALUE = "InsertOptionValue";
    public static final String CREATE_MANY_TO_MANY = "CreateManyToMany";
    public static final String CREATE_ENTITY_KEY = "CreateEntityKey";

    /** Dataverse's privileges of the customization messages (entity privileges of its metadata entities). */
    public static final String PRV_CREATE_ENTITY = "prvCreateEntity";
    public static final String PRV_WRITE_ENTITY = "prvWriteEntity";
    public static final String PRV_CREATE_ATTRIBUTE = "prvCreateAttribute";
    public static final String PRV_WRITE_ATTRIBUTE = "prvWriteAttribute";
    public static final String PRV_WRITE_OPTION_SET = "prvWriteOptionSet";
    public static final String PRV_CREATE_RELATIONSHIP = "prvCreateRelationship";
    public static final String PRV_CREATE_ENTITY_KEY = "prvCreateEntityKey";

    /** Every customization privilege, for the security module's privilege catalog. */
    public static final List<String> PRIVILEGES = List.of(PRV_CREATE_ENTITY, PRV_WRITE_ENTITY, PRV_CREATE_ATTRIBUTE,
            PRV_WRITE_ATTRIBUTE, PRV_WRITE_OPTION_SET, PRV_CREATE_RELATIONSHIP, PRV_CREATE_ENTITY_KEY);

    private MetadataMessages() {
    }

    /** What a customization message answers: the version of the metadata it published. */
    public record MetadataChangeResponse(long metadataVersion) implements OrganizationResponse {
    }

    /** Adds a custom entity with its primary name attribute and any further attributes (prvCreateEntity). */
    public record CreateEntityRequest(EntityMetadata entity) implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return CREATE_ENTITY;
        }
    }

    /** Adds a custom attribute to an entity and its column to the table (prvCreateAttribute). */
    public record CreateAttributeRequest(String entityName, AttributeMetadata attribute)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return CREATE_ATTRIBUTE;
        }
    }

    /**
     * Changes an entity's labels per language, whether its records are audited and whether changes are tracked
     * (prvWriteEntity); a {@code null} part is left as it is, languages not given keep their label.
     */
    public record UpdateEntityRequest(String entityName, Label displayName, Label displayCollectionName,
            Boolean isAuditEnabled, Boolean changeTrackingEnabled) implements OrganizationRequest<MetadataChangeResponse> {

        public static UpdateEntityRequest rename(String entityName, Label displayName, Label displayCollectionName) {
            return new UpdateEntityRequest(entityName, displayName, displayCollectionName, null, null);
        }

        public static UpdateEntityRequest auditing(String entityName, boolean enabled) {
            return new UpdateEntityRequest(entityName, null, null, enabled, null);
        }

        public static UpdateEntityRequest changeTracking(String entityName, boolean enabled) {
            return new UpdateEntityRequest(entityName, null, null, null, enabled);
        }

        @Override
        public String messageName() {
            return UPDATE_ENTITY;
        }
    }

    /** Changes an attribute's label per language and/or its required level (prvWriteAttribute). */
    public record UpdateAttributeRequest(String entityName, String attributeName, Label displayName,
            RequiredLevel requiredLevel) implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return UPDATE_ATTRIBUTE;
        }
    }

    /**
     * Adds a value to an option set (prvWriteOptionSet): a global one by {@code optionSetName}, or the local one of
     * {@code entityLogicalName.attributeLogicalName}. A value of 0 or less takes the next free custom value.
     */
    public record InsertOptionValueRequest(String optionSetName, String entityLogicalName, String attributeLogicalName,
            OptionMetadata option) implements OrganizationRequest<InsertOptionValueResponse> {

        /** The option set as the customization service names it: global name, or entity.attribute. */
        public String target() {
            return optionSetName != null ? optionSetName : entityLogicalName + "." + attributeLogicalName;
        }

        @Override
        public String messageName() {
            return INSERT_OPTION_VALUE;
        }
    }

    public record InsertOptionValueResponse(int newOptionValue, long metadataVersion) implements OrganizationResponse {
    }

    /** Adds a custom many-to-many relationship and its intersect table (prvCreateRelationship). */
    public record CreateManyToManyRequest(ManyToManyRelationship relationship)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return CREATE_MANY_TO_MANY;
        }
    }

    /** Adds an alternate key to an entity and its unique index (prvCreateEntityKey). */
    public record CreateEntityKeyRequest(String entityName, EntityKeyMetadata entityKey)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return CREATE_ENTITY_KEY;
        }
    }
}
