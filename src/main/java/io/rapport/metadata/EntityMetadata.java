package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entity (table) and its attributes, as declared in YAML or created by customization. Once it sits in a
 * {@link MetadataSnapshot} it also carries the platform attributes (id, owner, created/modified, version).
 *
 * @param hierarchyAttribute the self-referencing lookup that forms a hierarchy (e.g. {@code parentaccountid})
 * @param intersect the entity is the intersect table of a many-to-many relationship (written by associate only)
 * @param manyToMany many-to-many relationships declared by this entity (it is entity 1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityMetadata(
        String logicalName,
        String schemaName,
        String entitySetName,
        Integer objectTypeCode,
        Label displayName,
        Label displayCollectionName,
        Label description,
        String primaryIdAttribute,
        String primaryNameAttribute,
        OwnershipType ownership,
        String hierarchyAttribute,
        // whether it was created by customization (stored as "custom"; never written for built-ins)
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean custom,
        Boolean activity,
        Boolean auditEnabled,
        Boolean hasStateCode,
        Boolean intersect,
        List<AttributeMetadata> attributes,
        List<EntityKeyMetadata> keys,
        List<ManyToManyRelationship> manyToMany,
        Boolean changeTrackingEnabled) {

    /** Without change tracking given (off unless the YAML or a customization switches it on). */
    public EntityMetadata(String logicalName, String schemaName, String entitySetName, Integer objectTypeCode,
            Label displayName, Label displayCollectionName, Label description, String primaryIdAttribute,
            String primaryNameAttribute, OwnershipType ownership, String hierarchyAttribute, Boolean custom,
            Boolean activity, Boolean auditEnabled, Boolean hasStateCode, Boolean intersect,
            List<AttributeMetadata> attributes, List<EntityKeyMetadata> keys, List<ManyToManyRelationship> manyToMany) {
        this(logicalName, schemaName, entitySetName, objectTypeCode, displayName, displayCollectionName, description,
                primaryIdAttribute, primaryNameAttribute, ownership, hierarchyAttribute, custom, activity, auditEnabled,
                hasStateCode, intersect, attributes, keys, manyToMany, null);
    }

    public EntityMetadata {
        if (logicalName == null) {
            throw new IllegalArgumentException("An entity needs a logicalName");
        }
        logicalName = logicalName.toLowerCase(Locale.ROOT);
        schemaName = schemaName == null ? MetadataNames.pascal(logicalName) : schemaName;
        entitySetName = entitySetName == null ? MetadataNames.plural(logicalName) : entitySetName;
        displayName = displayName == null ? Label.of(schemaName) : displayName;
        displayCollectionName = displayCollectionName == null ? displayName : displayCollectionName;
        description = description == null ? Label.empty() : description;
        primaryIdAttribute = primaryIdAttribute == null ? logicalName + "id" : primaryIdAttribute;
        primaryNameAttribute = primaryNameAttribute == null ? "name" : primaryNameAttribute;
        ownership = ownership == null ? OwnershipType.USER : ownership;
        custom = Boolean.TRUE.equals(custom);
        activity = Boolean.TRUE.equals(activity);
        auditEnabled = auditEnabled == null || auditEnabled;
        intersect = Boolean.TRUE.equals(intersect);
        hasStateCode = !intersect && (hasStateCode == null || hasStateCode);
        attributes = AttributeList.of(attributes == null ? List.of() : attributes);
        keys = keys == null ? List.of() : List.copyOf(keys);
        manyToMany = manyToMany == null ? List.of() : List.copyOf(manyToMany);
        changeTrackingEnabled = !intersect && Boolean.TRUE.equals(changeTrackingEnabled);
    }

    /** The attribute with the given logical name, if the entity has it. */
    public Optional<AttributeMetadata> findAttribute(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(((AttributeList) attributes).named(name));
    }

    /** The attribute with the given logical name; a clear error when it does not exist. */
    public AttributeMetadata attribute(String name) {
        return findAttribute(name).orElseThrow(() -> new RapportException(ErrorCode.ATTRIBUTE_NOT_FOUND,
                "'" + logicalName + "' entity doesn't contain attribute with Name = '" + name + "'", name));
    }

    public boolean hasAttribute(String name) {
        return findAttribute(name).isPresent();
    }

    /** Attributes by logical name, in declaration order. */
    @JsonIgnore
    public Map<String, AttributeMetadata> attributeMap() {
        Map<String, AttributeMetadata> map = new LinkedHashMap<>();
        attributes.forEach(a -> map.put(a.logicalName(), a));
        return map;
    }

    @JsonIgnore
    public boolean isIntersect() {
        return intersect;
    }

    @JsonIgnore
    public boolean isUserOwned() {
        return ownership == OwnershipType.USER;
    }

    public String label(Locale locale) {
        return displayName.get(locale);
    }

    public String collectionLabel(Locale locale) {
        return displayCollectionName.get(locale);
    }

    public EntityMetadata withAttributes(List<AttributeMetadata> newAttributes) {
        return new EntityMetadata(logicalName, schemaName, entitySetName, objectTypeCode, displayName,
                displayCollectionName, description, primaryIdAttribute, primaryNameAttribute, ownership,
                hierarchyAttribute, custom, activity, auditEnabled, hasStateCode, intersect, newAttributes, keys,
                manyToMany,                 changeTrackingEnabled);
    }

    public EntityMetadata plusAttribute(AttributeMetadata attribute) {
        List<AttributeMetadata> list = new ArrayList<>(attributes);
        list.add(attribute);
        return withAttributes(list);
    }

    public EntityMetadata withLabels(Label newDisplayName, Label newCollectionName) {
        return new EntityMetadata(logicalName, schemaName, entitySetName, objectTypeCode,
                displayName.merge(newDisplayName), displayCollectionName.merge(newCollectionName), description,
                primaryIdAttribute, primaryNameAttribute, ownership, hierarchyAttribute, custom, activity,
                auditEnabled, hasStateCode, intersect, attributes, keys, manyToMany,
                changeTrackingEnabled);
    }

    public EntityMetadata withKeysAndManyToMany(List<EntityKeyMetadata> newKeys, List<ManyToManyRelationship> m2m) {
        return new EntityMetadata(logicalName, schemaName, entitySetName, objectTypeCode, displayName,
                displayCollectionName, description, primaryIdAttribute, primaryNameAttribute, ownership,
                hierarchyAttribute, custom, activity, auditEnabled, hasStateCode, intersect, attributes, newKeys, m2m,
                changeTrackingEnabled);
    }

    public EntityMetadata withAuditEnabled(boolean enabled) {
        return new EntityMetadata(logicalName, schemaName, entitySetName, objectTypeCode, displayName,
                displayCollectionName, description, primaryIdAttribute, primaryNameAttribute, ownership,
                hierarchyAttribute, custom, activity, enabled, hasStateCode, intersect, attributes, keys, manyToMany,
                changeTrackingEnabled);
    }

    public EntityMetadata withObjectTypeCode(int code) {
        return new EntityMetadata(logicalName, schemaName, entitySetName, code, displayName,
                displayCollectionName, description, primaryIdAttribute, primaryNameAttribute, ownership,
                hierarchyAttribute, custom, activity, auditEnabled, hasStateCode, intersect, attributes, keys,
                manyToMany,                 changeTrackingEnabled);
    }

    public EntityMetadata withChangeTrackingEnabled(boolean enabled) {
        return new EntityMetadata(logicalName, schemaName, entitySetName, objectTypeCode, displayName,
                displayCollectionName, description, primaryIdAttribute, primaryNameAttribute, ownership,
                hierarchyAttribute, custom, activity, auditEnabled, hasStateCode, intersect, attributes, keys,
                manyToMany,                 enabled);
    }

    /** Whether changes of the records can be retrieved (Dataverse's ChangeTrackingEnabled). */
    @JsonIgnore
    public boolean isChangeTracked() {
        return Boolean.TRUE.equals(changeTrackingEnabled);
    }
}
