package io.rapport.webapi.internal.csdl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.pipeline.CallerProvider;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.query.Splitter;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.routing.ODataPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * $metadata (CSDL), and metadata as data: {@code EntityDefinitions} (by LogicalName or MetadataId, with $select,
 * {@code $filter=LogicalName eq '...'}, and $expand of Attributes, Keys and the three kinds of relationships),
 * {@code EntityDefinitions(...)/Attributes(LogicalName='...')} (optionally cast, with $expand=OptionSet) and
 * {@code GlobalOptionSetDefinitions(Name='...')}.
 */
@Component
public class MetadataHandlers {

    private static final Pattern LOGICAL_NAME_FILTER = Pattern.compile("LogicalName\\s+eq\\s+'([^']*)'");
    private static final Set<String> NAVIGATIONS = Set.of("Attributes", "Keys", "ManyToOneRelationships",
            "OneToManyRelationships", "ManyToManyRelationships");

    private final ActionCatalog catalog;
    private final CallerProvider callers;
    private final MetadataWrites writes;
    private final DefinitionDeletes deletes;

    MetadataHandlers(ActionCatalog catalog, CallerProvider callers, MetadataWrites writes, DefinitionDeletes deletes) {
        this.deletes = deletes;
        this.catalog = catalog;
        this.callers = callers;
        this.writes = writes;
    }

    public ApiResponse csdl(ApiContext ctx) {
        ctx.requireGet("$metadata");
        List<io.rapport.pipeline.ActionDefinition> operations = new ArrayList<>(catalog.definitions());
        operations.addAll(io.rapport.pipeline.MetadataMessages.WEB_API_ACTIONS);
        operations.addAll(io.rapport.webapi.internal.operations.BulkOperationHandler.CSDL);
        return ApiResponse.text(200, "application/xml", CsdlWriter.write(ctx.snapshot(), operations));
    }

    /** The metadata actions (InsertOptionValue, OrderOption, PublishXml...), if the segment names one. */
    public java.util.Optional<ApiResponse> action(ApiContext ctx, ODataPath.Segment segment) {
        return MetadataWrites.isAction(segment.name()) ? java.util.Optional.of(writes.action(ctx, segment.name()))
                : java.util.Optional.empty();
    }

    public ApiResponse definitions(ApiContext ctx, ODataPath path) {
        String method = ctx.request().method();
        MetadataSnapshot s = ctx.snapshot();
        ODataPath.Segment first = path.get(0);
        if (!method.equals("GET")) {
            return write(ctx, path, method);
        }
        DefinitionsJson json = new DefinitionsJson(callers.current().language());
        if (first.name().equals("RelationshipDefinitions")) {
            return relationship(ctx, json, path);
        }
        if (first.name().equals("GlobalOptionSetDefinitions")) {
            if (!first.hasKey()) {
                return collection(ctx, "GlobalOptionSetDefinitions", s.globalOptionSets().values().stream()
                        .map(o -> json.optionSet(o, null)).toList());
            }
            return single(ctx, "GlobalOptionSetDefinitions/$entity", json.optionSet(globalOptionSet(s, first), null));
        }
        if (!first.hasKey()) {
            String filter = ctx.request().option("$filter");
            List<ObjectNode> items = new ArrayList<>();
            for (EntityMetadata e : s.entities()) {
                if (matches(filter, e)) {
                    items.add(withExpands(ctx, json, e));
                }
            }
            return collection(ctx, "EntityDefinitions", items);
        }
        EntityMetadata e = entity(s, first);
        if (path.size() == 1) {
            return single(ctx, "EntityDefinitions/$entity", withExpands(ctx, json, e));
        }
        String navigation = path.get(1).name();
        if (navigation.equals("Attributes") && path.get(1).hasKey()) {
            String name = String.valueOf(path.get(1).named().get("LogicalName"));
            AttributeMetadata a = e.findAttribute(name).orElseThrow(() -> ApiContext.notFound(name));
            ObjectNode node = json.attribute(e, a);
            String expand = ctx.request().option("$expand");
            if (a.optionSet() != null && expand != null && (expand.contains("OptionSet"))) {
                node.set(expand.contains("GlobalOptionSet") ? "GlobalOptionSet" : "OptionSet",
                        json.optionSet(a.optionSet(), a.type()));
            }
            return single(ctx, "EntityDefinitions('" + e.logicalName() + "')/Attributes/$entity", node);
        }
        if (navigation.equals("Keys") && path.get(1).hasKey() && path.size() == 2) {
            return single(ctx, "EntityDefinitions('" + e.logicalName() + "')/Keys/$entity",
                    json.key(e, DefinitionDeletes.key(e, path.get(1))));
        }
        if (!NAVIGATIONS.contains(navigation) || path.size() > 2) {
            throw ApiContext.notFound(navigation);
        }
        return collection(ctx, "EntityDefinitions('" + e.logicalName() + "')/" + navigation,
                related(s, json, e, navigation));
    }

