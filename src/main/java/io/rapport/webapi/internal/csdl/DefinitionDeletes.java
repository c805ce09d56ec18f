package io.rapport.webapi.internal.csdl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.MetadataMessages.CreateEntityKeyRequest;
import io.rapport.pipeline.MetadataMessages.DeleteAttributeRequest;
import io.rapport.pipeline.MetadataMessages.DeleteEntityKeyRequest;
import io.rapport.pipeline.MetadataMessages.DeleteEntityRequest;
import io.rapport.pipeline.MetadataMessages.DeleteOptionSetRequest;
import io.rapport.pipeline.MetadataMessages.DeleteRelationshipRequest;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.routing.ODataPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * DELETE of definitions as Dataverse's Web API takes it ({@code EntityDefinitions(...)}, {@code .../Attributes(...)},
 * {@code .../Keys(...)}, {@code RelationshipDefinitions(...)}, {@code GlobalOptionSetDefinitions(...)}, each by
 * MetadataId or by name), and alternate keys: POST of an EntityKeyMetadata to {@code EntityDefinitions(...)/Keys}.
 * Each is one customization message (DeleteEntity, DeleteAttribute, DeleteEntityKey, DeleteRelationship,
 * DeleteOptionSet, CreateEntityKey) with its privilege; built-in items are refused by the metadata module (400).
 */
@Component
class DefinitionDeletes {

    private static final String NS = "Microsoft.Dynamics.CRM.";

    ApiResponse delete(ApiContext ctx, ODataPath path) {
        MetadataSnapshot s = ctx.snapshot();
        ODataPath.Segment first = path.get(0);
        if (!first.hasKey()) {
            throw ApiContext.methodNotAllowed("DELETE", first.name());
        }
        switch (first.name()) {
            case "EntityDefinitions" -> {
                EntityMetadata e = MetadataHandlers.entity(s, first);
                if (path.size() == 1) {
                    ctx.org().execute(new DeleteEntityRequest(e.logicalName()));
                    return ApiResponse.noContent();
                }
                ODataPath.Segment second = path.get(1);
                if (path.size() == 2 && second.hasKey() && second.name().equals("Attributes")) {
                    ctx.org().execute(new DeleteAttributeRequest(e.logicalName(), attribute(e, second).logicalName()));
                    return ApiResponse.noContent();
                }
                if (path.size() == 2 && second.hasKey() && second.name().equals("Keys")) {
                    ctx.org().execute(new DeleteEntityKeyRequest(e.logicalName(), key(e, second).logicalName()));
                    return ApiResponse.noContent();
                }
                throw ApiContext.methodNotAllowed("DELETE", path.get(path.size() - 1).name());
            }
            case "RelationshipDefinitions" -> {
                if (path.size() > 1) {
                    throw ApiContext.notFound(path.get(1).name());
                }
                ctx.org().execute(new DeleteRelationshipRequest(relationship(s, first)));
                return ApiResponse.noContent();
            }
            default -> {
                if (path.size() > 1) {
                    throw ApiContext.notFound(path.get(1).name());
                }
                ctx.org().execute(new DeleteOptionSetRequest(optionSet(s, first)));
                return ApiResponse.noContent();
            }
        }
    }

