package io.rapport.metadata;

import java.util.List;

/**
 * Run-time customization: every change is validated, stored, applied to the database schema and published as a
 * new snapshot in one transaction, so it is effective at once on this node and on the next refresh elsewhere.
 */
public interface CustomizationService {

    /** Renames an entity per language; languages not given keep their label. */
    MetadataSnapshot renameEntity(String entity, Label displayName, Label displayCollectionName);

    /** Renames an attribute per language. */
    MetadataSnapshot renameAttribute(String entity, String attribute, Label displayName);

    /** Adds a custom attribute (publisher-prefixed name) to an entity and its column to the table. */
    MetadataSnapshot addAttribute(String entity, AttributeMetadata attribute);

    /** Adds a custom entity with its primary name attribute and any further attributes. */
    MetadataSnapshot addEntity(EntityMetadata entity);

    /** Adds a value to an option set: a global one by name, or a local one as {@code entity.attribute}. */
    MetadataSnapshot addOption(String optionSet, OptionMetadata option);

    /**
     * Changes the label of an option of a global or local option set ({@code entity.attribute}); with
     * {@code merge} the languages not given keep their label, without it they are dropped.
     */
    MetadataSnapshot updateOption(String optionSet, int value, Label label, boolean merge);

    /** Removes an option from a global or local option set; status and state options cannot be removed. */
    MetadataSnapshot deleteOption(String optionSet, int value);

    /** Puts the options of a global or local option set in the given order (every value exactly once). */
    MetadataSnapshot orderOptions(String optionSet, List<Integer> values);

    /**
     * Changes the display name of a custom global option set per language (UpdateOptionSet); languages not given keep
     * their label, a language given as an empty text is removed. Built-in option sets are refused.
     */
    MetadataSnapshot relabelOptionSet(String name, Label displayName);

    /** Adds a custom global option set (publisher-prefixed name) with its options. */
    MetadataSnapshot addGlobalOptionSet(OptionSetMetadata optionSet);

    /** Adds a custom many-to-many relationship and creates its intersect table. */
    MetadataSnapshot addManyToMany(ManyToManyRelationship relationship);

    /**
     * Changes the cascade behaviour of a custom one-to-many relationship (UpdateRelationship); {@code cascade} null
     * changes nothing, which is all a custom many-to-many relationship allows. System relationships are refused.
     */
    MetadataSnapshot updateRelationship(String schemaName, CascadeConfiguration cascade);

    /** Adds an alternate key to an entity and its unique index to the table. */
    MetadataSnapshot addKey(String entity, EntityKeyMetadata key);

    /** Makes an attribute required or optional. */
    MetadataSnapshot setRequiredLevel(String entity, String attribute, RequiredLevel level);

    /** Switches the audit history of an entity's records on or off (IsAuditEnabled in Dataverse). */
    MetadataSnapshot setAuditEnabled(String entity, boolean enabled);

    /** Switches change tracking of an entity's records on or off (ChangeTrackingEnabled in Dataverse). */
    MetadataSnapshot setChangeTrackingEnabled(String entity, boolean enabled);

    /** The publisher prefix custom names must start with, e.g. {@code new_}. */
    String publisherPrefix();

    /** Languages labels can be given in. */
    default List<String> languages() {
        return Label.LANGUAGES;
    }

    /** Deletes a custom entity with its table and records (DeleteEntity); built-in ones are refused. */
    MetadataSnapshot deleteEntity(String entity);

    /** Deletes a custom attribute with its column (DeleteAttribute); built-in ones are refused. */
    MetadataSnapshot deleteAttribute(String entity, String attribute);

    /** Deletes a custom relationship (a one-to-many one with its lookup) (DeleteRelationship). */
    MetadataSnapshot deleteRelationship(String schemaName);

    /** Deletes a custom global option set no attribute uses (DeleteOptionSet). */
    MetadataSnapshot deleteOptionSet(String name);

    /** Deletes a custom alternate key with its unique index (DeleteEntityKey). */
    MetadataSnapshot deleteKey(String entity, String key);
}
