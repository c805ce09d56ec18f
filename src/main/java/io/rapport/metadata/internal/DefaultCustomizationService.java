package io.rapport.metadata.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CascadeConfiguration;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.LookupRelationship;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataProperties;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.metadata.RequiredLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Validates and publishes run-time customizations. */
@Service
class DefaultCustomizationService implements CustomizationService {

    private static final Logger log = LoggerFactory.getLogger(DefaultCustomizationService.class);
    private static final int FIRST_CUSTOM_OPTION = 100_000_000;
    private static final int FIRST_CUSTOM_OBJECT_TYPE = 10_000;

    private final DefaultMetadataService metadata;
    private final TransactionTemplate tx;
    private final String prefix;
    private final MetadataDeletions deletions;

    DefaultCustomizationService(DefaultMetadataService metadata, TransactionTemplate tx, MetadataProperties properties) {
        this.metadata = metadata;
        this.tx = tx;
        this.prefix = properties.publisherPrefix();
        this.deletions = new MetadataDeletions(metadata, tx);
    }

    @Override
    public MetadataSnapshot deleteEntity(String entity) {
        return deletions.deleteEntity(entity);
    }

    @Override
    public MetadataSnapshot deleteAttribute(String entity, String attribute) {
        return deletions.deleteAttribute(entity, attribute);
    }

    @Override
    public MetadataSnapshot deleteRelationship(String schemaName) {
        return deletions.deleteRelationship(schemaName);
    }

    @Override
    public MetadataSnapshot deleteOptionSet(String name) {
        return deletions.deleteOptionSet(name);
    }

    @Override
    public MetadataSnapshot deleteKey(String entity, String key) {
        return deletions.deleteKey(entity, key);
    }

    @Override
    public String publisherPrefix() {
        return prefix;
    }

    @Override
    public MetadataSnapshot renameEntity(String entity, Label displayName, Label displayCollectionName) {
        return change("rename entity " + entity, s -> {
            s.entity(entity);
            checkLength("The display name of " + entity, displayName, MAX_LABEL_LENGTH);
            checkLength("The plural display name of " + entity, displayCollectionName, MAX_LABEL_LENGTH);
            return new Change(List.of(override(entity, new MetadataOverride(displayName, displayCollectionName, null))),
                    List.of());
        });
    }

    @Override
    public MetadataSnapshot renameAttribute(String entity, String attribute, Label displayName) {
        return change("rename attribute " + entity + "." + attribute, s -> {
            s.entity(entity).attribute(attribute);
            checkLength("The display name of " + attribute, displayName, MAX_LABEL_LENGTH);
            return new Change(List.of(override(entity + "." + attribute,
                    new MetadataOverride(displayName, null, null))), List.of());
        });
    }

    @Override
    public MetadataSnapshot setRequiredLevel(String entity, String attribute, RequiredLevel level) {
        return change("required level " + entity + "." + attribute, s -> {
            AttributeMetadata a = s.entity(entity).attribute(attribute);
            if (a.isManaged() || a.requiredLevel() == RequiredLevel.SYSTEM) {
                throw invalid("The required level of " + attribute + " is set by the system and cannot change.");
            }
            return new Change(List.of(override(entity + "." + attribute, new MetadataOverride(null, null, level))),
                    List.of());
        });
    }

    @Override
    public MetadataSnapshot setAuditEnabled(String entity, boolean enabled) {
        return change("auditing " + entity + " " + (enabled ? "on" : "off"), s -> {
            if (s.entity(entity).isIntersect()) {
                throw invalid("Auditing of the intersect entity " + entity + " follows its relationship.");
            }
            return new Change(List.of(override(entity, new MetadataOverride(null, null, null, enabled, null))),
                    List.of());
        });
    }

    @Override
    public MetadataSnapshot setChangeTrackingEnabled(String entity, boolean enabled) {
        return change("change tracking " + entity + " " + (enabled ? "on" : "off"), s -> {
            if (s.entity(entity).isIntersect()) {
                throw invalid("Changes of the intersect entity " + entity + " are not tracked.");
            }
            return new Change(List.of(override(entity, new MetadataOverride(null, null, null, null, enabled))),
                    List.of());
        });
    }

    private MetadataRow override(String name, MetadataOverride change) {
        MetadataOverride merged = metadata.repository().find(MetadataRow.OVERRIDE, name)
                .map(r -> MetadataJson.read(r.body(), MetadataOverride.class).merge(change)).orElse(change);
        return new MetadataRow(MetadataRow.OVERRIDE, name, MetadataRow.CUSTOM, MetadataJson.write(merged));
    }

