package io.rapport.metadata.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.metadata.SchemaSync;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting customizations, as Dataverse's DeleteEntity, DeleteAttribute, DeleteRelationship, DeleteOptionSet and
 * DeleteEntityKey do: only what was added at run time (custom) can go; a built-in entity, attribute, relationship,
 * option set or key is refused, and so is anything another definition still depends on (a lookup to the entity, an
 * attribute using the option set), naming the dependency. The stored definitions are removed and the table, columns
 * or index dropped in one customization (records of a deleted entity, and values of a deleted column, are gone).
 */
final class MetadataDeletions {

    private static final Logger log = LoggerFactory.getLogger(MetadataDeletions.class);

    private final DefaultMetadataService metadata;
    private final TransactionTemplate tx;

    MetadataDeletions(DefaultMetadataService metadata, TransactionTemplate tx) {
        this.metadata = metadata;
        this.tx = tx;
    }

    private record Removal(List<MetadataRow> removed, List<MetadataRow> saved, List<String> touched,
            Consumer<SchemaSync> drop) {
    }

    private interface Plan {
        Removal make(MetadataSnapshot s, Map<String, MetadataRow> rows);
    }

    private MetadataSnapshot remove(String what, Plan plan) {
        MetadataSnapshot result = tx.execute(status -> {
            MetadataSnapshot locked = metadata.lockAndRead();
            Map<String, MetadataRow> rows = new TreeMap<>();
            metadata.repository().all().forEach(r -> rows.put(r.kind() + ":" + r.name(), r));
            Removal r = plan.make(locked, rows);
            return metadata.publish(r.saved(), r.touched(), r.removed(), r.drop());
        });
        log.info("Customization published change=\"{}\" version={}", what, result.version());
        return result;
    }

    MetadataSnapshot deleteEntity(String entity) {
        return remove("delete entity " + entity, (s, rows) -> {
            EntityMetadata e = s.findEntity(entity).orElseThrow(() -> notFound("entity", entity));
            MetadataRow row = rows.get(MetadataRow.ENTITY + ":" + entity);
            if (row == null || !MetadataRow.CUSTOM.equals(row.source())) {
                throw builtIn("The entity " + entity + " is a system entity and cannot be deleted; only custom "
                        + "entities can.");
            }
            List<String> dependents = new ArrayList<>();
            for (EntityMetadata other : s.entities()) {
                if (other.logicalName().equals(entity)) {
                    continue;
                }
                for (AttributeMetadata a : other.attributes()) {
                    if (a.targets() != null && a.targets().contains(entity)) {
                        dependents.add("the lookup " + other.logicalName() + "." + a.logicalName());
                    }
                }
            }
            for (ManyToManyRelationship m : s.manyToManyOf(entity)) {
                dependents.add("the relationship " + m.schemaName());
            }
            if (!dependents.isEmpty()) {
                throw dependency("The entity " + entity + " cannot be deleted while " + String.join(", ", dependents)
                        + (dependents.size() == 1 ? " depends" : " depend") + " on it; delete "
                        + (dependents.size() == 1 ? "it" : "them") + " first.");
            }
            List<MetadataRow> removed = new ArrayList<>();
            for (MetadataRow r : rows.values()) {
                String n = r.name();
                if (n.equals(entity) && !r.kind().equals(MetadataRow.OPTION_SET) || n.startsWith(entity + ".")) {
                    removed.add(r);
                }
            }
            return new Removal(removed, List.of(), List.of(), sync -> sync.dropTable(e.logicalName()));
        });
    }

    MetadataSnapshot deleteAttribute(String entity, String attribute) {
        return remove("delete attribute " + entity + "." + attribute, attributePlan(entity, attribute));
    }

    private Plan attributePlan(String entity, String attribute) {
        return (s, rows) -> {
            EntityMetadata e = s.findEntity(entity).orElseThrow(() -> notFound("entity", entity));
            AttributeMetadata a = e.findAttribute(attribute).orElseThrow(() -> notFound("attribute", attribute));
            List<MetadataRow> removed = new ArrayList<>();
            List<MetadataRow> saved = new ArrayList<>();
            MetadataRow own = rows.get(MetadataRow.ATTRIBUTE + ":" + entity + "." + attribute);
            MetadataRow entityRow = rows.get(MetadataRow.ENTITY + ":" + entity);
            if (own != null && MetadataRow.CUSTOM.equals(own.source())) {
                removed.add(own);
            } else if (entityRow != null && MetadataRow.CUSTOM.equals(entityRow.source())
                    && !attribute.equals(e.primaryNameAttribute()) && !attribute.equals(e.primaryIdAttribute())) {
                EntityMetadata stored = MetadataJson.read(entityRow.body(), EntityMetadata.class);
                if (stored.findAttribute(attribute).isEmpty()) {
                    throw builtIn("The attribute " + attribute + " of " + entity + " is a system attribute and cannot "
                            + "be deleted; only custom attributes can.");
                }
                saved.add(new MetadataRow(MetadataRow.ENTITY, entity, MetadataRow.CUSTOM, MetadataJson.write(
                        stored.withAttributes(stored.attributes().stream()
                                .filter(x -> !x.logicalName().equals(attribute)).toList()))));
            } else {
                throw builtIn(attribute.equals(e.primaryNameAttribute()) && entityRow != null
                        && MetadataRow.CUSTOM.equals(entityRow.source())
                        ? "The primary name attribute " + attribute + " of " + entity + " cannot be deleted."
                        : "The attribute " + attribute + " of " + entity + " is a system attribute and cannot be "
                                + "deleted; only custom attributes can.");
            }
            List<String> keys = e.keys().stream().filter(k -> k.keyAttributes().contains(attribute))
                    .map(k -> k.logicalName()).toList();
            if (!keys.isEmpty()) {
                throw dependency("The attribute " + attribute + " cannot be deleted while the key "
                        + String.join(", ", keys) + " uses it; delete the key first.");
            }
            for (MetadataRow r : rows.values()) {
                if (r.name().equals(entity + "." + attribute) && !r.kind().equals(MetadataRow.ATTRIBUTE)
                        || r.name().startsWith(entity + "." + attribute + "#")) {
                    removed.add(r);
                }
            }
            List<String> columns = new ArrayList<>(List.of(attribute));
            if (a.isPolymorphic()) {
                columns.add(a.typeColumn());
            }
            return new Removal(removed, saved, List.of(), sync -> sync.dropColumns(entity, columns));
        };
    }

