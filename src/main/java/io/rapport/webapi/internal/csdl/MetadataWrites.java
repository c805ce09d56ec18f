package io.rapport.webapi.internal.csdl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CascadeConfiguration;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.LookupRelationship;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.metadata.OwnershipType;
import io.rapport.metadata.RequiredLevel;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.CreateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.MetadataMessages.CreateManyToManyRequest;
import io.rapport.pipeline.MetadataMessages.CreateOneToManyRequest;
import io.rapport.pipeline.MetadataMessages.CreateOptionSetRequest;
import io.rapport.pipeline.MetadataMessages.DeleteOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueResponse;
import io.rapport.pipeline.MetadataMessages.InsertStatusValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertStatusValueResponse;
import io.rapport.pipeline.MetadataMessages.OrderOptionRequest;
import io.rapport.pipeline.MetadataMessages.PublishAllXmlRequest;
import io.rapport.pipeline.MetadataMessages.PublishXmlRequest;
import io.rapport.pipeline.MetadataMessages.UpdateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.UpdateEntityRequest;
import io.rapport.pipeline.MetadataMessages.UpdateOptionSetRequest;
import io.rapport.pipeline.MetadataMessages.UpdateOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.UpdateRelationshipRequest;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.routing.ODataPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Metadata writes as Dataverse's Web API takes them: POST of an EntityMetadata to {@code EntityDefinitions} (with its
 * primary name attribute), of an AttributeMetadata to {@code EntityDefinitions(...)/Attributes}, PUT (or PATCH) of
 * an entity's or attribute's labels and settings, POST of a OneToMany or ManyToMany relationship to
 * {@code RelationshipDefinitions}, POST of an OptionSetMetadata to {@code GlobalOptionSetDefinitions}, and the
 * unbound actions InsertOptionValue, InsertStatusValue, UpdateOptionValue, DeleteOptionValue, OrderOption, PublishXml and PublishAllXml.
 * Each becomes one customization message of the pipeline, which checks the caller's customization privilege and
 * makes the change in one transaction; bad input answers 400 before anything changes.
 */
@Component
public class MetadataWrites {

    private static final String NS = "Microsoft.Dynamics.CRM.";
    private static final Set<String> ACTIONS = Set.of(MetadataMessages.INSERT_OPTION_VALUE,
            MetadataMessages.INSERT_STATUS_VALUE,
            MetadataMessages.UPDATE_OPTION_VALUE, MetadataMessages.DELETE_OPTION_VALUE, MetadataMessages.ORDER_OPTION,
            MetadataMessages.PUBLISH_XML, MetadataMessages.PUBLISH_ALL_XML);

    /** Whether the unbound segment names one of the metadata actions. */
    public static boolean isAction(String segment) {
        return ACTIONS.contains(segment.startsWith(NS) ? segment.substring(NS.length()) : segment);
    }

    // ---- EntityDefinitions ----

    ApiResponse createEntity(ApiContext ctx) {
        ObjectNode body = body(ctx);
        requireType(body, "EntityMetadata");
        List<String> problems = new ArrayList<>();
        String schemaName = text(body, "SchemaName", problems);
        Label displayName = label(body, "DisplayName", true, problems);
        Label collectionName = label(body, "DisplayCollectionName", true, problems);
        Label description = label(body, "Description", false, problems);
        OwnershipType ownership = OwnershipType.USER;
        if (body.hasNonNull("OwnershipType")) {
            String o = body.get("OwnershipType").asText();
            if (o.equals(OwnershipType.USER.dataverseName()) || o.equals(OwnershipType.ORGANIZATION.dataverseName())) {
                ownership = o.equals(OwnershipType.USER.dataverseName()) ? OwnershipType.USER
                        : OwnershipType.ORGANIZATION;
            } else {
                problems.add("OwnershipType must be UserOwned or OrganizationOwned, not '" + RapportException.quote(o)
                        + "'.");
            }
        }
        if (body.path("IsActivity").asBoolean(false)) {
            problems.add("Custom activity tables (IsActivity true) are not supported.");
        }
        JsonNode attributes = body.path("Attributes");
        List<AttributeMetadata> parsed = new ArrayList<>();
        String primaryName = null;
        if (!attributes.isArray() || attributes.isEmpty()) {
            problems.add("Attributes must hold the primary name attribute (a StringAttributeMetadata with "
                    + "IsPrimaryName true).");
        } else {
            for (JsonNode a : attributes) {
                if (!(a instanceof ObjectNode attribute)) {
                    problems.add("Each item of Attributes must be an AttributeMetadata object.");
                    continue;
                }
                AttributeMetadata parsedAttribute = attribute(ctx.snapshot(), attribute, problems);
                if (parsedAttribute == null) {
                    continue;
                }
                if (attribute.path("IsPrimaryName").asBoolean(false)) {
                    if (primaryName != null) {
                        problems.add("Only one attribute can be the primary name attribute.");
                    } else if (parsedAttribute.type() != AttributeType.STRING) {
                        problems.add("The primary name attribute must be a StringAttributeMetadata.");
                    }
                    primaryName = parsedAttribute.logicalName();
                }
                parsed.add(parsedAttribute);
            }
            if (primaryName == null && problems.isEmpty()) {
                problems.add("Attributes must hold the primary name attribute (a StringAttributeMetadata with "
                        + "IsPrimaryName true).");
            }
        }
        fail(problems);
        String logicalName = schemaName.toLowerCase(Locale.ROOT);
        Boolean audited = body.has("IsAuditEnabled") ? body.path("IsAuditEnabled").path("Value").asBoolean(true)
                : null;
        Boolean tracked = body.has("ChangeTrackingEnabled") ? body.path("ChangeTrackingEnabled").asBoolean() : null;
        EntityMetadata entity = new EntityMetadata(logicalName, schemaName, null, null, displayName, collectionName,
                description, null, primaryName, ownership, null, true, false, audited, null, null, parsed, null,
                null, tracked);
        ctx.org().execute(new CreateEntityRequest(entity));
        return ApiResponse.noContent().header("OData-EntityId", ctx.request().serviceRoot() + "EntityDefinitions("
                + MetadataNames.metadataId("entity", logicalName) + ")");
    }

