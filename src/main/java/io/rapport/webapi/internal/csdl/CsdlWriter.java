package io.rapport.webapi.internal.csdl;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import java.util.Collection;
import java.util.List;

/**
 * Writes the CSDL ($metadata) of the current metadata snapshot and action catalog, shaped like Dataverse's:
 * namespace {@code Microsoft.Dynamics.CRM} (alias {@code mscrm}), entity types deriving from
 * {@code crmbaseentity} with their key, Edm-typed properties, {@code _x_value} lookup properties, navigation
 * properties with partners and referential constraints, alternate keys, actions, functions and the container.
 */
public final class CsdlWriter {

    private final StringBuilder xml = new StringBuilder();
    private final MetadataSnapshot snapshot;

    private CsdlWriter(MetadataSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    static String write(MetadataSnapshot snapshot, Collection<ActionDefinition> operations) {
        return new CsdlWriter(snapshot).document(operations);
    }

    private String document(Collection<ActionDefinition> operations) {
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n")
                .append("<edmx:DataServices>\n<Schema Namespace=\"Microsoft.Dynamics.CRM\" Alias=\"mscrm\" ")
                .append("xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n")
                .append("<EntityType Name=\"crmbaseentity\" Abstract=\"true\"/>\n")
                // the Label of the metadata actions' parameters (InsertOptionValue, UpdateOptionValue)
                .append("<ComplexType Name=\"LocalizedLabel\"><Property Name=\"Label\" Type=\"Edm.String\"/>")
                .append("<Property Name=\"LanguageCode\" Type=\"Edm.Int32\" Nullable=\"false\"/></ComplexType>\n")
                .append("<ComplexType Name=\"Label\"><Property Name=\"LocalizedLabels\" ")
                .append("Type=\"Collection(mscrm.LocalizedLabel)\"/><Property Name=\"UserLocalizedLabel\" ")
                .append("Type=\"mscrm.LocalizedLabel\"/></ComplexType>\n")
                // the paging of RetrieveDuplicates
                .append("<ComplexType Name=\"PagingInfo\"><Property Name=\"PageNumber\" Type=\"Edm.Int32\" ")
                .append("Nullable=\"false\"/><Property Name=\"Count\" Type=\"Edm.Int32\" Nullable=\"false\"/>")
                .append("<Property Name=\"PagingCookie\" Type=\"Edm.String\"/><Property Name=")
                .append("\"ReturnTotalRecordCount\" Type=\"Edm.Boolean\" Nullable=\"false\"/></ComplexType>\n");
        snapshot.entities().forEach(this::entityType);
        for (ActionDefinition d : operations) {
            operation(d);
        }
        xml.append("<EntityContainer Name=\"System\">\n");
        for (EntityMetadata e : snapshot.entities()) {
            xml.append("<EntitySet Name=\"").append(esc(e.entitySetName())).append("\" EntityType=\"")
                    .append("Microsoft.Dynamics.CRM.").append(esc(e.logicalName())).append("\">");
            java.util.Set<String> bound = new java.util.HashSet<>();
            for (OneToManyRelationship r : snapshot.manyToOneOf(e.logicalName())) {
                if (bound.add(r.referencingNavigationProperty())) {
                    binding(r.referencingNavigationProperty(), r.referencedEntity());
                }
            }
            for (OneToManyRelationship r : snapshot.oneToManyOf(e.logicalName())) {
                if (bound.add(r.referencedNavigationProperty())) {
                    binding(r.referencedNavigationProperty(), r.referencingEntity());
                }
            }
            xml.append("</EntitySet>\n");
        }
        for (ActionDefinition d : operations) {
            if (d.boundEntity() == null) {
                String kind = d.function() ? "Function" : "Action";
                xml.append('<').append(kind).append("Import Name=\"").append(esc(d.name())).append("\" ").append(kind)
                        .append("=\"Microsoft.Dynamics.CRM.").append(esc(d.name())).append("\"/>\n");
            }
        }
        xml.append("</EntityContainer>\n</Schema>\n</edmx:DataServices>\n</edmx:Edmx>\n");
        return xml.toString();
    }

    private void binding(String path, String target) {
        xml.append("<NavigationPropertyBinding Path=\"").append(esc(path)).append("\" Target=\"")
                .append(esc(snapshot.entity(target).entitySetName())).append("\"/>");
    }

    private void entityType(EntityMetadata e) {
        xml.append("<EntityType Name=\"").append(esc(e.logicalName())).append("\" BaseType=\"mscrm.crmbaseentity\">\n")
                .append("<Key><PropertyRef Name=\"").append(esc(e.primaryIdAttribute())).append("\"/></Key>\n");
        for (AttributeMetadata a : e.attributes()) {
            String name = a.type().isLookup() ? "_" + a.logicalName() + "_value" : a.logicalName();
            xml.append("<Property Name=\"").append(esc(name)).append("\" Type=\"").append(EdmTypes.of(a)).append('"');
            if (a.logicalName().equals(e.primaryIdAttribute())) {
                xml.append(" Nullable=\"false\"");
            }
            if (a.type().isText()) {
                xml.append(" Unicode=\"false\"");
            }
            if (a.isManaged() || !a.validForUpdate() && !a.validForCreate()) {
                xml.append("><Annotation Term=\"Org.OData.Core.V1.Computed\" Bool=\"true\"/></Property>\n");
            } else {
                xml.append("/>\n");
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (OneToManyRelationship r : snapshot.manyToOneOf(e.logicalName())) {
            if (!names.add(r.referencingNavigationProperty())) {
                continue;
            }
            xml.append("<NavigationProperty Name=\"").append(esc(r.referencingNavigationProperty()))
                    .append("\" Type=\"mscrm.").append(esc(r.referencedEntity())).append("\" Nullable=\"false\" Partner=\"")
                    .append(esc(r.referencedNavigationProperty())).append("\"><ReferentialConstraint Property=\"_")
                    .append(esc(r.referencingAttribute())).append("_value\" ReferencedProperty=\"")
                    .append(esc(r.referencedAttribute())).append("\"/></NavigationProperty>\n");
        }
        for (OneToManyRelationship r : snapshot.oneToManyOf(e.logicalName())) {
            if (!names.add(r.referencedNavigationProperty())) {
                continue;
            }
            navigation(r.referencedNavigationProperty(), r.referencingEntity(), r.referencingNavigationProperty());
        }
        for (ManyToManyRelationship r : snapshot.manyToManyOf(e.logicalName())) {
            boolean first = r.entity1().equals(e.logicalName());
            if (!names.add(first ? r.entity1NavigationProperty() : r.entity2NavigationProperty())) {
                continue;
            }
            navigation(first ? r.entity1NavigationProperty() : r.entity2NavigationProperty(), r.otherEntity(
                    e.logicalName()), first ? r.entity2NavigationProperty() : r.entity1NavigationProperty());
        }
        alternateKeys(e.keys());
        xml.append("</EntityType>\n");
    }

    private void navigation(String name, String target, String partner) {
        xml.append("<NavigationProperty Name=\"").append(esc(name)).append("\" Type=\"Collection(mscrm.")
                .append(esc(target)).append(")\" Partner=\"").append(esc(partner)).append("\"/>\n");
    }

    private void alternateKeys(List<EntityKeyMetadata> keys) {
        if (keys.isEmpty()) {
            return;
        }
        xml.append("<Annotation Term=\"OData.Community.Keys.V1.AlternateKeys\"><Collection>");
        for (EntityKeyMetadata k : keys) {
            xml.append("<Record Type=\"OData.Community.Keys.V1.AlternateKey\"><PropertyValue Property=\"Key\">")
                    .append("<Collection>");
            for (String attribute : k.keyAttributes()) {
                xml.append("<Record Type=\"OData.Community.Keys.V1.PropertyRef\"><PropertyValue Property=\"Alias\" ")
                        .append("String=\"").append(esc(attribute)).append("\"/><PropertyValue Property=\"Name\" ")
                        .append("PropertyPath=\"").append(esc(attribute)).append("\"/></Record>");
            }
            xml.append("</Collection></PropertyValue></Record>");
        }
        xml.append("</Collection></Annotation>\n");
    }

    private void operation(ActionDefinition d) {
        if (!d.outputs().isEmpty() && d.returnedEntity() == null && d.returnedEntities() == null) {
            xml.append("<ComplexType Name=\"").append(esc(d.name())).append("Response\">");
            for (Parameter p : d.outputs()) {
                xml.append("<Property Name=\"").append(esc(p.name())).append("\" Type=\"").append(type(p))
                        .append("\"/>");
            }
            xml.append("</ComplexType>\n");
        }
        String kind = d.function() ? "Function" : "Action";
        xml.append('<').append(kind).append(" Name=\"").append(esc(d.name())).append('"');
        if (d.boundEntity() != null) {
            xml.append(" IsBound=\"true\"");
        }
        xml.append('>');
        if (d.boundEntity() != null && d.boundEntity().startsWith("Collection(")) {
            // bound to an entity set (CreateMultiple...): Dataverse names the binding parameter entityset
            xml.append("<Parameter Name=\"entityset\" Type=\"Collection(mscrm.").append(esc(d.boundEntity()
                    .substring("Collection(".length()))).append("\" Nullable=\"false\"/>");
        } else if (d.boundEntity() != null) {
            xml.append("<Parameter Name=\"entity\" Type=\"mscrm.").append(esc(d.boundEntity()))
                    .append("\" Nullable=\"false\"/>");
        }
        for (Parameter p : d.parameters()) {
            xml.append("<Parameter Name=\"").append(esc(p.name())).append("\" Type=\"").append(type(p)).append('"')
                    .append(p.optional() ? "" : " Nullable=\"false\"").append("/>");
        }
        if (d.returnedEntity() != null) {
            xml.append("<ReturnType Type=\"mscrm.").append(esc(d.returnedEntity())).append("\" Nullable=\"false\"/>");
        } else if (d.returnedEntities() != null) {
            xml.append("<ReturnType Type=\"Collection(mscrm.").append(esc(d.returnedEntities()))
                    .append(")\" Nullable=\"false\"/>");
        } else if (!d.outputs().isEmpty()) {
            xml.append("<ReturnType Type=\"mscrm.").append(esc(d.name())).append("Response\" Nullable=\"false\"/>");
        }
        xml.append("</").append(kind).append(">\n");
    }

    private static String type(Parameter p) {
        String entity = "mscrm." + (p.entity() == null ? "crmbaseentity" : p.entity());
        return switch (p.type()) {
            case "String" -> "Edm.String";
            case "Int32" -> "Edm.Int32";
            case "Int64" -> "Edm.Int64";
            case "Boolean" -> "Edm.Boolean";
            case "Decimal", "Money" -> "Edm.Decimal";
            case "DateTime" -> "Edm.DateTimeOffset";
            case "Guid" -> "Edm.Guid";
            case "StringArray" -> "Collection(Edm.String)";
            case "Int32Array" -> "Collection(Edm.Int32)";
            case "GuidArray" -> "Collection(Edm.Guid)";
            case "Label" -> "mscrm.Label";
            case "PagingInfo" -> "mscrm.PagingInfo";
            case "EntityCollection" -> "Collection(" + entity + ")";
            case "Entity", "EntityReference" -> entity;
            default -> "Edm.String";
        };
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
