package io.rapport.metadata.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CascadeConfiguration;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.LookupRelationship;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.OptionSetMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link MetadataSnapshot} from stored rows: entity definitions, then custom attributes, options, keys
 * and relationships, then label and required-level overrides; finally the platform attributes and the
 * one-to-many relationships behind every lookup.
 */
final class SnapshotBuilder {

    private final Map<String, EntityMetadata> entities = new LinkedHashMap<>();
    private final Map<String, OptionSetMetadata> globalSets = new LinkedHashMap<>();
    private final Map<String, List<AttributeMetadata>> extraAttributes = new LinkedHashMap<>();
    private final Map<String, List<OptionMetadata>> extraOptions = new LinkedHashMap<>();
    private final Map<String, List<OptionMetadata>> optionLists = new LinkedHashMap<>();
    private final Map<String, List<EntityKeyMetadata>> extraKeys = new LinkedHashMap<>();
    private final Map<String, MetadataOverride> overrides = new LinkedHashMap<>();
    private final List<ManyToManyRelationship> customManyToMany = new ArrayList<>();

    static MetadataSnapshot build(long version, List<MetadataRow> rows) {
        SnapshotBuilder b = new SnapshotBuilder();
        rows.forEach(b::add);
        return b.build(version);
    }

    private void add(MetadataRow row) {
        switch (row.kind()) {
            case MetadataRow.ENTITY -> entities.put(row.name(), MetadataJson.read(row.body(), EntityMetadata.class));
            case MetadataRow.OPTION_SET -> globalSets.put(row.name(),
                    MetadataJson.read(row.body(), OptionSetMetadata.class));
            case MetadataRow.ATTRIBUTE -> extraAttributes.computeIfAbsent(before(row.name(), '.'),
                    k -> new ArrayList<>()).add(MetadataJson.read(row.body(), AttributeMetadata.class));
            case MetadataRow.OPTION -> extraOptions.computeIfAbsent(before(row.name(), '#'),
                    k -> new ArrayList<>()).add(MetadataJson.read(row.body(), OptionMetadata.class));
            case MetadataRow.OPTION_LIST -> optionLists.put(row.name(), List.of(MetadataJson.read(row.body(),
                    OptionMetadata[].class)));
            case MetadataRow.KEY -> extraKeys.computeIfAbsent(before(row.name(), '.'),
                    k -> new ArrayList<>()).add(MetadataJson.read(row.body(), EntityKeyMetadata.class));
            case MetadataRow.OVERRIDE -> overrides.put(row.name(), MetadataJson.read(row.body(), MetadataOverride.class));
            case MetadataRow.RELATIONSHIP -> customManyToMany.add(
                    MetadataJson.read(row.body(), ManyToManyRelationship.class));
            default -> throw new IllegalStateException("Unknown metadata row kind " + row.kind());
        }
    }

    private static String before(String name, char separator) {
        int i = name.lastIndexOf(separator);
        return i < 0 ? name : name.substring(0, i);
    }

    private MetadataSnapshot build(long version) {
        Map<String, OptionSetMetadata> sets = new LinkedHashMap<>();
        globalSets.forEach((name, set) -> sets.put(name, withExtraOptions(set, name)));
        List<EntityMetadata> resolved = new ArrayList<>();
        List<ManyToManyRelationship> manyToMany = new ArrayList<>(customManyToMany);
        for (EntityMetadata e : entities.values()) {
            EntityMetadata entity = resolveEntity(e, sets);
            resolved.add(entity);
            manyToMany.addAll(entity.manyToMany());
        }
        for (ManyToManyRelationship r : manyToMany) {
            resolved.add(intersectEntity(r));
        }
        List<OneToManyRelationship> oneToMany = new ArrayList<>();
        resolved.forEach(e -> oneToMany.addAll(relationshipsOf(e)));
        return new MetadataSnapshot(version, resolved, sets.values(), oneToMany, manyToMany);
    }

    /** The intersect table of a many-to-many relationship, readable as an entity so queries can join through it. */
    private static EntityMetadata intersectEntity(ManyToManyRelationship r) {
        String name = r.intersectEntityName();
        List<AttributeMetadata> attributes = List.of(
                AttributeMetadata.of(name + "id", AttributeType.UNIQUEIDENTIFIER, null),
                AttributeMetadata.of(r.entity1IntersectAttribute(), AttributeType.UNIQUEIDENTIFIER, null),
                AttributeMetadata.of(r.entity2IntersectAttribute(), AttributeType.UNIQUEIDENTIFIER, null),
                AttributeMetadata.of("versionnumber", AttributeType.BIGINT, null));
        return new EntityMetadata(name, null, io.rapport.metadata.MetadataNames.plural(name), null, null, null, null, name + "id",
                r.entity1IntersectAttribute(), io.rapport.metadata.OwnershipType.ORGANIZATION, null, r.custom(),
                false, false, false, true, attributes, null, null);
    }

    private EntityMetadata resolveEntity(EntityMetadata e, Map<String, OptionSetMetadata> sets) {
        List<AttributeMetadata> declared = new ArrayList<>(e.attributes());
        declared.addAll(extraAttributes.getOrDefault(e.logicalName(), List.of()));
        List<AttributeMetadata> attributes = new ArrayList<>();
        for (AttributeMetadata a : PlatformAttributes.complete(e, declared)) {
            attributes.add(resolveAttribute(e, a, sets));
        }
        List<EntityKeyMetadata> keys = new ArrayList<>(e.keys());
        keys.addAll(extraKeys.getOrDefault(e.logicalName(), List.of()));
        EntityMetadata entity = e.withAttributes(attributes).withKeysAndManyToMany(keys, e.manyToMany());
        MetadataOverride o = overrides.get(e.logicalName());
        if (o != null) {
            entity = entity.withLabels(o.displayName(), o.displayCollectionName());
            if (o.auditEnabled() != null) {
                entity = entity.withAuditEnabled(o.auditEnabled());
            }
            if (o.changeTrackingEnabled() != null) {
                entity = entity.withChangeTrackingEnabled(o.changeTrackingEnabled());
            }
        }
        return entity;
    }