    ApiResponse updateEntity(ApiContext ctx, EntityMetadata e) {
        ObjectNode body = body(ctx);
        requireType(body, "EntityMetadata");
        List<String> problems = new ArrayList<>();
        sameName(body, "LogicalName", e.logicalName(), problems);
        sameName(body, "SchemaName", e.schemaName(), problems);
        if (body.hasNonNull("OwnershipType") && !body.get("OwnershipType").asText()
                .equals(e.ownership().dataverseName())) {
            problems.add("The OwnershipType of a table cannot change.");
        }
        Label displayName = body.has("DisplayName") ? label(body, "DisplayName", true, problems) : null;
        Label collectionName = body.has("DisplayCollectionName") ? label(body, "DisplayCollectionName", true,
                problems) : null;
        Boolean audited = body.has("IsAuditEnabled") ? body.path("IsAuditEnabled").path("Value").asBoolean() : null;
        Boolean tracked = body.has("ChangeTrackingEnabled") ? body.path("ChangeTrackingEnabled").asBoolean() : null;
        fail(problems);
        if (Boolean.valueOf(Boolean.TRUE.equals(e.auditEnabled())).equals(audited)) {
            audited = null;
        }
        if (tracked != null && tracked == e.isChangeTracked()) {
            tracked = null;
        }
        if (replacesLabels(ctx)) {
            displayName = displayName == null ? null : Label.replacing(displayName);
            collectionName = collectionName == null ? null : Label.replacing(collectionName);
        }
        if (displayName == null && collectionName == null && audited == null && tracked == null) {
            displayName = e.displayName(); // nothing changes, but the caller still needs the privilege to change it
        }
        ctx.org().execute(new UpdateEntityRequest(e.logicalName(), displayName, collectionName, audited, tracked));
        return ApiResponse.noContent();
    }

    // ---- Attributes ----

    ApiResponse createAttribute(ApiContext ctx, EntityMetadata e) {
        ObjectNode body = body(ctx);
        List<String> problems = new ArrayList<>();
        AttributeMetadata a = attribute(ctx.snapshot(), body, problems);
        if (a != null && a.type().isLookup()) {
            problems.add("Lookup attributes are created with their relationship: POST a "
                    + "OneToManyRelationshipMetadata to RelationshipDefinitions.");
        }
        fail(problems);
        ctx.org().execute(new CreateAttributeRequest(e.logicalName(), a));
        return ApiResponse.noContent().header("OData-EntityId", ctx.request().serviceRoot() + "EntityDefinitions("
                + MetadataNames.metadataId("entity", e.logicalName()) + ")/Attributes("
                + MetadataNames.metadataId("attribute", e.logicalName(), a.logicalName()) + ")");
    }