    /** {@code GlobalOptionSetDefinitions(Name='x')} or {@code (<MetadataId>)}. */
    private static OptionSetMetadata globalOptionSet(MetadataSnapshot s, ODataPath.Segment segment) {
        Object name = segment.named().get("Name");
        String key = name != null ? name.toString() : String.valueOf(segment.key());
        return s.globalOptionSets().values().stream().filter(o -> o.name().equals(key)
                || DefinitionsJson.metadataId("optionset", o.name()).equals(key)).findFirst()
                .orElseThrow(() -> ApiContext.notFound(key));
    }

    /** POST, PUT and PATCH of metadata: each one customization message through the pipeline. */
    private ApiResponse write(ApiContext ctx, ODataPath path, String method) {
        ODataPath.Segment first = path.get(0);
        boolean post = method.equals("POST");
        boolean put = method.equals("PUT") || method.equals("PATCH");
        if (method.equals("DELETE")) {
            return deletes.delete(ctx, path);
        }
        if (path.size() == 1 && !first.hasKey() && post) {
            return switch (first.name()) {
                case "EntityDefinitions" -> writes.createEntity(ctx);
                case "RelationshipDefinitions" -> writes.createRelationship(ctx);
                default -> writes.createOptionSet(ctx);
            };
        }
        if (first.name().equals("GlobalOptionSetDefinitions") && first.hasKey() && path.size() == 1 && put) {
            return writes.updateOptionSet(ctx, globalOptionSet(ctx.snapshot(), first));
        }
        if (first.name().equals("RelationshipDefinitions") && first.hasKey() && put && (path.size() == 1
                || path.size() == 2 && CASTS.contains(path.get(1).name()))) {
            String schemaName = DefinitionDeletes.relationship(ctx.snapshot(), first);
            if (path.size() == 2 && !path.get(1).name().equals("Microsoft.Dynamics.CRM." + (ctx.snapshot().findOneToMany(schemaName)
                    .isPresent() ? "OneToMany" : "ManyToMany") + "RelationshipMetadata")) {
                throw ApiContext.notFound(path.get(1).name()); // the cast names the other kind, as the GET answers
            }
            return writes.updateRelationship(ctx, schemaName);
        }
        if (first.name().equals("EntityDefinitions") && first.hasKey()) {
            EntityMetadata e = entity(ctx.snapshot(), first);
            if (path.size() == 1 && put) {
                return writes.updateEntity(ctx, e);
            }
            if (path.size() == 2 && path.get(1).name().equals("Keys") && !path.get(1).hasKey() && post) {
                return deletes.createKey(ctx, e);
            }
            if (path.size() == 2 && path.get(1).name().equals("Attributes")) {
                if (!path.get(1).hasKey() && post) {
                    return writes.createAttribute(ctx, e);
                }
                if (path.get(1).hasKey() && put) {
                    String name = String.valueOf(path.get(1).named().get("LogicalName"));
                    AttributeMetadata a = e.findAttribute(name).or(() -> e.attributes().stream().filter(x ->
                            DefinitionsJson.metadataId("attribute", e.logicalName(), x.logicalName())
                                    .equals(String.valueOf(path.get(1).key()))).findFirst())
                            .orElseThrow(() -> ApiContext.notFound(name));
                    return writes.updateAttribute(ctx, e, a);
                }
            }
        }
        throw ApiContext.methodNotAllowed(method, path.get(path.size() - 1).name());
    }

    private static final Set<String> CASTS = Set.of("Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata",
            "Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata");