    @Override
    public MetadataSnapshot addAttribute(String entity, AttributeMetadata attribute) {
        return change("add attribute " + entity + "." + attribute.logicalName(), s -> {
            EntityMetadata e = s.entity(entity);
            AttributeMetadata a = validateNewAttribute(s, e, attribute);
            return new Change(List.of(new MetadataRow(MetadataRow.ATTRIBUTE, entity + "." + a.logicalName(),
                    MetadataRow.CUSTOM, MetadataJson.write(a))), List.of(entity));
        });
    }

    private AttributeMetadata validateNewAttribute(MetadataSnapshot s, EntityMetadata e, AttributeMetadata a) {
        requireCustomName(a.logicalName(), "attribute");
        checkAttributeLabels(a);
        java.util.Set<String> columns = new java.util.HashSet<>();
        for (AttributeMetadata existing : e.attributes()) {
            columns.add(existing.logicalName());
            if (existing.isPolymorphic()) {
                columns.add(existing.typeColumn());
            }
        }
        if (columns.contains(a.logicalName()) || a.isPolymorphic() && columns.contains(a.typeColumn())) {
            throw new RapportException(ErrorCode.METADATA_NAME_TAKEN,
                    "An attribute named " + a.logicalName() + " already exists on " + e.logicalName() + ".",
                    a.logicalName());
        }
        for (io.rapport.metadata.LookupRelationship r : a.relationships()) {
            if (r.name() == null) {
                continue;
            }
            requireCustomName(r.name().toLowerCase(java.util.Locale.ROOT), "relationship");
            if (s.findOneToMany(r.name()).isPresent() || s.findManyToMany(r.name()).isPresent()) {
                throw new RapportException(ErrorCode.METADATA_NAME_TAKEN,
                        "A relationship named " + r.name() + " already exists.", r.name());
            }
        }
        String problem = a.type().definitionProblem(a, s);
        if (problem != null) {
            throw invalid(problem);
        }
        if (a.optionSet() != null) {
            List<Integer> seen = new ArrayList<>();
            for (OptionMetadata o : a.optionSet().options()) {
                if (seen.contains(o.value())) {
                    throw invalid("Option value " + o.value() + " appears twice.");
                }
                seen.add(o.value());
            }
        }
        return a.withCustom(true);
    }

    @Override
    public MetadataSnapshot addEntity(EntityMetadata entity) {
        return change("add entity " + entity.logicalName(), s -> {
            requireCustomName(entity.logicalName(), "entity");
            checkLength("The display name of " + entity.logicalName(), entity.displayName(), MAX_LABEL_LENGTH);
            checkLength("The plural display name of " + entity.logicalName(), entity.displayCollectionName(),
                    MAX_LABEL_LENGTH);
            checkLength("The description of " + entity.logicalName(), entity.description(), MAX_DESCRIPTION_LENGTH);
            if (s.findEntity(entity.logicalName()).isPresent()
                    || s.findEntityBySetName(entity.entitySetName()).isPresent()) {
                throw new RapportException(ErrorCode.METADATA_NAME_TAKEN,
                        "An entity named " + entity.logicalName() + " already exists.");
            }
            int typeCode = Math.max(FIRST_CUSTOM_OBJECT_TYPE, s.entities().stream()
                    .map(EntityMetadata::objectTypeCode).filter(c -> c != null).mapToInt(Integer::intValue).max()
                    .orElse(0) + 1);
            List<AttributeMetadata> attributes = new ArrayList<>();
            String primaryName = entity.primaryNameAttribute().equals("name") ? prefix + "name"
                    : entity.primaryNameAttribute();
            if (entity.findAttribute(primaryName).isEmpty()) {
                attributes.add(new AttributeMetadata(primaryName, null, AttributeType.STRING,
                        PlatformAttributes.label("Name", "Nombre", "Nome"), null, RequiredLevel.APPLICATION, 100,
                        null, null, null, null, null, null, null, null, null, true, false, null, null, true, false,
                        null));
            }
            EntityMetadata draft = entity.withAttributes(List.of());
            MetadataSnapshot withEntity = new MetadataSnapshot(s.version(), concat(s.entities(), draft),
                    s.globalOptionSets().values(), s.oneToManyRelationships(), s.manyToManyRelationships());
            for (AttributeMetadata a : entity.attributes()) {
                attributes.add(validateNewAttribute(withEntity, draft, a));
            }
            EntityMetadata stored = new EntityMetadata(entity.logicalName(), entity.schemaName(),
                    entity.entitySetName(), typeCode, entity.displayName(), entity.displayCollectionName(),
                    entity.description(), entity.primaryIdAttribute(), primaryName, entity.ownership(), null, true,
                    entity.activity(), entity.auditEnabled(), entity.hasStateCode(), false, attributes, entity.keys(),
                    List.of(), entity.changeTrackingEnabled());
            return new Change(List.of(new MetadataRow(MetadataRow.ENTITY, entity.logicalName(), MetadataRow.CUSTOM,
                    MetadataJson.write(stored))), List.of(entity.logicalName()));
        });
    }