    ApiResponse updateAttribute(ApiContext ctx, EntityMetadata e, AttributeMetadata a) {
        ObjectNode body = body(ctx);
        List<String> problems = new ArrayList<>();
        sameName(body, "LogicalName", a.logicalName(), problems);
        sameName(body, "SchemaName", a.schemaName(), problems);
        if (body.hasNonNull("@odata.type")) {
            String kind = typeName(body.get("@odata.type").asText());
            if (!kind.equals(a.type().metadataKind() + "AttributeMetadata") && !kind.equals("AttributeMetadata")) {
                problems.add("The attribute " + a.logicalName() + " is a " + a.type().metadataKind()
                        + "AttributeMetadata; its type cannot change to " + kind + ".");
            }
        }
        Label displayName = body.has("DisplayName") ? label(body, "DisplayName", true, problems) : null;
        RequiredLevel level = body.has("RequiredLevel") ? requiredLevel(body, problems) : null;
        fail(problems);
        level = level == a.requiredLevel() ? null : level;
        if (replacesLabels(ctx) && displayName != null) {
            displayName = Label.replacing(displayName);
        }
        if (displayName == null && level == null) {
            displayName = a.displayName(); // nothing changes, but the caller still needs the privilege to change it
        }
        ctx.org().execute(new UpdateAttributeRequest(e.logicalName(), a.logicalName(), displayName, level));
        return ApiResponse.noContent();
    }

    // ---- RelationshipDefinitions ----

    ApiResponse createRelationship(ApiContext ctx) {
        ObjectNode body = body(ctx);
        String type = body.hasNonNull("@odata.type") ? typeName(body.get("@odata.type").asText()) : "";
        List<String> problems = new ArrayList<>();
        String schemaName = text(body, "SchemaName", problems);
        MetadataSnapshot s = ctx.snapshot();
        if (type.equals("OneToManyRelationshipMetadata")) {
            String referenced = entityName(s, body, "ReferencedEntity", problems);
            String referencing = entityName(s, body, "ReferencingEntity", problems);
            if (referenced != null && body.hasNonNull("ReferencedAttribute") && !body.get("ReferencedAttribute")
                    .asText().equals(s.entity(referenced).primaryIdAttribute())) {
                problems.add("ReferencedAttribute must be the primary key of " + referenced + " ("
                        + s.entity(referenced).primaryIdAttribute() + ").");
            }
            CascadeConfiguration cascade = cascade(body.path("CascadeConfiguration"), problems);
            JsonNode lookup = body.path("Lookup");
            AttributeMetadata attribute = null;
            if (!(lookup instanceof ObjectNode l)) {
                problems.add("Lookup (a LookupAttributeMetadata) is required.");
            } else {
                if (l.hasNonNull("@odata.type") && !typeName(l.get("@odata.type").asText())
                        .equals("LookupAttributeMetadata")) {
                    problems.add("Lookup must be a LookupAttributeMetadata.");
                }
                String lookupSchema = text(l, "SchemaName", problems);
                Label lookupLabel = label(l, "DisplayName", true, problems);
                Label lookupDescription = label(l, "Description", false, problems);
                RequiredLevel level = l.has("RequiredLevel") ? requiredLevel(l, problems) : RequiredLevel.NONE;
                if (problems.isEmpty()) {
                    attribute = new AttributeMetadata(lookupSchema.toLowerCase(Locale.ROOT), lookupSchema,
                            AttributeType.LOOKUP, lookupLabel, lookupDescription, level, null, null, null, null,
                            List.of(referenced), List.of(new LookupRelationship(referenced, schemaName, cascade,
                                    optionalText(body, "ReferencedEntityNavigationPropertyName"),
                                    // as in Dataverse, the lookup's navigation property defaults to its SchemaName
                                    Optional.ofNullable(optionalText(body, "ReferencingEntityNavigationPropertyName"))
                                            .orElse(lookupSchema))), null, null,
                            null, null, true, null, null, null, null, null, null);
                }
            }
            fail(problems);
            ctx.org().execute(new CreateOneToManyRequest(referencing, attribute));
        } else if (type.equals("ManyToManyRelationshipMetadata")) {
            String entity1 = entityName(s, body, "Entity1LogicalName", problems);
            String entity2 = entityName(s, body, "Entity2LogicalName", problems);
            fail(problems);
            String intersect = optionalText(body, "IntersectEntityName");
            ctx.org().execute(new CreateManyToManyRequest(new ManyToManyRelationship(schemaName, entity1, entity2,
                    intersect == null ? null : intersect.toLowerCase(Locale.ROOT), null, null,
                    optionalText(body, "Entity1NavigationPropertyName"),
                    optionalText(body, "Entity2NavigationPropertyName"), true)));
        } else {
            throw invalid("@odata.type must be Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata or "
                    + "Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata.");
        }
        return ApiResponse.noContent().header("OData-EntityId", ctx.request().serviceRoot()
                + "RelationshipDefinitions(" + MetadataNames.metadataId("relationship", schemaName) + ")");
    }

