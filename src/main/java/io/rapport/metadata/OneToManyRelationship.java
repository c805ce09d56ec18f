package io.rapport.metadata;

/**
 * A one-to-many relationship: records of the referencing entity point at one record of the referenced entity
 * through a lookup attribute.
 *
 * @param referencedNavigationProperty the collection-valued navigation property on the referenced ("one") side
 * @param referencingNavigationProperty the single-valued navigation property on the referencing ("many") side
 */
public record OneToManyRelationship(String schemaName, String referencedEntity, String referencedAttribute,
        String referencingEntity, String referencingAttribute, String referencedNavigationProperty,
        String referencingNavigationProperty, CascadeConfiguration cascade, boolean custom, boolean hierarchical) {
}
