package io.rapport.webapi.internal.query;

import java.util.Map;
import java.util.List;
import java.util.ArrayList;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import java.util.Optional;

/**
 * A navigation property of an entity: single-valued (the entity's lookup), collection-valued through a
 * one-to-many relationship (records whose lookup points here), or through a many-to-many relationship.
 */
public record Navigation(Kind kind, String name, String relationship, EntityMetadata source, EntityMetadata target,
        OneToManyRelationship oneToMany, ManyToManyRelationship manyToMany) {

    public enum Kind { SINGLE, ONE_TO_MANY, MANY_TO_MANY }

    public static Optional<Navigation> find(MetadataSnapshot s, EntityMetadata e, String name) {
        for (OneToManyRelationship r : s.manyToOneOf(e.logicalName())) {
            if (name.equals(r.referencingNavigationProperty())) {
                return Optional.of(new Navigation(Kind.SINGLE, name, r.schemaName(), e,
                        s.entity(r.referencedEntity()), r, null));
            }
        }
        for (OneToManyRelationship r : s.manyToOneOf(e.logicalName())) {
            // the earlier name of an activity's regarding navigation (regardingobjectid_account on an email,
            // now regardingobjectid_account_email as in Dataverse) still answers for clients that use it
            if (r.referencingNavigationProperty().equals(r.referencingAttribute() + "_" + r.referencedEntity() + "_"
                    + e.logicalName()) && name.equals(r.referencingAttribute() + "_" + r.referencedEntity())) {
                return Optional.of(new Navigation(Kind.SINGLE, name, r.schemaName(), e,
                        s.entity(r.referencedEntity()), r, null));
            }
        }
        for (OneToManyRelationship r : s.oneToManyOf(e.logicalName())) {
            if (name.equals(r.referencedNavigationProperty())) {
                return Optional.of(new Navigation(Kind.ONE_TO_MANY, name, r.schemaName(), e,
                        s.entity(r.referencingEntity()), r, null));
            }
        }
        Optional<Navigation> owning = owning(s, e, name);
        if (owning.isPresent()) {
            return owning;
        }
        for (ManyToManyRelationship r : s.manyToManyOf(e.logicalName())) {
            if (r.entity1().equals(e.logicalName()) && name.equals(r.entity1NavigationProperty())) {
                return Optional.of(new Navigation(Kind.MANY_TO_MANY, name, r.schemaName(), e, s.entity(r.entity2()),
                        null, r));
            }
            if (r.entity2().equals(e.logicalName()) && name.equals(r.entity2NavigationProperty())) {
                return Optional.of(new Navigation(Kind.MANY_TO_MANY, name, r.schemaName(), e, s.entity(r.entity1()),
                        null, r));
            }
        }
        return Optional.empty();
    }

    /** Dataverse's owninguser and owningteam: the owner when it is a user, or when it is a team (null otherwise). */
    private static final Map<String, String> OWNING = Map.of("owninguser", "systemuser", "owningteam", "team");

    /**
     * The owning navigation ({@code owninguser}, {@code owningteam}) behind Dataverse's {@code _owninguser_value} /
     * {@code _owningteam_value} property of an owned entity, or empty for any other property.
     */
    public static Optional<Navigation> owningProperty(MetadataSnapshot s, EntityMetadata e, String property) {
        if (!property.startsWith("_owning") || !property.endsWith("_value")) {
            return Optional.empty();
        }
        return owning(s, e, property.substring(1, property.length() - "_value".length()));
    }

    /** The owning property names ({@code owninguser}, {@code owningteam}) with the entity each points to. */
    public static Map<String, String> owningProperties() {
        return OWNING;
    }

    private static Optional<Navigation> owning(MetadataSnapshot s, EntityMetadata e, String name) {
        String target = OWNING.get(name);
        if (target == null || e.findAttribute(name).isPresent()) {
            return Optional.empty();
        }
        for (OneToManyRelationship r : s.manyToOneOf(e.logicalName())) {
            boolean owner = e.findAttribute(r.referencingAttribute()).map(a -> a.type().oneNavigationForAllTargets())
                    .orElse(false);
            if (owner && target.equals(r.referencedEntity())) {
                return Optional.of(new Navigation(Kind.SINGLE, name, r.schemaName(), e, s.entity(target), r, null));
            }
        }
        return Optional.empty();
    }

    /**
     * The navigation to each kind of record a single-valued navigation property may lead to: for the owner's
     * {@code ownerid} (typed principal in Dataverse) one to the user and one to the team; otherwise just this one.
     */
    public List<Navigation> principals(MetadataSnapshot s) {
        if (kind != Kind.SINGLE || !name.equals(lookupAttribute())
                || !source.attribute(lookupAttribute()).type().oneNavigationForAllTargets()) {
            return List.of(this);
        }
        List<Navigation> all = new ArrayList<>();
        for (OneToManyRelationship r : s.manyToOneOf(source.logicalName())) {
            if (r.referencingAttribute().equals(lookupAttribute())) {
                all.add(new Navigation(Kind.SINGLE, name, r.schemaName(), source, s.entity(r.referencedEntity()), r,
                        null));
            }
        }
        return all;
    }

    public boolean isCollection() {
        return kind != Kind.SINGLE;
    }

    /** The lookup attribute of a single-valued navigation property. */
    public String lookupAttribute() {
        return oneToMany.referencingAttribute();
    }

    /** For many-to-many: the intersect column holding the source's id, and the one holding the target's. */
    public String sourceIntersectAttribute() {
        return manyToMany.entity1().equals(source.logicalName()) && !isSelfReversed()
                ? manyToMany.entity1IntersectAttribute() : manyToMany.entity2IntersectAttribute();
    }

    public String targetIntersectAttribute() {
        return sourceIntersectAttribute().equals(manyToMany.entity1IntersectAttribute())
                ? manyToMany.entity2IntersectAttribute() : manyToMany.entity1IntersectAttribute();
    }

    private boolean isSelfReversed() {
        return manyToMany.entity1().equals(manyToMany.entity2()) && !name.equals(manyToMany.entity1NavigationProperty());
    }

    /**
     * An exists-test, seen from the source entity, over the related records of a collection-valued navigation
     * property that match {@code filter} (expressed on the target entity).
     */
    Filter exists(LinkFilter.Kind kind, Filter filter) {
        if (this.kind == Kind.ONE_TO_MANY) {
            return new LinkFilter(kind, target.logicalName(), oneToMany.referencingAttribute(),
                    source.primaryIdAttribute(), filter);
        }
        Filter targetMatches = new LinkFilter(LinkFilter.Kind.ANY, target.logicalName(), target.primaryIdAttribute(),
                targetIntersectAttribute(), filter);
        return new LinkFilter(kind, manyToMany.intersectEntityName(), sourceIntersectAttribute(),
                source.primaryIdAttribute(), targetMatches);
    }
}