    /**
     * PUT of a relationship definition to {@code RelationshipDefinitions(...)} (UpdateRelationship): the
     * CascadeConfiguration (Delete, Assign, Share; a value not given keeps its current one) of a custom one-to-many
     * relationship. Its name, kind, entities, attributes and navigation properties cannot change; Rapport keeps no
     * associated menu configuration, so one given is refused rather than dropped.
     */
    ApiResponse updateRelationship(ApiContext ctx, String schemaName) {
        ObjectNode body = body(ctx);
        replacesLabels(ctx); // a relationship keeps no labels, but the header must still be true or false
        MetadataSnapshot s = ctx.snapshot();
        List<String> problems = new ArrayList<>();
        sameName(body, "SchemaName", schemaName, problems);
        CascadeConfiguration cascade = null;
        Optional<OneToManyRelationship> oneToMany = s.findOneToMany(schemaName);
        if (oneToMany.isPresent()) {
            OneToManyRelationship r = oneToMany.get();
            requireType(body, "OneToManyRelationshipMetadata");
            sameNames(body, problems, "RelationshipType", "OneToManyRelationship", "ReferencedEntity",
                    r.referencedEntity(), "ReferencedAttribute", r.referencedAttribute(), "ReferencingEntity",
                    r.referencingEntity(), "ReferencingAttribute", r.referencingAttribute(),
                    "ReferencedEntityNavigationPropertyName", r.referencedNavigationProperty(),
                    "ReferencingEntityNavigationPropertyName", r.referencingNavigationProperty());
            if (body.hasNonNull("IsHierarchical") && body.get("IsHierarchical").asBoolean() != r.hierarchical()) {
                problems.add("IsHierarchical cannot change (it is " + r.hierarchical() + ").");
            }
            JsonNode given = body.path("CascadeConfiguration");
            if (given.isObject()) {
                given.fieldNames().forEachRemaining(f -> {
                    if (!List.of("Delete", "Assign", "Share").contains(f)) {
                        problems.add("CascadeConfiguration." + RapportException.quote(f) + " is not kept by "
                                + "Rapport; only Delete, Assign and Share can be set.");
                    }
                });
                ObjectNode merged = Json.object();
                merged.put("Delete", r.cascade().delete().dataverseName());
                merged.put("Assign", r.cascade().assign().dataverseName());
                merged.put("Share", r.cascade().share().dataverseName());
                merged.setAll((ObjectNode) given);
                cascade = cascade(merged, problems);
            } else if (body.has("CascadeConfiguration")) {
                problems.add("CascadeConfiguration must be an object.");
            }
        } else {
            ManyToManyRelationship r = s.findManyToMany(schemaName).orElseThrow(() -> ApiContext.notFound(
                    schemaName));
            requireType(body, "ManyToManyRelationshipMetadata");
            sameNames(body, problems, "RelationshipType", "ManyToManyRelationship", "Entity1LogicalName",
                    r.entity1(), "Entity2LogicalName", r.entity2(), "IntersectEntityName", r.intersectEntityName(),
                    "Entity1IntersectAttribute", r.entity1IntersectAttribute(), "Entity2IntersectAttribute",
                    r.entity2IntersectAttribute(), "Entity1NavigationPropertyName", r.entity1NavigationProperty(),
                    "Entity2NavigationPropertyName", r.entity2NavigationProperty());
            if (body.has("CascadeConfiguration")) {
                problems.add("A many-to-many relationship has no CascadeConfiguration.");
            }
        }
        for (String menu : List.of("AssociatedMenuConfiguration", "Entity1AssociatedMenuConfiguration",
                "Entity2AssociatedMenuConfiguration")) {
            if (body.hasNonNull(menu)) {
                problems.add(menu + " is not kept by Rapport; leave it out.");
            }
        }
        fail(problems);
        ctx.org().execute(new UpdateRelationshipRequest(schemaName, cascade));
        return ApiResponse.noContent();
    }

    // ---- GlobalOptionSetDefinitions ----

    ApiResponse createOptionSet(ApiContext ctx) {
        ObjectNode body = body(ctx);
        requireType(body, "OptionSetMetadata");
        List<String> problems = new ArrayList<>();
        String name = text(body, "Name", problems);
        Label displayName = label(body, "DisplayName", true, problems);
        if (body.has("IsGlobal") && !body.get("IsGlobal").asBoolean()) {
            problems.add("IsGlobal must be true for GlobalOptionSetDefinitions.");
        }
        if (body.hasNonNull("OptionSetType") && !body.get("OptionSetType").asText().equals("Picklist")) {
            problems.add("OptionSetType must be Picklist.");
        }
        List<OptionMetadata> options = options(body.path("Options"), problems);
        fail(problems);
        ctx.org().execute(new CreateOptionSetRequest(new OptionSetMetadata(name, true, displayName, options, true)));
        return ApiResponse.noContent().header("OData-EntityId", ctx.request().serviceRoot()
                + "GlobalOptionSetDefinitions(" + MetadataNames.metadataId("optionset", name) + ")");
    }