    MetadataSnapshot deleteRelationship(String schemaName) {
        Optional<MetadataSnapshot> manyToMany = Optional.empty();
        MetadataSnapshot current = metadata.snapshot();
        if (current.findManyToMany(schemaName).isPresent()) {
            manyToMany = Optional.of(remove("delete relationship " + schemaName, (s, rows) -> {
                ManyToManyRelationship r = s.findManyToMany(schemaName).orElseThrow(() -> notFound("relationship",
                        schemaName));
                MetadataRow row = rows.get(MetadataRow.RELATIONSHIP + ":" + r.schemaName());
                if (row == null || !MetadataRow.CUSTOM.equals(row.source())) {
                    throw builtIn("The relationship " + schemaName + " is a system relationship and cannot be "
                            + "deleted; only custom relationships can.");
                }
                return new Removal(List.of(row), List.of(), List.of(),
                        sync -> sync.dropTable(r.intersectEntityName()));
            }));
        }
        if (manyToMany.isPresent()) {
            return manyToMany.get();
        }
        OneToManyRelationship r = current.findOneToMany(schemaName).orElseThrow(() -> notFound("relationship",
                schemaName));
        // a one-to-many relationship is its lookup: deleting one deletes the other, as in Dataverse
        Plan lookup = attributePlan(r.referencingEntity(), r.referencingAttribute());
        return remove("delete relationship " + schemaName, (s, rows) -> {
            MetadataRow row = rows.get(MetadataRow.ATTRIBUTE + ":" + r.referencingEntity() + "."
                    + r.referencingAttribute());
            if (row == null || !MetadataRow.CUSTOM.equals(row.source())) {
                throw builtIn("The relationship " + schemaName + " is a system relationship and cannot be "
                        + "deleted; only custom relationships can.");
            }
            return lookup.make(s, rows);
        });
    }

    MetadataSnapshot deleteOptionSet(String name) {
        return remove("delete option set " + name, (s, rows) -> {
            if (!s.globalOptionSets().containsKey(name)) {
                throw notFound("option set", name);
            }
            MetadataRow row = rows.get(MetadataRow.OPTION_SET + ":" + name);
            if (row == null || !MetadataRow.CUSTOM.equals(row.source())) {
                throw builtIn("The option set " + name + " is a system option set and cannot be deleted; only "
                        + "custom option sets can.");
            }
            List<String> users = new ArrayList<>();
            for (EntityMetadata e : s.entities()) {
                for (AttributeMetadata a : e.attributes()) {
                    if (name.equals(a.globalOptionSet())) {
                        users.add(e.logicalName() + "." + a.logicalName());
                    }
                }
            }
            if (!users.isEmpty()) {
                throw dependency("The option set " + name + " cannot be deleted while the attribute"
                        + (users.size() == 1 ? " " : "s ") + String.join(", ", users) + " use"
                        + (users.size() == 1 ? "s" : "") + " it; delete " + (users.size() == 1 ? "it" : "them")
                        + " first.");
            }
            List<MetadataRow> removed = new ArrayList<>();
            for (MetadataRow r : rows.values()) {
                if (r.name().equals(name) || r.name().startsWith(name + "#")) {
                    removed.add(r);
                }
            }
            return new Removal(removed, List.of(), List.of(), null);
        });
    }

    MetadataSnapshot deleteKey(String entity, String key) {
        return remove("delete key " + entity + "." + key, (s, rows) -> {
            EntityMetadata e = s.findEntity(entity).orElseThrow(() -> notFound("entity", entity));
            if (e.keys().stream().noneMatch(k -> k.logicalName().equals(key))) {
                throw notFound("key", key);
            }
            MetadataRow row = rows.get(MetadataRow.KEY + ":" + entity + "." + key);
            if (row == null || !MetadataRow.CUSTOM.equals(row.source())) {
                throw builtIn("The key " + key + " of " + entity + " is a system key and cannot be deleted; only "
                        + "custom keys can.");
            }
            return new Removal(List.of(row), List.of(), List.of(), sync -> sync.dropKey(entity, key));
        });
    }

    private static RapportException notFound(String what, String name) {
        return new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST, "Could not find " + what + " " + name + ".",
                name);
    }

    private static RapportException builtIn(String message) {
        return new RapportException(ErrorCode.METADATA_INVALID, message);
    }

    private static RapportException dependency(String message) {
        return new RapportException(ErrorCode.METADATA_INVALID, message);
    }
}