    private AttributeMetadata resolveAttribute(EntityMetadata e, AttributeMetadata a, Map<String, OptionSetMetadata> sets) {
        String key = e.logicalName() + "." + a.logicalName();
        AttributeMetadata result = a;
        if (a.type().hasOptions()) {
            OptionSetMetadata set;
            if (a.globalOptionSet() != null) {
                set = sets.get(a.globalOptionSet());
                if (set == null) {
                    throw new IllegalStateException("Attribute " + key + " uses unknown global option set "
                            + a.globalOptionSet());
                }
            } else if (a.optionSet() != null) {
                OptionSetMetadata local = a.optionSet();
                String name = local.name() != null ? local.name() : e.logicalName() + "_" + a.logicalName();
                set = withExtraOptions(new OptionSetMetadata(name, false, local.displayName(), local.options(),
                        local.custom()), key);
            } else if (a.type().defaultOptionSet(e.logicalName() + "_" + a.logicalName()) != null) {
                set = a.type().defaultOptionSet(e.logicalName() + "_" + a.logicalName());
            } else {
                throw new IllegalStateException("Attribute " + key + " of type " + a.type() + " needs options");
            }
            result = result.withOptionSet(set);
        }
        MetadataOverride o = overrides.get(key);
        if (o != null) {
            if (o.displayName() != null) {
                result = result.withDisplayName(result.displayName().merge(o.displayName()));
            }
            if (o.requiredLevel() != null) {
                result = result.withRequiredLevel(o.requiredLevel());
            }
        }
        return result;
    }

    private OptionSetMetadata withExtraOptions(OptionSetMetadata set, String key) {
        List<OptionMetadata> list = optionLists.get(key);
        if (list != null) {
            return set.withOptions(list); // relabelled, removed or reordered: the stored list is the whole set
        }
        List<OptionMetadata> extra = extraOptions.get(key);
        if (extra == null) {
            return set;
        }
        List<OptionMetadata> options = new ArrayList<>(set.options());
        options.addAll(extra);
        return set.withOptions(options);
    }

    private static List<OneToManyRelationship> relationshipsOf(EntityMetadata e) {
        List<OneToManyRelationship> result = new ArrayList<>();
        for (AttributeMetadata a : e.attributes()) {
            if (!a.type().isLookup()) {
                continue;
            }
            for (String target : a.targets()) {
                LookupRelationship declared = a.relationships().stream()
                        .filter(r -> target.equals(r.target()) || (r.target() == null && a.targets().size() == 1))
                        .findFirst().orElse(null);
                String name = declared != null && declared.name() != null ? declared.name()
                        : defaultName(e, a, target);
                CascadeConfiguration cascade = declared != null && declared.cascade() != null ? declared.cascade()
                        : defaultCascade(a);
                String referencing = declared != null && declared.referencingNavigationProperty() != null
                        ? declared.referencingNavigationProperty()
                        : a.type().oneNavigationForAllTargets() || a.targets().size() == 1 ? a.logicalName()
                                : regardingOfActivity(e, a) ? a.logicalName() + "_" + target + "_" + e.logicalName()
                                : a.logicalName() + "_" + target;
                String referenced = declared != null && declared.referencedNavigationProperty() != null
                        ? declared.referencedNavigationProperty() : name;
                boolean hierarchical = a.logicalName().equals(e.hierarchyAttribute()) && target.equals(e.logicalName());
                result.add(new OneToManyRelationship(name, target, target + "id", e.logicalName(), a.logicalName(),
                        referenced, referencing, cascade, a.custom(), hierarchical));
            }
        }
        return result;
    }

    /**
     * Whether {@code a} is the regarding lookup of an activity type: Dataverse names its navigation properties per
     * activity type, {@code regardingobjectid_account_email}, {@code regardingobjectid_contact_task}.
     */
    private static boolean regardingOfActivity(EntityMetadata e, AttributeMetadata a) {
        return "regardingobjectid".equals(a.logicalName()) && e.activity() && !"activitypointer".equals(e.logicalName());
    }

    private static String defaultName(EntityMetadata e, AttributeMetadata a, String target) {
        return switch (a.logicalName()) {
            case "ownerid" -> (target.equals("team") ? "team_" : "user_") + e.entitySetName();
            case "owningbusinessunit" -> "business_unit_" + e.entitySetName();
            case "createdby", "modifiedby" -> "lk_" + e.logicalName() + "_" + a.logicalName();
            default -> target + "_" + e.logicalName() + "_" + a.logicalName();
        };
    }

    private static CascadeConfiguration defaultCascade(AttributeMetadata a) {
        return switch (a.logicalName()) {
            case "ownerid", "owningbusinessunit", "createdby", "modifiedby" ->
                    new CascadeConfiguration(CascadeType.RESTRICT, CascadeType.NO_CASCADE, CascadeType.NO_CASCADE);
            default -> CascadeConfiguration.referential();
        };
    }
}
