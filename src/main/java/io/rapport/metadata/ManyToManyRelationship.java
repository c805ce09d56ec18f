package io.rapport.metadata;

/**
 * A many-to-many relationship kept in an intersect table with one column for each side's id.
 */
public record ManyToManyRelationship(String schemaName, String entity1, String entity2, String intersectEntityName,
        String entity1IntersectAttribute, String entity2IntersectAttribute, String entity1NavigationProperty,
        String entity2NavigationProperty, boolean custom) {

    public ManyToManyRelationship {
        if (entity1IntersectAttribute == null) {
            entity1IntersectAttribute = entity1 + "id";
        }
        if (entity2IntersectAttribute == null) {
            entity2IntersectAttribute = entity1.equals(entity2) ? entity2 + "idtwo" : entity2 + "id";
        }
        if (intersectEntityName == null) {
            intersectEntityName = schemaName.toLowerCase(java.util.Locale.ROOT);
        }
        if (entity1NavigationProperty == null) {
            entity1NavigationProperty = schemaName;
        }
        if (entity2NavigationProperty == null) {
            entity2NavigationProperty = schemaName;
        }
    }

    /** The other side of the relationship, seen from the given entity. */
    public String otherEntity(String entity) {
        return entity.equals(entity1) ? entity2 : entity1;
    }
}
