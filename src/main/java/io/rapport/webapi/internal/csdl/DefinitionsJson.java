package io.rapport.webapi.internal.csdl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.webapi.internal.json.Json;
import java.util.Map;

/** Metadata as Dataverse's EntityDefinitions, AttributeMetadata, relationships and OptionSetMetadata JSON. */
public final class DefinitionsJson {

    private final String language;

    DefinitionsJson(String language) {
        this.language = language;
    }

    static String metadataId(String... parts) {
        return io.rapport.metadata.MetadataNames.metadataId(parts).toString();
    }

    ObjectNode entity(EntityMetadata e) {
        ObjectNode o = Json.object();
        o.put("MetadataId", metadataId("entity", e.logicalName()));
        o.put("LogicalName", e.logicalName());
        o.put("SchemaName", e.schemaName());
        o.put("EntitySetName", e.entitySetName());
        o.put("LogicalCollectionName", e.entitySetName());
        o.put("CollectionSchemaName", e.schemaName() + "s");
        if (e.objectTypeCode() != null) {
            o.put("ObjectTypeCode", e.objectTypeCode());
        }
        o.put("PrimaryIdAttribute", e.primaryIdAttribute());
        o.put("PrimaryNameAttribute", e.primaryNameAttribute());
        o.put("OwnershipType", e.ownership().dataverseName());
        o.put("IsCustomEntity", e.custom());
        o.put("IsActivity", Boolean.TRUE.equals(e.activity()));
        o.put("IsIntersect", e.isIntersect());
        o.set("IsAuditEnabled", managed(Boolean.TRUE.equals(e.auditEnabled()), "canmodifyauditsettings"));
        o.put("ChangeTrackingEnabled", e.isChangeTracked());
        o.set("DisplayName", label(e.displayName()));
        o.set("DisplayCollectionName", label(e.displayCollectionName()));
        o.set("Description", label(e.description()));
        return o;
    }

    ObjectNode attribute(EntityMetadata e, AttributeMetadata a) {
        ObjectNode o = Json.object();
        o.put("@odata.type", "#Microsoft.Dynamics.CRM." + metadataType(a.type()) + "AttributeMetadata");
        o.put("MetadataId", metadataId("attribute", e.logicalName(), a.logicalName()));
        o.put("LogicalName", a.logicalName());
        o.put("SchemaName", a.schemaName());
        o.put("EntityLogicalName", e.logicalName());
        o.put("AttributeType", a.type().dataverseName());
        o.putObject("AttributeTypeName").put("Value", typeName(a.type()));
        o.set("DisplayName", label(a.displayName()));
        o.set("Description", label(a.description()));
        ObjectNode required = o.putObject("RequiredLevel");
        required.put("Value", a.requiredLevel().dataverseName());
        required.put("CanBeChanged", !a.isManaged());
        required.put("ManagedPropertyLogicalName", "canmodifyrequirementlevelsettings");
        o.put("IsCustomAttribute", a.custom());
        o.put("IsPrimaryId", a.logicalName().equals(e.primaryIdAttribute()));
        o.put("IsPrimaryName", a.logicalName().equals(e.primaryNameAttribute()));
        o.put("IsValidForCreate", Boolean.TRUE.equals(a.validForCreate()));
        o.put("IsValidForUpdate", Boolean.TRUE.equals(a.validForUpdate()));
        o.put("IsValidForRead", a.isReadable());
        o.put("IsSecured", Boolean.TRUE.equals(a.secured()));
        if (a.maxLength() != null) {
            o.put("MaxLength", a.maxLength());
        }
        if (a.minValue() != null) {
            o.put("MinValue", a.minValue());
        }
        if (a.maxValue() != null) {
            o.put("MaxValue", a.maxValue());
        }
        if (a.precision() != null) {
            o.put("Precision", a.precision());
        }
        String format = a.type().metadataFormat(a);
        if (format != null) {
            o.put("Format", format);
        }
        if (a.type().isLookup()) {
            ArrayNode targets = o.putArray("Targets");
            a.targets().forEach(targets::add);
        }
        return o;
    }

    ObjectNode optionSet(OptionSetMetadata set, AttributeType type) {
        ObjectNode o = Json.object();
        o.put("@odata.type", "#Microsoft.Dynamics.CRM." + (type != null && type.isTwoOptions() ? "BooleanOptionSetMetadata"
                : "OptionSetMetadata"));
        o.put("MetadataId", metadataId("optionset", set.name()));
        o.put("Name", set.name());
        o.put("IsGlobal", set.global());
        o.put("IsCustomOptionSet", set.custom());
        o.put("OptionSetType", type == null ? "Picklist" : type.optionSetType());
        o.set("DisplayName", label(set.displayName()));
        if (type != null && type.isTwoOptions()) {
            set.option(1).ifPresent(t -> o.set("TrueOption", option(t)));
            set.option(0).ifPresent(f -> o.set("FalseOption", option(f)));
            return o;
        }
        ArrayNode options = o.putArray("Options");
        set.options().forEach(opt -> options.add(option(opt)));
        return o;
    }