    private static List<EntityMetadata> concat(java.util.Collection<EntityMetadata> list, EntityMetadata e) {
        List<EntityMetadata> result = new ArrayList<>(list);
        result.add(e);
        return result;
    }

    @Override
    public MetadataSnapshot addOption(String optionSet, OptionMetadata option) {
        return change("add option " + optionSet, s -> {
            OptionSetMetadata set = findOptionSet(s, optionSet).orElseThrow(() ->
                    invalid("Unknown option set " + optionSet + "."));
            checkOption(option);
            int value = option.value() > 0 ? option.value()
                    : Math.max(FIRST_CUSTOM_OPTION, set.options().stream().mapToInt(OptionMetadata::value).max()
                            .orElse(0) + 1);
            if (set.contains(value)) {
                throw invalid("The option set " + optionSet + " already has the value " + value + ".");
            }
            if (option.label().isEmpty()) {
                throw invalid("An option needs a label.");
            }
            checkState(s, optionSet, option);
            OptionMetadata stored = new OptionMetadata(value, option.label(), option.state(), option.defaultStatus(),
                    option.invariantName(), option.color());
            if (metadata.repository().find(MetadataRow.OPTION_LIST, optionSet).isPresent()) {
                return new Change(List.of(optionList(optionSet, set.plus(stored).options())), List.of());
            }
            return new Change(List.of(new MetadataRow(MetadataRow.OPTION, optionSet + "#" + value,
                    MetadataRow.CUSTOM, MetadataJson.write(stored))), List.of());
        });
    }

    @Override
    public MetadataSnapshot updateOption(String optionSet, int value, Label label, boolean merge) {
        return change("update option " + optionSet + "#" + value, s -> {
            OptionSetMetadata set = existingOptionSet(s, optionSet);
            OptionMetadata old = set.option(value).orElseThrow(() -> invalid("The option set " + optionSet
                    + " has no value " + value + "."));
            if (label == null || label.isEmpty()) {
                throw invalid("An option needs a label.");
            }
            Label next = merge ? old.label().merge(label) : label;
            checkLength("The label of option " + value, next, MAX_LABEL_LENGTH);
            List<OptionMetadata> options = new ArrayList<>();
            for (OptionMetadata o : set.options()) {
                options.add(o.value() != value ? o : new OptionMetadata(value, next, o.state(), o.defaultStatus(),
                        o.invariantName(), o.color()));
            }
            return new Change(List.of(optionList(optionSet, options)), List.of());
        });
    }

    @Override
    public MetadataSnapshot deleteOption(String optionSet, int value) {
        return change("delete option " + optionSet + "#" + value, s -> {
            OptionSetMetadata set = existingOptionSet(s, optionSet);
            OptionMetadata old = set.option(value).orElseThrow(() -> invalid("The option set " + optionSet
                    + " has no value " + value + "."));
            if (old.state() != null || old.invariantName() != null) {
                throw invalid("Status and state values cannot be deleted with DeleteOptionValue.");
            }
            if (set.options().size() == 1) {
                throw invalid("The last option of " + optionSet + " cannot be deleted.");
            }
            return new Change(List.of(optionList(optionSet, set.options().stream().filter(o -> o.value() != value)
                    .toList())), List.of());
        });
    }

    @Override
    public MetadataSnapshot orderOptions(String optionSet, List<Integer> values) {
        return change("order options " + optionSet, s -> {
            OptionSetMetadata set = existingOptionSet(s, optionSet);
            java.util.Set<Integer> given = new java.util.HashSet<>(values == null ? List.of() : values);
            java.util.Set<Integer> existing = new java.util.HashSet<>();
            set.options().forEach(o -> existing.add(o.value()));
            if (values == null || given.size() != values.size() || !given.equals(existing)) {
                throw invalid("Values must name every option of " + optionSet + " exactly once: " + set.options()
                        .stream().map(o -> String.valueOf(o.value())).collect(java.util.stream.Collectors
                                .joining(", ")) + ".");
            }
            List<OptionMetadata> options = values.stream().map(v -> set.option(v).orElseThrow()).toList();
            return new Change(List.of(optionList(optionSet, options)), List.of());
        });
    }

