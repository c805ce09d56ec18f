package io.rapport.metadata;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, versioned view of all metadata. A request reads one snapshot from start to end; a customization
 * publishes a new one. Derived lookups (by entity set name, relationships by side) are computed once here.
 */
public final class MetadataSnapshot {

    private final long version;
    private final Map<String, EntityMetadata> entities;
    private final Map<String, EntityMetadata> entitiesBySetName = new LinkedHashMap<>();
    private final Map<String, OptionSetMetadata> globalOptionSets;
    private final Map<String, OneToManyRelationship> oneToMany = new LinkedHashMap<>();
    private final Map<String, ManyToManyRelationship> manyToMany = new LinkedHashMap<>();
    private final Map<String, List<OneToManyRelationship>> byReferenced = new LinkedHashMap<>();
    private final Map<String, List<OneToManyRelationship>> byReferencing = new LinkedHashMap<>();
    private final Map<String, List<ManyToManyRelationship>> manyToManyByEntity = new LinkedHashMap<>();

    public MetadataSnapshot(long version, Collection<EntityMetadata> entities,
            Collection<OptionSetMetadata> globalOptionSets, Collection<OneToManyRelationship> oneToMany,
            Collection<ManyToManyRelationship> manyToMany) {
        this.version = version;
        Map<String, EntityMetadata> byName = new LinkedHashMap<>();
        for (EntityMetadata e : entities) {
            byName.put(e.logicalName(), e);
            entitiesBySetName.put(e.entitySetName(), e);
        }
        this.entities = Collections.unmodifiableMap(byName);
        Map<String, OptionSetMetadata> sets = new LinkedHashMap<>();
        globalOptionSets.forEach(o -> sets.put(o.name(), o));
        this.globalOptionSets = Collections.unmodifiableMap(sets);
        for (OneToManyRelationship r : oneToMany) {
            this.oneToMany.put(r.schemaName(), r);
            byReferenced.computeIfAbsent(r.referencedEntity(), k -> new ArrayList<>()).add(r);
            byReferencing.computeIfAbsent(r.referencingEntity(), k -> new ArrayList<>()).add(r);
        }
        for (ManyToManyRelationship r : manyToMany) {
            this.manyToMany.put(r.schemaName(), r);
            manyToManyByEntity.computeIfAbsent(r.entity1(), k -> new ArrayList<>()).add(r);
            if (!r.entity1().equals(r.entity2())) {
                manyToManyByEntity.computeIfAbsent(r.entity2(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** Increases with every published change; other nodes compare it to know when to reload. */
    public long version() {
        return version;
    }

    public Collection<EntityMetadata> entities() {
        return entities.values();
    }

    public Optional<EntityMetadata> findEntity(String logicalName) {
        return Optional.ofNullable(logicalName == null ? null : entities.get(logicalName));
    }

    public EntityMetadata entity(String logicalName) {
        EntityMetadata e = logicalName == null ? null : entities.get(logicalName);
        if (e == null) {
            throw new RapportException(ErrorCode.ENTITY_NOT_FOUND,
                    "The entity with a name = '" + logicalName + "' was not found in the MetadataCache.");
        }
        return e;
    }

    public Optional<EntityMetadata> findEntityBySetName(String entitySetName) {
        return Optional.ofNullable(entitiesBySetName.get(entitySetName));
    }

    public Map<String, OptionSetMetadata> globalOptionSets() {
        return globalOptionSets;
    }

    public Collection<OneToManyRelationship> oneToManyRelationships() {
        return oneToMany.values();
    }

    public Collection<ManyToManyRelationship> manyToManyRelationships() {
        return manyToMany.values();
    }

    /** Relationships where the entity is the "one" side: its children. */
    public List<OneToManyRelationship> oneToManyOf(String referencedEntity) {
        return byReferenced.getOrDefault(referencedEntity, List.of());
    }

    /** Relationships where the entity is the "many" side: its lookups. */
    public List<OneToManyRelationship> manyToOneOf(String referencingEntity) {
        return byReferencing.getOrDefault(referencingEntity, List.of());
    }

    public List<ManyToManyRelationship> manyToManyOf(String entity) {
        return manyToManyByEntity.getOrDefault(entity, List.of());
    }

    public Optional<OneToManyRelationship> findOneToMany(String schemaName) {
        return Optional.ofNullable(oneToMany.get(schemaName));
    }

    public Optional<ManyToManyRelationship> findManyToMany(String schemaName) {
        return Optional.ofNullable(manyToMany.get(schemaName));
    }

    /** The relationship behind a lookup attribute for one of its targets. */
    public Optional<OneToManyRelationship> lookupRelationship(String entity, String attribute, String target) {
        return manyToOneOf(entity).stream()
                .filter(r -> r.referencingAttribute().equals(attribute) && r.referencedEntity().equals(target))
                .findFirst();
    }
}
