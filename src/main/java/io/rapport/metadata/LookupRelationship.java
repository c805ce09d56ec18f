package io.rapport.metadata;

/**
 * How a lookup attribute declares the one-to-many relationship behind one of its targets. Every field but
 * {@code target} may be left out and then follows Dataverse's naming conventions.
 */
public record LookupRelationship(String target, String name, CascadeConfiguration cascade,
        String referencedNavigationProperty, String referencingNavigationProperty) {
}