    @Override
    public MetadataSnapshot addGlobalOptionSet(OptionSetMetadata optionSet) {
        return change("add option set " + optionSet.name(), s -> {
            requireCustomName(optionSet.name(), "option set");
            if (s.globalOptionSets().containsKey(optionSet.name())) {
                throw new RapportException(ErrorCode.METADATA_NAME_TAKEN,
                        "An option set named " + optionSet.name() + " already exists.", optionSet.name());
            }
            if (optionSet.displayName().isEmpty()) {
                throw invalid("An option set needs a display name.");
            }
            checkLength("The display name of " + optionSet.name(), optionSet.displayName(), MAX_LABEL_LENGTH);
            List<OptionMetadata> options = new ArrayList<>();
            int next = FIRST_CUSTOM_OPTION;
            for (OptionMetadata o : optionSet.options()) {
                checkOption(o);
                if (o.label().isEmpty()) {
                    throw invalid("Every option needs a label.");
                }
                int value = o.value() > 0 ? o.value() : next;
                if (options.stream().anyMatch(x -> x.value() == value)) {
                    throw invalid("Option value " + value + " appears twice.");
                }
                next = Math.max(next, value + 1);
                options.add(new OptionMetadata(value, o.label()));
            }
            OptionSetMetadata stored = new OptionSetMetadata(optionSet.name(), true, optionSet.displayName(), options,
                    true);
            return new Change(List.of(new MetadataRow(MetadataRow.OPTION_SET, optionSet.name(), MetadataRow.CUSTOM,
                    MetadataJson.write(stored))), List.of());
        });
    }

    @Override
    public MetadataSnapshot relabelOptionSet(String name, Label displayName) {
        return change("relabel option set " + name, s -> {
            OptionSetMetadata set = s.globalOptionSets().get(name);
            if (set == null) {
                throw invalid("Unknown option set " + name + ".");
            }
            if (metadata.repository().find(MetadataRow.OPTION_SET, name).filter(r -> r.source()
                    .equals(MetadataRow.CUSTOM)).isEmpty()) {
                throw invalid("The option set " + name
                        + " is a system option set; only custom option sets can be changed with UpdateOptionSet.");
            }
            Label next = set.displayName().merge(displayName);
            checkLength("The display name of " + name, next, MAX_LABEL_LENGTH);
            if (next.isEmpty()) {
                throw invalid("An option set needs a display name.");
            }
            OptionSetMetadata stored = new OptionSetMetadata(name, true, next, set.options(), true);
            return new Change(List.of(new MetadataRow(MetadataRow.OPTION_SET, name, MetadataRow.CUSTOM,
                    MetadataJson.write(stored))), List.of());
        });
    }

    private static OptionSetMetadata existingOptionSet(MetadataSnapshot s, String name) {
        return findOptionSet(s, name).orElseThrow(() -> invalid("Unknown option set " + name + "."));
    }

    private static MetadataRow optionList(String optionSet, List<OptionMetadata> options) {
        return new MetadataRow(MetadataRow.OPTION_LIST, optionSet, MetadataRow.CUSTOM,
                MetadataJson.write(options.toArray(new OptionMetadata[0])));
    }