    /**
     * PUT of an OptionSetMetadata to {@code GlobalOptionSetDefinitions(...)} (UpdateOptionSet): its DisplayName; as
     * in Dataverse the options are not changed this way (the option actions change them) and the name cannot change.
     */
    ApiResponse updateOptionSet(ApiContext ctx, OptionSetMetadata set) {
        ObjectNode body = body(ctx);
        requireType(body, "OptionSetMetadata");
        List<String> problems = new ArrayList<>();
        sameName(body, "Name", set.name(), problems);
        Label displayName = body.has("DisplayName") ? label(body, "DisplayName", true, problems) : null;
        fail(problems);
        if (displayName == null) {
            displayName = set.displayName(); // nothing changes, but the caller still needs the privilege to change it
        } else if (replacesLabels(ctx)) {
            displayName = Label.replacing(displayName);
        }
        ctx.org().execute(new UpdateOptionSetRequest(set.name(), displayName));
        return ApiResponse.noContent();
    }

    // ---- actions ----

    ApiResponse action(ApiContext ctx, String segment) {
        String name = segment.startsWith(NS) ? segment.substring(NS.length()) : segment;
        if (!ctx.request().method().equals("POST")) {
            throw new RapportException(ErrorCode.RESOURCE_NOT_FOUND, "No HTTP resource was found that matches the "
                    + "request URI '" + ctx.request().serviceRoot() + ctx.request().path() + "' with method "
                    + ctx.request().method() + "; " + name + " is an action, called with POST.");
        }
        ObjectNode body = ctx.request().hasBody() ? Json.parseObject(ctx.request().bodyText()) : Json.object();
        io.rapport.pipeline.ActionDefinition d = MetadataMessages.WEB_API_ACTIONS.stream()
                .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        List<String> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.startsWith("@") && d.parameters().stream().noneMatch(p -> p.name().equals(f))) {
                problems.add("The parameter '" + RapportException.quote(f) + "' is not a parameter of " + name
                        + ".");
            }
        });
        d.parameters().stream().filter(p -> !p.optional() && !body.hasNonNull(p.name()))
                .forEach(p -> problems.add(name + " needs the parameter " + p.name() + "."));
        String optionSet = optionalText(body, "OptionSetName");
        String entity = optionalText(body, "EntityLogicalName");
        String attribute = optionalText(body, "AttributeLogicalName");
        Integer value = name.equals(MetadataMessages.INSERT_OPTION_VALUE)
                || name.equals(MetadataMessages.INSERT_STATUS_VALUE)
                ? optionValue(body, "Value", problems)
                : body.hasNonNull("Value") ? integer(body.get("Value"), "Value", problems) : null;
        switch (name) {
            case MetadataMessages.INSERT_OPTION_VALUE -> {
                Label label = label(body, "Label", true, problems);
                fail(problems);
                InsertOptionValueResponse r = ctx.org().execute(new InsertOptionValueRequest(optionSet, entity,
                        attribute, new OptionMetadata(value == null ? 0 : value, label)));
                ObjectNode out = Json.object();
                out.put("@odata.context", ctx.context(NS + "InsertOptionValueResponse"));
                out.put("NewOptionValue", r.newOptionValue());
                return ApiResponse.json(200, Json.write(out));
            }
            case MetadataMessages.INSERT_STATUS_VALUE -> {
                Label label = label(body, "Label", true, problems);
                Integer state = body.hasNonNull("StateCode") ? integer(body.get("StateCode"), "StateCode", problems)
                        : null;
                if (optionSet != null) {
                    problems.add("OptionSetName is reserved for future use; name the status attribute with "
                            + "EntityLogicalName and AttributeLogicalName.");
                }
                String color = optionalText(body, "Color");
                fail(problems);
                InsertStatusValueResponse r = ctx.org().execute(new InsertStatusValueRequest(entity, attribute, state,
                        new OptionMetadata(value == null ? 0 : value, label, null, null, null, color)));
                ObjectNode out = Json.object();
                out.put("@odata.context", ctx.context(NS + "InsertStatusValueResponse"));
                out.put("NewOptionValue", r.newOptionValue());
                return ApiResponse.json(200, Json.write(out));
            }
            case MetadataMessages.UPDATE_OPTION_VALUE -> {
                Label label = label(body, "Label", true, problems);
                fail(problems);
                ctx.org().execute(new UpdateOptionValueRequest(optionSet, entity, attribute, value, label,
                        body.path("MergeLabels").asBoolean()));
            }
            case MetadataMessages.DELETE_OPTION_VALUE -> {
                fail(problems);
                ctx.org().execute(new DeleteOptionValueRequest(optionSet, entity, attribute, value));
            }
            case MetadataMessages.ORDER_OPTION -> {
                List<Integer> values = new ArrayList<>();
                JsonNode array = body.path("Values");
                if (body.has("Values") && !array.isArray()) {
                    problems.add("Values must be an array of option values.");
                }
                array.forEach(v -> values.add(integer(v, "Values", problems)));
                fail(problems);
                ctx.org().execute(new OrderOptionRequest(optionSet, entity, attribute, values));
            }
            case MetadataMessages.PUBLISH_XML -> {
                fail(problems);
                ctx.org().execute(new PublishXmlRequest(body.path("ParameterXml").asText()));
            }
            default -> {
                fail(problems);
                ctx.org().execute(new PublishAllXmlRequest());
            }
        }
        return ApiResponse.noContent();
    }

    // ---- parsing ----

    /** An AttributeMetadata of the Web API as Rapport's attribute; problems are collected, {@code null} then. */
    static AttributeMetadata attribute(MetadataSnapshot s, ObjectNode body, List<String> problems) {
        int before = problems.size();
        String kind = body.hasNonNull("@odata.type") ? typeName(body.get("@odata.type").asText()) : null;
        AttributeType type = kind == null ? null : type(kind, body);
        if (kind == null) {
            problems.add("@odata.type (for example Microsoft.Dynamics.CRM.StringAttributeMetadata) is required.");
        } else if (type == null) {
            problems.add("Unknown attribute type '" + kind + "'.");
        }
        String schemaName = text(body, "SchemaName", problems);
        Label displayName = label(body, "DisplayName", true, problems);
        Label description = label(body, "Description", false, problems);
        RequiredLevel level = body.has("RequiredLevel") ? requiredLevel(body, problems) : RequiredLevel.NONE;
        Integer maxLength = body.hasNonNull("MaxLength") ? integer(body.get("MaxLength"), "MaxLength", problems)
                : null;
        Integer precision = body.hasNonNull("Precision") ? integer(body.get("Precision"), "Precision", problems)
                : null;
        BigDecimal min = decimal(body, "MinValue", problems);
        BigDecimal max = decimal(body, "MaxValue", problems);
        OptionSetMetadata optionSet = null;
        String globalOptionSet = null;
        if (type != null && type.hasOptions()) {
            String bind = optionalText(body, "GlobalOptionSet@odata.bind");
            if (bind != null) {
                globalOptionSet = globalOptionSetName(s, bind, problems);
            } else if (type.isTwoOptions()) {
                optionSet = twoOptions(body.path("OptionSet"), problems);
            } else if (body.path("OptionSet").isObject()) {
                JsonNode set = body.path("OptionSet");
                if (set.path("IsGlobal").asBoolean(false)) {
                    problems.add("A global option set is bound with GlobalOptionSet@odata.bind, not given inline.");
                }
                optionSet = new OptionSetMetadata(null, false, label((ObjectNode) set, "DisplayName", false,
                        problems), options(set.path("Options"), problems), true);
            } else {
                problems.add("A " + kind + " needs an OptionSet with Options, or GlobalOptionSet@odata.bind.");
            }
        }
        String format = null;
        if (type != null && type.isText() && body.path("FormatName").hasNonNull("Value")) {
            String f = body.path("FormatName").path("Value").asText();
            format = f.equals("Text") || f.equals("TextArea") ? null
                    : f.substring(0, 1).toLowerCase(Locale.ROOT) + f.substring(1);
        }
        if (problems.size() > before) {
            return null;
        }
        return new AttributeMetadata(schemaName.toLowerCase(Locale.ROOT), schemaName, type, displayName, description,
                level, maxLength, min, max, precision, null, null, optionSet, globalOptionSet, format, null, true, null,
                null, null, null, null, null);
    }

    /** The attribute type of {@code <Kind>AttributeMetadata}; DateTime with DateOnly behaviour or format is a date. */
    private static AttributeType type(String kind, JsonNode body) {
        List<AttributeType> candidates = AttributeType.all().stream()
                .filter(t -> (t.metadataKind() + "AttributeMetadata").equals(kind)).toList();
        if (candidates.isEmpty()) {
            return null;
        }
        String dataverseType = body.path("AttributeType").asText("");
        boolean dateOnly = "DateOnly".equals(body.path("Format").asText(""))
                || "DateOnly".equals(body.path("DateTimeBehavior").path("Value").asText(""));
        for (AttributeType t : candidates) {
            if (t.isDate() && t.isDateOnly() == dateOnly) {
                return t;
            }
        }
        return candidates.stream().filter(t -> t.dataverseName().equals(dataverseType)).findFirst()
                .orElse(candidates.stream().filter(t -> t.dataverseName().equals(kind.replace("AttributeMetadata",
                        ""))).findFirst().orElse(candidates.get(0)));
    }

    private static OptionSetMetadata twoOptions(JsonNode set, List<String> problems) {
        if (!set.isObject()) {
            return null; // the type's Yes / No
        }
        List<OptionMetadata> options = new ArrayList<>();
        for (String side : new String[] {"TrueOption", "FalseOption"}) {
            JsonNode o = set.path(side);
            if (!o.isObject()) {
                problems.add("OptionSet." + side + " is required.");
                continue;
            }
            options.add(new OptionMetadata(side.equals("TrueOption") ? 1 : 0, label((ObjectNode) o, "Label", true,
                    problems)));
        }
        return new OptionSetMetadata(null, false, null, options, true);
    }

    /**
     * An option's {@code Value}: absent (null, the next free value is taken) or an integer of 1 or more; anything
     * else is a problem named as {@code what}.
     */
    private static Integer optionValue(JsonNode holder, String what, List<String> problems) {
        if (!holder.hasNonNull("Value")) {
            return null;
        }
        int before = problems.size();
        Integer value = integer(holder.get("Value"), "Value", problems);
        if (value != null && value < 1 && problems.size() == before) {
            problems.add(what + " must be 1 or more; leave it out for the next free value.");
        }
        return value;
    }

    private static List<OptionMetadata> options(JsonNode array, List<String> problems) {
        List<OptionMetadata> options = new ArrayList<>();
        if (!array.isArray() || array.isEmpty()) {
            problems.add("Options must hold at least one option.");
            return options;
        }
        int next = 100_000_000;
        for (JsonNode o : array) {
            if (!(o instanceof ObjectNode option)) {
                problems.add("Each option must be an OptionMetadata object.");
                continue;
            }
            Integer value = optionValue(option, "An option's Value", problems);
            Label l = label(option, "Label", true, problems);
            int v = value != null ? value : next;
            next = Math.max(next, v + 1);
            options.add(new OptionMetadata(v, l));
        }
        return options;
    }

    private static String globalOptionSetName(MetadataSnapshot s, String bind, List<String> problems) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                ".*GlobalOptionSetDefinitions\\((?:Name=')?([^')]+)'?\\)").matcher(bind);
        if (m.matches()) {
            String key = m.group(1);
            Optional<OptionSetMetadata> set = s.globalOptionSets().values().stream().filter(o -> o.name().equals(key)
                    || MetadataNames.metadataId("optionset", o.name()).toString().equalsIgnoreCase(key)).findFirst();
            if (set.isPresent()) {
                return set.get().name();
            }
        }
        problems.add("GlobalOptionSet@odata.bind names no global option set: '" + bind + "'.");
        return null;
    }

    private static CascadeConfiguration cascade(JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            return null;
        }
        CascadeType[] kinds = new CascadeType[3];
        String[] names = {"Delete", "Assign", "Share"};
        for (int i = 0; i < 3; i++) {
            String v = node.path(names[i]).asText(null);
            if (v == null) {
                continue;
            }
            for (CascadeType t : CascadeType.values()) {
                if (t.dataverseName().equals(v)) {
                    kinds[i] = t;
                }
            }
            if (kinds[i] == null) {
                problems.add("CascadeConfiguration." + names[i] + " '" + RapportException.quote(v)
                        + "' is not a cascade type.");
            }
        }
        for (int i = 1; i < 3; i++) {
            if (kinds[i] == CascadeType.REMOVE_LINK || kinds[i] == CascadeType.RESTRICT) {
                problems.add("CascadeConfiguration." + names[i] + " must be Cascade, Active, UserOwned or NoCascade.");
                kinds[i] = null;
            }
        }
        try {
            return new CascadeConfiguration(kinds[0], kinds[1], kinds[2]);
        } catch (IllegalArgumentException e) {
            problems.add("CascadeConfiguration: " + e.getMessage() + ".");
            return null;
        }
    }

    private static RequiredLevel requiredLevel(ObjectNode body, List<String> problems) {
        JsonNode node = body.get("RequiredLevel");
        String value = node.isObject() ? node.path("Value").asText(null) : node.asText(null);
        for (RequiredLevel l : RequiredLevel.values()) {
            if (l.dataverseName().equals(value)) {
                if (l == RequiredLevel.SYSTEM) {
                    problems.add("RequiredLevel SystemRequired is set by the system only.");
                }
                return l;
            }
        }
        problems.add("RequiredLevel.Value must be None, Recommended or ApplicationRequired, not '" + value + "'.");
        return null;
    }

    /** A Label: its LocalizedLabels by LCID (1033 English, 3082 Spanish, 1046 Brazilian Portuguese). */
    static Label label(ObjectNode body, String property, boolean required, List<String> problems) {
        JsonNode node = body.path(property);
        Map<String, String> values = new LinkedHashMap<>();
        if (node.isObject()) {
            for (JsonNode l : node.path("LocalizedLabels")) {
                String text = l.path("Label").asText("");
                int lcid = l.path("LanguageCode").asInt(0);
                String language = Label.LANGUAGES.stream().filter(x -> Label.lcid(x) == lcid).findFirst()
                        .orElse(null);
                if (language == null) {
                    problems.add(property + ": the language code " + lcid + " is not provisioned (1033, 3082 and "
                            + "1046 are).");
                } else if (!text.isBlank()) {
                    values.put(language, text);
                }
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            problems.add(property + " must be a Label with LocalizedLabels.");
        }
        if (required && values.isEmpty()) {
            problems.add(property + " needs at least one localized label.");
        }
        return new Label(values);
    }

    private static String text(ObjectNode body, String property, List<String> problems) {
        String v = optionalText(body, property);
        if (v == null || v.isBlank()) {
            problems.add(property + " is required.");
            return null;
        }
        return v;
    }

    private static String optionalText(ObjectNode body, String property) {
        JsonNode v = body.get(property);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode v, String property, List<String> problems) {
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            problems.add(property + " must be a whole number, not " + v + ".");
            return 0;
        }
        return v.intValue();
    }

    private static BigDecimal decimal(ObjectNode body, String property, List<String> problems) {
        JsonNode v = body.get(property);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            problems.add(property + " must be a number.");
            return null;
        }
        return v.decimalValue();
    }

    private static String entityName(MetadataSnapshot s, ObjectNode body, String property, List<String> problems) {
        String name = text(body, property, problems);
        if (name != null && s.findEntity(name).isEmpty()) {
            problems.add(property + " '" + name + "' is not a table.");
            return null;
        }
        return name;
    }

    /** {@link #sameName} for each property and current value pair, in order. */
    private static void sameNames(ObjectNode body, List<String> problems, String... propertiesAndValues) {
        for (int i = 0; i < propertiesAndValues.length; i += 2) {
            sameName(body, propertiesAndValues[i], propertiesAndValues[i + 1], problems);
        }
    }

    private static void sameName(ObjectNode body, String property, String current, List<String> problems) {
        if (body.hasNonNull(property) && !body.get(property).asText().equals(current)) {
            problems.add(property + " cannot change (it is '" + current + "').");
        }
    }

    /**
     * Whether the request replaces labels as a whole ({@code MSCRM.MergeLabels: false}: the languages it does not give
     * are removed, as in Dataverse); without the header, or with {@code true}, the given languages are merged in.
     */
    static boolean replacesLabels(ApiContext ctx) {
        String merge = ctx.request().header("MSCRM.MergeLabels");
        if (merge == null || merge.isBlank() || merge.trim().equalsIgnoreCase("true")) {
            return false;
        }
        if (merge.trim().equalsIgnoreCase("false")) {
            return true;
        }
        throw invalid("MSCRM.MergeLabels must be true or false, not '" + RapportException.quote(merge) + "'.");
    }

    private static void requireType(ObjectNode body, String kind) {
        if (body.hasNonNull("@odata.type") && !typeName(body.get("@odata.type").asText()).equals(kind)) {
            throw invalid("@odata.type must be " + NS + kind + ".");
        }
    }

    private static String typeName(String odataType) {
        String t = odataType.startsWith("#") ? odataType.substring(1) : odataType;
        return t.startsWith(NS) ? t.substring(NS.length()) : t;
    }

    private static ObjectNode body(ApiContext ctx) {
        if (!ctx.request().hasBody()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The request needs a JSON body.");
        }
        return Json.parseObject(ctx.request().bodyText());
    }

    private static void fail(List<String> problems) {
        RapportException.throwIfAny(ErrorCode.METADATA_INVALID, problems);
    }

    private static RapportException invalid(String message) {
        return new RapportException(ErrorCode.METADATA_INVALID, message);
    }
}
