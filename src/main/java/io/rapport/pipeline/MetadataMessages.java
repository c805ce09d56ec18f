package io.rapport.pipeline;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.CascadeConfiguration;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.RequiredLevel;
import java.util.List;

/**
 * The customization messages, named as Dataverse's metadata messages (CreateEntity, CreateAttribute, UpdateEntity,
 * UpdateAttribute, InsertOptionValue, InsertStatusValue, CreateManyToMany, CreateEntityKey). Each runs through the stage runner like
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
    public static final String INSERT_STATUS_VALUE = "InsertStatusValue";
    public static final String CREATE_MANY_TO_MANY = "CreateManyToMany";
    public static final String CREATE_ENTITY_KEY = "CreateEntityKey";
    public static final String UPDATE_OPTION_VALUE = "UpdateOptionValue";
    public static final String DELETE_OPTION_VALUE = "DeleteOptionValue";
    public static final String ORDER_OPTION = "OrderOption";
    public static final String CREATE_OPTION_SET = "CreateOptionSet";
    public static final String UPDATE_OPTION_SET = "UpdateOptionSet";
    public static final String CREATE_ONE_TO_MANY = "CreateOneToMany";
    public static final String UPDATE_RELATIONSHIP = "UpdateRelationship";
    public static final String PUBLISH_XML = "PublishXml";
    public static final String PUBLISH_ALL_XML = "PublishAllXml";
    public static final String DELETE_ENTITY = "DeleteEntity";
    public static final String DELETE_ATTRIBUTE = "DeleteAttribute";
    public static final String DELETE_RELATIONSHIP = "DeleteRelationship";
    public static final String DELETE_OPTION_SET = "DeleteOptionSet";
    public static final String DELETE_ENTITY_KEY = "DeleteEntityKey";

    /** Dataverse's privileges of the customization messages (entity privileges of its metadata entities). */
    public static final String PRV_CREATE_ENTITY = "prvCreateEntity";
    public static final String PRV_WRITE_ENTITY = "prvWriteEntity";
    public static final String PRV_CREATE_ATTRIBUTE = "prvCreateAttribute";
    public static final String PRV_WRITE_ATTRIBUTE = "prvWriteAttribute";
    public static final String PRV_WRITE_OPTION_SET = "prvWriteOptionSet";
    public static final String PRV_CREATE_RELATIONSHIP = "prvCreateRelationship";
    public static final String PRV_WRITE_RELATIONSHIP = "prvWriteRelationship";
    public static final String PRV_CREATE_ENTITY_KEY = "prvCreateEntityKey";
    public static final String PRV_CREATE_OPTION_SET = "prvCreateOptionSet";
    public static final String PRV_DELETE_ENTITY = "prvDeleteEntity";
    public static final String PRV_DELETE_ATTRIBUTE = "prvDeleteAttribute";
    public static final String PRV_DELETE_RELATIONSHIP = "prvDeleteRelationship";
    public static final String PRV_DELETE_OPTION_SET = "prvDeleteOptionSet";
    public static final String PRV_DELETE_ENTITY_KEY = "prvDeleteEntityKey";
    /** What Dataverse's PublishXml and PublishAllXml need (with read privileges on forms and views). */
    public static final String PRV_READ_CUSTOMIZATION = "prvReadCustomization";

    /** Every customization privilege, for the security module's privilege catalog. */
    public static final List<String> PRIVILEGES = List.of(PRV_CREATE_ENTITY, PRV_WRITE_ENTITY, PRV_CREATE_ATTRIBUTE,
            PRV_WRITE_ATTRIBUTE, PRV_WRITE_OPTION_SET, PRV_CREATE_RELATIONSHIP, PRV_WRITE_RELATIONSHIP,
            PRV_CREATE_ENTITY_KEY,
            PRV_CREATE_OPTION_SET, PRV_READ_CUSTOMIZATION, PRV_DELETE_ENTITY, PRV_DELETE_ATTRIBUTE,
            PRV_DELETE_RELATIONSHIP, PRV_DELETE_OPTION_SET, PRV_DELETE_ENTITY_KEY);

    /**
     * The customization messages Dataverse's Web API calls as unbound actions, with their parameters and outputs as
     * in its CSDL (InsertOptionValue answers InsertOptionValueResponse with NewOptionValue; the others nothing).
     * The Web API routes them to the typed requests of this class and describes them in $metadata.
     */
    public static final List<ActionDefinition> WEB_API_ACTIONS = List.of(
            new ActionDefinition(INSERT_OPTION_VALUE, null, false, List.of(
                    ActionDefinition.Parameter.optional("OptionSetName", "String"),
                    ActionDefinition.Parameter.optional("AttributeLogicalName", "String"),
                    ActionDefinition.Parameter.optional("EntityLogicalName", "String"),
                    ActionDefinition.Parameter.optional("Value", "Int32"),
                    ActionDefinition.Parameter.required("Label", "Label"),
                    ActionDefinition.Parameter.optional("Description", "Label"),
                    ActionDefinition.Parameter.optional("SolutionUniqueName", "String")),
                    List.of(ActionDefinition.Parameter.required("NewOptionValue", "Int32"))),
            new ActionDefinition(INSERT_STATUS_VALUE, null, false, List.of(
                    ActionDefinition.Parameter.optional("OptionSetName", "String"),
                    ActionDefinition.Parameter.optional("AttributeLogicalName", "String"),
                    ActionDefinition.Parameter.optional("EntityLogicalName", "String"),
                    ActionDefinition.Parameter.optional("Value", "Int32"),
                    ActionDefinition.Parameter.required("Label", "Label"),
                    ActionDefinition.Parameter.optional("Description", "Label"),
                    ActionDefinition.Parameter.required("StateCode", "Int32"),
                    ActionDefinition.Parameter.optional("Color", "String"),
                    ActionDefinition.Parameter.optional("SolutionUniqueName", "String")),
                    List.of(ActionDefinition.Parameter.required("NewOptionValue", "Int32"))),
            new ActionDefinition(UPDATE_OPTION_VALUE, null, false, List.of(
                    ActionDefinition.Parameter.optional("OptionSetName", "String"),
                    ActionDefinition.Parameter.optional("AttributeLogicalName", "String"),
                    ActionDefinition.Parameter.optional("EntityLogicalName", "String"),
                    ActionDefinition.Parameter.required("Value", "Int32"),
                    ActionDefinition.Parameter.required("Label", "Label"),
                    ActionDefinition.Parameter.optional("Description", "Label"),
                    ActionDefinition.Parameter.required("MergeLabels", "Boolean"),
                    ActionDefinition.Parameter.optional("SolutionUniqueName", "String")), List.of()),
            new ActionDefinition(DELETE_OPTION_VALUE, null, false, List.of(
                    ActionDefinition.Parameter.optional("OptionSetName", "String"),
                    ActionDefinition.Parameter.optional("AttributeLogicalName", "String"),
                    ActionDefinition.Parameter.optional("EntityLogicalName", "String"),
                    ActionDefinition.Parameter.required("Value", "Int32"),
                    ActionDefinition.Parameter.optional("SolutionUniqueName", "String")), List.of()),
            new ActionDefinition(ORDER_OPTION, null, false, List.of(
                    ActionDefinition.Parameter.optional("OptionSetName", "String"),
                    ActionDefinition.Parameter.optional("AttributeLogicalName", "String"),
                    ActionDefinition.Parameter.optional("EntityLogicalName", "String"),
                    ActionDefinition.Parameter.required("Values", "Int32Array"),
                    ActionDefinition.Parameter.optional("SolutionUniqueName", "String")), List.of()),
            new ActionDefinition(PUBLISH_XML, null, false, List.of(
                    ActionDefinition.Parameter.required("ParameterXml", "String")), List.of()),
            new ActionDefinition(PUBLISH_ALL_XML, null, false, List.of(), List.of()));

    private MetadataMessages() {
    }

    /** How the option value messages name their option set: a global one by name, or an entity's attribute. */
    public interface OptionSetTarget {
        String optionSetName();

        String entityLogicalName();

        String attributeLogicalName();

        /** The option set as the customization service names it: global name, or entity.attribute. */
        default String target() {
            return optionSetName() != null ? optionSetName() : entityLogicalName() + "." + attributeLogicalName();
        }
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
     * Changes an entity's labels per language and/or whether its records are audited (prvWriteEntity); a
     * {@code null} part is left as it is, languages not given keep their label.
     */
    public record UpdateEntityRequest(String entityName, Label displayName, Label displayCollectionName,
            Boolean isAuditEnabled, Boolean changeTrackingEnabled)
            implements OrganizationRequest<MetadataChangeResponse> {

        public UpdateEntityRequest(String entityName, Label displayName, Label displayCollectionName,
                Boolean isAuditEnabled) {
            this(entityName, displayName, displayCollectionName, isAuditEnabled, null);
        }

        /** Switches change tracking (ChangeTrackingEnabled) of an entity on or off. */
        public static UpdateEntityRequest changeTracking(String entityName, boolean enabled) {
            return new UpdateEntityRequest(entityName, null, null, null, enabled);
        }

        public static UpdateEntityRequest rename(String entityName, Label displayName, Label displayCollectionName) {
            return new UpdateEntityRequest(entityName, displayName, displayCollectionName, null);
        }

        public static UpdateEntityRequest auditing(String entityName, boolean enabled) {
            return new UpdateEntityRequest(entityName, null, null, enabled);
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
            OptionMetadata option) implements OrganizationRequest<InsertOptionValueResponse>, OptionSetTarget {

        @Override
        public String messageName() {
            return INSERT_OPTION_VALUE;
        }
    }

    public record InsertOptionValueResponse(int newOptionValue, long metadataVersion) implements OrganizationResponse {
    }

    /**
     * Adds a status reason to an entity's status attribute (prvWriteOptionSet), in the state {@code stateCode}: a
     * record in that state may then carry it (SetState, the form's status reason). A value of 0 or less takes the
     * next free custom value. Status values are only added this way: InsertOptionValue refuses status and state
     * attributes.
     */
    public record InsertStatusValueRequest(String entityLogicalName, String attributeLogicalName, Integer stateCode,
            OptionMetadata option) implements OrganizationRequest<InsertStatusValueResponse>, OptionSetTarget {

        @Override
        public String optionSetName() {
            return null;
        }

        @Override
        public String messageName() {
            return INSERT_STATUS_VALUE;
        }
    }

    public record InsertStatusValueResponse(int newOptionValue, long metadataVersion) implements OrganizationResponse {
    }

    /**
     * Changes the label of an option (prvWriteOptionSet): a global set by {@code optionSetName}, or the local one of
     * {@code entityLogicalName.attributeLogicalName}; with {@code mergeLabels} the languages not given keep theirs.
     */
    public record UpdateOptionValueRequest(String optionSetName, String entityLogicalName, String attributeLogicalName,
            Integer value, Label label, boolean mergeLabels)
            implements OrganizationRequest<MetadataChangeResponse>, OptionSetTarget {

        @Override
        public String messageName() {
            return UPDATE_OPTION_VALUE;
        }
    }

    /** Removes an option from a global or local option set (prvWriteOptionSet). */
    public record DeleteOptionValueRequest(String optionSetName, String entityLogicalName, String attributeLogicalName,
            Integer value) implements OrganizationRequest<MetadataChangeResponse>, OptionSetTarget {

        @Override
        public String messageName() {
            return DELETE_OPTION_VALUE;
        }
    }

    /** Puts the options of a global or local option set in the given order (prvWriteOptionSet). */
    public record OrderOptionRequest(String optionSetName, String entityLogicalName, String attributeLogicalName,
            List<Integer> values) implements OrganizationRequest<MetadataChangeResponse>, OptionSetTarget {

        public OrderOptionRequest {
            values = values == null ? null : List.copyOf(values);
        }

        @Override
        public String messageName() {
            return ORDER_OPTION;
        }
    }

    /** Adds a custom global option set with its options (prvCreateOptionSet). */
    public record CreateOptionSetRequest(io.rapport.metadata.OptionSetMetadata optionSet)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return CREATE_OPTION_SET;
        }
    }

    /**
     * Changes the display name of a custom global option set per language (prvWriteOptionSet); languages not given
     * keep their label, one given as an empty text is removed. Its options change through the option messages.
     */
    public record UpdateOptionSetRequest(String name, Label displayName)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return UPDATE_OPTION_SET;
        }
    }

    /**
     * Adds a custom one-to-many relationship by its lookup attribute on the referencing entity (prvCreateRelationship):
     * the lookup's one {@link io.rapport.metadata.LookupRelationship} names the relationship, its referenced entity
     * and cascade.
     */
    public record CreateOneToManyRequest(String referencingEntity, AttributeMetadata lookup)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return CREATE_ONE_TO_MANY;
        }
    }

    /**
     * Changes the cascade behaviour of a custom one-to-many relationship (prvWriteRelationship), as Dataverse's
     * UpdateRelationship; {@code cascade} null changes nothing (a many-to-many relationship has nothing Rapport keeps
     * that can change). Its name and entities never change.
     */
    public record UpdateRelationshipRequest(String name, CascadeConfiguration cascade)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return UPDATE_RELATIONSHIP;
        }
    }

    /**
     * Publishes customizations named in an {@code <importexportxml>} (prvReadCustomization). Rapport publishes every
     * change as it is made, so this only checks the XML and the privilege.
     */
    public record PublishXmlRequest(String parameterXml) implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return PUBLISH_XML;
        }
    }

    /** Publishes all customizations (prvReadCustomization): already published in Rapport, so nothing changes. */
    public record PublishAllXmlRequest() implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return PUBLISH_ALL_XML;
        }
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

    /** Deletes a custom entity, its table and records (prvDeleteEntity); built-in entities are refused. */
    public record DeleteEntityRequest(String entityName) implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return DELETE_ENTITY;
        }
    }

    /** Deletes a custom attribute and its column (prvDeleteAttribute); built-in attributes are refused. */
    public record DeleteAttributeRequest(String entityName, String attributeName)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return DELETE_ATTRIBUTE;
        }
    }

    /** Deletes a custom relationship, a one-to-many one with its lookup (prvDeleteRelationship). */
    public record DeleteRelationshipRequest(String name) implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return DELETE_RELATIONSHIP;
        }
    }

    /** Deletes a custom global option set that no attribute uses (prvDeleteOptionSet). */
    public record DeleteOptionSetRequest(String name) implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return DELETE_OPTION_SET;
        }
    }

    /** Deletes a custom alternate key and its unique index (prvDeleteEntityKey). */
    public record DeleteEntityKeyRequest(String entityName, String name)
            implements OrganizationRequest<MetadataChangeResponse> {
        @Override
        public String messageName() {
            return DELETE_ENTITY_KEY;
        }
    }
}