    /**
     * A status value names one of its entity's states, as InsertStatusValue adds it; a state attribute takes no new
     * values (the states are fixed); any other option names no state.
     */
    private static void checkState(MetadataSnapshot s, String optionSet, OptionMetadata option) {
        int dot = optionSet.indexOf('.');
        AttributeMetadata a = dot < 0 || s.globalOptionSets().containsKey(optionSet) ? null
                : s.findEntity(optionSet.substring(0, dot)).flatMap(e -> e.findAttribute(optionSet.substring(dot + 1)))
                        .orElse(null);
        if (a != null && a.type() == AttributeType.STATE) {
            throw invalid("The states of " + optionSet.substring(0, dot) + " are fixed; add a status reason to the "
                    + "state with InsertStatusValue instead.");
        }
        if (a != null && a.type() == AttributeType.STATUS) {
            if (option.state() == null) {
                throw invalid(a.logicalName() + " is a status attribute: add its values with InsertStatusValue, "
                        + "which names the state each belongs to.");
            }
            OptionSetMetadata states = s.entity(optionSet.substring(0, dot)).findAttribute("statecode")
                    .map(AttributeMetadata::optionSet).orElse(null);
            if (states == null || !states.contains(option.state())) {
                throw invalid("The state " + option.state() + " is not a state of " + optionSet.substring(0, dot)
                        + (states == null ? "." : "; its states are " + states.options().stream()
                        .map(o -> o.value() + " (" + o.label().get("en") + ")")
                        .collect(java.util.stream.Collectors.joining(", ")) + "."));
            }
        } else if (option.state() != null) {
            throw invalid("Only the values of a status attribute belong to a state; " + optionSet
                    + " is not one.");
        }
    }