    private ObjectNode option(OptionMetadata opt) {
        ObjectNode o = Json.object();
        o.put("Value", opt.value());
        o.set("Label", label(opt.label()));
        if (opt.state() != null) {
            o.put("State", opt.state());
        }
        if (opt.defaultStatus() != null) {
            o.put("DefaultStatus", opt.defaultStatus());
        }
        if (opt.invariantName() != null) {
            o.put("InvariantName", opt.invariantName());
        }
        // as Dataverse: the colour of the option, null when it has none
        o.put("Color", opt.color());
        return o;
    }

    ObjectNode oneToMany(OneToManyRelationship r) {
        ObjectNode o = Json.object();
        o.put("MetadataId", metadataId("relationship", r.schemaName()));
        o.put("SchemaName", r.schemaName());
        o.put("RelationshipType", "OneToManyRelationship");
        o.put("IsCustomRelationship", r.custom());
        o.put("IsHierarchical", r.hierarchical());
        o.put("ReferencedEntity", r.referencedEntity());
        o.put("ReferencedAttribute", r.referencedAttribute());
        o.put("ReferencingEntity", r.referencingEntity());
        o.put("ReferencingAttribute", r.referencingAttribute());
        o.put("ReferencedEntityNavigationPropertyName", r.referencedNavigationProperty());
        o.put("ReferencingEntityNavigationPropertyName", r.referencingNavigationProperty());
        ObjectNode cascade = o.putObject("CascadeConfiguration");
        cascade.put("Delete", r.cascade().delete().dataverseName());
        cascade.put("Assign", r.cascade().assign().dataverseName());
        cascade.put("Share", r.cascade().share().dataverseName());
        return o;
    }

    ObjectNode manyToMany(ManyToManyRelationship r) {
        ObjectNode o = Json.object();
        o.put("MetadataId", metadataId("relationship", r.schemaName()));
        o.put("SchemaName", r.schemaName());
        o.put("RelationshipType", "ManyToManyRelationship");
        o.put("IsCustomRelationship", r.custom());
        o.put("Entity1LogicalName", r.entity1());
        o.put("Entity2LogicalName", r.entity2());
        o.put("IntersectEntityName", r.intersectEntityName());
        o.put("Entity1IntersectAttribute", r.entity1IntersectAttribute());
        o.put("Entity2IntersectAttribute", r.entity2IntersectAttribute());
        o.put("Entity1NavigationPropertyName", r.entity1NavigationProperty());
        o.put("Entity2NavigationPropertyName", r.entity2NavigationProperty());
        return o;
    }

    ObjectNode key(EntityMetadata e, EntityKeyMetadata k) {
        ObjectNode o = Json.object();
        o.put("MetadataId", metadataId("key", e.logicalName(), k.logicalName()));
        o.put("LogicalName", k.logicalName());
        o.put("EntityLogicalName", e.logicalName());
        o.set("DisplayName", label(k.displayName()));
        ArrayNode attributes = o.putArray("KeyAttributes");
        k.keyAttributes().forEach(attributes::add);
        return o;
    }

    private ObjectNode label(Label label) {
        ObjectNode o = Json.object();
        ArrayNode localized = o.putArray("LocalizedLabels");
        for (Map.Entry<String, String> en : label.values().entrySet()) {
            localized.addObject().put("Label", en.getValue()).put("LanguageCode", Label.lcid(en.getKey()))
                    .put("IsManaged", true);
        }
        String user = label.isEmpty() ? null : label.get(language);
        if (user == null) {
            o.putNull("UserLocalizedLabel");
        } else {
            o.putObject("UserLocalizedLabel").put("Label", user).put("LanguageCode", Label.lcid(language))
                    .put("IsManaged", true);
        }
        return o;
    }

    private static ObjectNode managed(boolean value, String property) {
        ObjectNode o = Json.object();
        o.put("Value", value);
        o.put("CanBeChanged", true);
        o.put("ManagedPropertyLogicalName", property);
        return o;
    }

    static String metadataType(AttributeType t) {
        return t.metadataKind();
    }

    private static String typeName(AttributeType t) {
        return t.typeName();
    }
}