    /**
     * {@code RelationshipDefinitions}, {@code RelationshipDefinitions(<MetadataId>)} or {@code (SchemaName='x')},
     * optionally cast to one kind of relationship.
     */
    private ApiResponse relationship(ApiContext ctx, DefinitionsJson json, ODataPath path) {
        MetadataSnapshot s = ctx.snapshot();
        ODataPath.Segment first = path.get(0);
        // a type cast (RelationshipDefinitions(...)/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata) keeps the
        // relationships of that type
        String cast = path.size() == 2 && CASTS.contains(path.get(1).name()) ? path.get(1).name()
                .substring("Microsoft.Dynamics.CRM.".length(), path.get(1).name().length() - "Metadata".length()) : null;
        if (path.size() > 1 && cast == null) {
            throw ApiContext.notFound(path.get(1).name());
        }
        List<ObjectNode> all = new ArrayList<>();
        s.oneToManyRelationships().forEach(r -> all.add(json.oneToMany(r)));
        s.manyToManyRelationships().forEach(r -> all.add(json.manyToMany(r)));
        if (cast != null) {
            all.removeIf(r -> !r.path("RelationshipType").asText().equals(cast));
        }
        if (!first.hasKey()) {
            return collection(ctx, "RelationshipDefinitions", all);
        }
        Object name = first.named().get("SchemaName");
        String key = name != null ? name.toString() : String.valueOf(first.key());
        ObjectNode found = all.stream().filter(r -> r.path("SchemaName").asText().equals(key)
                || r.path("MetadataId").asText().equals(key)).findFirst().orElseThrow(() -> ApiContext.notFound(key));
        found.put("@odata.type", "#Microsoft.Dynamics.CRM." + found.path("RelationshipType").asText() + "Metadata");
        return single(ctx, "RelationshipDefinitions/$entity", found);
    }

    private static boolean matches(String filter, EntityMetadata e) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        Matcher m = LOGICAL_NAME_FILTER.matcher(filter.trim());
        if (!m.matches()) {
            throw new io.rapport.error.RapportException(io.rapport.error.ErrorCode.ODATA_SYNTAX_ERROR,
                    "EntityDefinitions can be filtered by LogicalName eq '<name>' only.");
        }
        return e.logicalName().equals(m.group(1));
    }

    static EntityMetadata entity(MetadataSnapshot s, ODataPath.Segment segment) {
        Object name = segment.named().get("LogicalName");
        if (name != null) {
            return s.findEntity(name.toString()).orElseThrow(() -> ApiContext.notFound(name.toString()));
        }
        String id = String.valueOf(segment.key());
        return s.entities().stream().filter(e -> DefinitionsJson.metadataId("entity", e.logicalName()).equals(id))
                .findFirst().orElseThrow(() -> ApiContext.notFound(id));
    }

    private ObjectNode withExpands(ApiContext ctx, DefinitionsJson json, EntityMetadata e) {
        ObjectNode node = select(json.entity(e), ctx.request().option("$select"));
        String expand = ctx.request().option("$expand");
        for (String item : Splitter.topLevel(expand, ',')) {
            String name = item.contains("(") ? item.substring(0, item.indexOf('(')) : item;
            if (!NAVIGATIONS.contains(name)) {
                throw ApiContext.notFound(name);
            }
            ArrayNode array = node.putArray(name);
            related(ctx.snapshot(), json, e, name).forEach(array::add);
        }
        return node;
    }

    private static List<ObjectNode> related(MetadataSnapshot s, DefinitionsJson json, EntityMetadata e, String name) {
        return switch (name) {
            case "Attributes" -> e.attributes().stream().map(a -> json.attribute(e, a)).toList();
            case "Keys" -> e.keys().stream().map(k -> json.key(e, k)).toList();
            case "ManyToOneRelationships" -> s.manyToOneOf(e.logicalName()).stream().map(json::oneToMany).toList();
            case "OneToManyRelationships" -> s.oneToManyOf(e.logicalName()).stream().map(json::oneToMany).toList();
            default -> s.manyToManyOf(e.logicalName()).stream().map(json::manyToMany).toList();
        };
    }

    /** Keeps MetadataId, annotations and the selected properties. */
    private static ObjectNode select(ObjectNode node, String select) {
        if (select == null || select.isBlank()) {
            return node;
        }
        Set<String> keep = Set.of(select.split("\\s*,\\s*"));
        node.retain(new ArrayList<>(iterable(node, name -> name.startsWith("@") || name.equals("MetadataId")
                || keep.contains(name))));
        return node;
    }

    private static List<String> iterable(ObjectNode node, Function<String, Boolean> keep) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (keep.apply(n)) {
                names.add(n);
            }
        });
        return names;
    }

    private static ApiResponse collection(ApiContext ctx, String context, List<ObjectNode> items) {
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(context));
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        return ApiResponse.json(200, Json.write(body));
    }

    private static ApiResponse single(ApiContext ctx, String context, ObjectNode node) {
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(context));
        body.setAll(node);
        return ApiResponse.json(200, Json.write(body));
    }
}