    private static Optional<OptionSetMetadata> findOptionSet(MetadataSnapshot s, String name) {
        if (s.globalOptionSets().containsKey(name)) {
            return Optional.of(s.globalOptionSets().get(name));
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return s.findEntity(name.substring(0, dot))
                .flatMap(e -> e.findAttribute(name.substring(dot + 1)))
                .filter(a -> a.globalOptionSet() == null)
                .map(AttributeMetadata::optionSet);
    }

    @Override
    public MetadataSnapshot addManyToMany(ManyToManyRelationship r) {
        return change("add relationship " + r.schemaName(), s -> {
            requireCustomName(r.schemaName().toLowerCase(), "relationship");
            s.entity(r.entity1());
            s.entity(r.entity2());
            if (s.findManyToMany(r.schemaName()).isPresent() || s.findOneToMany(r.schemaName()).isPresent()
                    || s.findEntity(r.intersectEntityName()).isPresent()) {
                throw new RapportException(ErrorCode.METADATA_NAME_TAKEN,
                        "A relationship named " + r.schemaName() + " already exists.");
            }
            ManyToManyRelationship stored = new ManyToManyRelationship(r.schemaName(), r.entity1(), r.entity2(),
                    r.intersectEntityName(), r.entity1IntersectAttribute(), r.entity2IntersectAttribute(),
                    r.entity1NavigationProperty(), r.entity2NavigationProperty(), true);
            return new Change(List.of(new MetadataRow(MetadataRow.RELATIONSHIP, r.schemaName(), MetadataRow.CUSTOM,
                    MetadataJson.write(stored))), List.of(r.entity1(), r.entity2()));
        });
    }

    @Override
    public MetadataSnapshot updateRelationship(String schemaName, CascadeConfiguration cascade) {
        return change("update relationship " + schemaName, s -> {
            if (s.findManyToMany(schemaName).isPresent()) {
                customRelationshipRow(MetadataRow.RELATIONSHIP, schemaName, schemaName);
                if (cascade != null) {
                    throw invalid("A many-to-many relationship has no CascadeConfiguration.");
                }
                return new Change(List.of(), List.of());
            }
            OneToManyRelationship r = s.findOneToMany(schemaName).orElseThrow(() -> new RapportException(
                    ErrorCode.OBJECT_DOES_NOT_EXIST, "Could not find relationship " + schemaName + ".", schemaName));
            // a custom one-to-many relationship is declared by its custom lookup attribute
            MetadataRow row = customRelationshipRow(MetadataRow.ATTRIBUTE, r.referencingEntity() + "."
                    + r.referencingAttribute(), schemaName);
            if (cascade == null) {
                return new Change(List.of(), List.of());
            }
            AttributeMetadata lookup = MetadataJson.read(row.body(), AttributeMetadata.class);
            List<LookupRelationship> declared = new ArrayList<>();
            boolean found = false;
            for (LookupRelationship d : lookup.relationships()) {
                if (r.referencedEntity().equals(d.target()) || d.target() == null && lookup.targets().size() == 1) {
                    d = new LookupRelationship(d.target(), d.name(), cascade, d.referencedNavigationProperty(),
                            d.referencingNavigationProperty());
                    found = true;
                }
                declared.add(d);
            }
            if (!found) {
                declared.add(new LookupRelationship(r.referencedEntity(), schemaName, cascade,
                        r.referencedNavigationProperty(), r.referencingNavigationProperty()));
            }
            return new Change(List.of(new MetadataRow(MetadataRow.ATTRIBUTE, row.name(), MetadataRow.CUSTOM,
                    MetadataJson.write(lookup.withRelationships(declared)))), List.of());
        });
    }

    private MetadataRow customRelationshipRow(String kind, String name, String schemaName) {
        return metadata.repository().find(kind, name).filter(row -> MetadataRow.CUSTOM.equals(row.source()))
                .orElseThrow(() -> invalid("The relationship " + schemaName + " is a system relationship; only "
                        + "custom relationships can be changed with UpdateRelationship."));
    }

    @Override
    public MetadataSnapshot addKey(String entity, EntityKeyMetadata key) {
        return change("add key " + entity + "." + key.logicalName(), s -> {
            EntityMetadata e = s.entity(entity);
            if (key.keyAttributes().isEmpty()) {
                throw invalid("A key needs at least one attribute.");
            }
            for (String name : key.keyAttributes()) {
                AttributeType t = e.attribute(name).type();
                if (!t.validForKey()) {
                    throw invalid("Attributes of type " + t.json() + " cannot be part of a key.");
                }
            }
            if (e.keys().stream().anyMatch(k -> k.logicalName().equals(key.logicalName()))) {
                throw new RapportException(ErrorCode.METADATA_NAME_TAKEN, "A key named " + key.logicalName()
                        + " already exists on " + entity + ".");
            }
            return new Change(List.of(new MetadataRow(MetadataRow.KEY, entity + "." + key.logicalName(),
                    MetadataRow.CUSTOM, MetadataJson.write(key))), List.of(entity));
        });
    }

    private record Change(List<MetadataRow> rows, List<String> touchedEntities) {
    }

    private MetadataSnapshot change(String what, Function<MetadataSnapshot, Change> validate) {
        MetadataSnapshot result = tx.execute(status -> {
            MetadataSnapshot locked = metadata.lockAndRead();
            Change c = validate.apply(locked);
            return metadata.publish(c.rows(), c.touchedEntities());
        });
        log.info("Customization published change=\"{}\" version={}", what, result.version());
        return result;
    }

    /** The longest display name or option label, per language. */
    static final int MAX_LABEL_LENGTH = 250;
    /** The longest description, per language. */
    static final int MAX_DESCRIPTION_LENGTH = 2000;
    private static final java.util.regex.Pattern COLOR = java.util.regex.Pattern.compile("#[0-9A-Fa-f]{6}");

    /** Refuses a label with a text longer than {@code max} in any language. */
    private static void checkLength(String what, Label label, int max) {
        if (label == null) {
            return;
        }
        label.values().forEach((language, text) -> {
            if (text != null && text.length() > max) {
                throw invalid(what + " (" + language + ") has " + text.length() + " characters; at most " + max
                        + " are allowed.");
            }
        });
    }

    /** An option's value (1 or more; 0 asks for the next free one), label and colour. */
    private static void checkOption(OptionMetadata o) {
        if (o.value() < 0) {
            throw invalid("The option value " + o.value() + " is negative; give a value of 1 or more, or none for "
                    + "the next free value.");
        }
        checkLength("The label of option " + o.value(), o.label(), MAX_LABEL_LENGTH);
        if (o.color() != null && !o.color().isEmpty() && !COLOR.matcher(o.color()).matches()) {
            throw invalid("The colour '" + RapportException.quote(o.color().length() > 20 ? o.color().substring(0, 20)
                    + "…" : o.color()) + "' is not a colour: give it as #RRGGBB (for example #0078D4).");
        }
    }

    private static void checkAttributeLabels(AttributeMetadata a) {
        checkLength("The display name of " + a.logicalName(), a.displayName(), MAX_LABEL_LENGTH);
        checkLength("The description of " + a.logicalName(), a.description(), MAX_DESCRIPTION_LENGTH);
        if (a.optionSet() != null) {
            a.optionSet().options().forEach(DefaultCustomizationService::checkOption);
        }
    }

    private void requireCustomName(String name, String what) {
        if (!MetadataNames.isValidLogicalName(name) || !name.startsWith(prefix) || name.length() <= prefix.length()) {
            throw new RapportException(ErrorCode.METADATA_INVALID, "The " + what + " name '" + name
                    + "' must start with the publisher prefix '" + prefix
                    + "' and contain only lower-case letters, digits and underscores (at most 50).");
        }
    }

    private static void requireRange(String what, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw invalid(what + " must be between " + min + " and " + max + ".");
        }
    }

    private static RapportException invalid(String message) {
        return new RapportException(ErrorCode.METADATA_INVALID, message);
    }
}