    /** POST of an EntityKeyMetadata: SchemaName, KeyAttributes (logical names) and DisplayName. */
    ApiResponse createKey(ApiContext ctx, EntityMetadata e) {
        if (!ctx.request().hasBody()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The request needs a JSON body.");
        }
        ObjectNode body = Json.parseObject(ctx.request().bodyText());
        List<String> problems = new ArrayList<>();
        if (body.hasNonNull("@odata.type") && !body.get("@odata.type").asText().replace("#", "")
                .equals(NS + "EntityKeyMetadata")) {
            problems.add("@odata.type must be " + NS + "EntityKeyMetadata.");
        }
        String schemaName = body.path("SchemaName").asText("");
        if (schemaName.isBlank()) {
            problems.add("SchemaName is required.");
        }
        if (body.hasNonNull("LogicalName") && !body.get("LogicalName").asText()
                .equals(schemaName.toLowerCase(Locale.ROOT))) {
            problems.add("LogicalName must be the SchemaName in lower case.");
        }
        List<String> attributes = new ArrayList<>();
        JsonNode keyAttributes = body.path("KeyAttributes");
        if (!keyAttributes.isArray() || keyAttributes.isEmpty()) {
            problems.add("KeyAttributes must name at least one attribute.");
        } else {
            for (JsonNode a : keyAttributes) {
                if (!a.isTextual() || e.findAttribute(a.asText()).isEmpty()) {
                    problems.add("KeyAttributes: " + e.logicalName() + " has no attribute " + a + ".");
                } else {
                    attributes.add(a.asText());
                }
            }
        }
        Label displayName = MetadataWrites.label(body, "DisplayName", true, problems);
        RapportException.throwIfAny(ErrorCode.METADATA_INVALID, problems);
        String logicalName = schemaName.toLowerCase(Locale.ROOT);
        ctx.org().execute(new CreateEntityKeyRequest(e.logicalName(), new EntityKeyMetadata(logicalName, displayName,
                attributes)));
        return ApiResponse.noContent().header("OData-EntityId", ctx.request().serviceRoot() + "EntityDefinitions("
                + MetadataNames.metadataId("entity", e.logicalName()) + ")/Keys("
                + MetadataNames.metadataId("key", e.logicalName(), logicalName) + ")");
    }

    static AttributeMetadata attribute(EntityMetadata e, ODataPath.Segment segment) {
        Object name = segment.named().get("LogicalName");
        if (name != null) {
            return e.findAttribute(name.toString()).orElseThrow(() -> ApiContext.notFound(name.toString()));
        }
        String id = String.valueOf(segment.key());
        return e.attributes().stream().filter(a -> MetadataNames.metadataId("attribute", e.logicalName(),
                a.logicalName()).toString().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ApiContext.notFound(id));
    }

    static EntityKeyMetadata key(EntityMetadata e, ODataPath.Segment segment) {
        Object name = segment.named().get("LogicalName");
        String id = name != null ? name.toString() : String.valueOf(segment.key());
        return e.keys().stream().filter(k -> k.logicalName().equals(id) || MetadataNames.metadataId("key",
                e.logicalName(), k.logicalName()).toString().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ApiContext.notFound(id));
    }

    /** The SchemaName of {@code RelationshipDefinitions(<MetadataId>)} or {@code (SchemaName='x')}; 404 if none. */
    static String relationship(MetadataSnapshot s, ODataPath.Segment segment) {
        Object name = segment.named().get("SchemaName");
        String key = name != null ? name.toString() : String.valueOf(segment.key());
        for (var r : s.oneToManyRelationships()) {
            if (r.schemaName().equals(key) || MetadataNames.metadataId("relationship", r.schemaName()).toString()
                    .equalsIgnoreCase(key)) {
                return r.schemaName();
            }
        }
        for (var r : s.manyToManyRelationships()) {
            if (r.schemaName().equals(key) || MetadataNames.metadataId("relationship", r.schemaName()).toString()
                    .equalsIgnoreCase(key)) {
                return r.schemaName();
            }
        }
        throw ApiContext.notFound(key);
    }

    private static String optionSet(MetadataSnapshot s, ODataPath.Segment segment) {
        Object name = segment.named().get("Name");
        String key = name != null ? name.toString() : String.valueOf(segment.key());
        return s.globalOptionSets().values().stream().filter(o -> o.name().equals(key) || MetadataNames
                .metadataId("optionset", o.name()).toString().equalsIgnoreCase(key)).map(o -> o.name()).findFirst()
                .orElseThrow(() -> ApiContext.notFound(key));
    }
}
