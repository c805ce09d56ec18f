package io.rapport.webapi.internal.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordReader;
import io.rapport.webapi.internal.json.RecordWriter.Row;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.query.Literals;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.EntityUrls;
import io.rapport.webapi.internal.routing.ODataPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts action and function parameters from JSON or URL literals to Java, and outputs back to JSON. */
public final class OperationParameters {

    private final MetadataSnapshot snapshot;
    private final Map<String, String> contentIds;

    OperationParameters(MetadataSnapshot snapshot, Map<String, String> contentIds) {
        this.snapshot = snapshot;
        this.contentIds = contentIds;
    }

    Map<String, Object> fromBody(ActionDefinition d, ObjectNode body) {
        Map<String, Object> values = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(name -> {
            Parameter p = parameter(d, name);
            values.put(p.name(), convert(d, p, body.get(name)));
        });
        checkRequired(d, values);
        return values;
    }

    Map<String, Object> fromUrl(ActionDefinition d, Map<String, Object> named, Map<String, String> query) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : named.entrySet()) {
            Parameter p = parameter(d, en.getKey());
            Object v = en.getValue();
            if (v instanceof ODataPath.Alias alias) {
                String raw = query.get("@" + alias.name());
                if (raw == null) {
                    throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter alias @" + alias.name()
                            + " has no value in the query.");
                }
                String t = raw.trim();
                boolean json = t.startsWith("{") && !Literals.GUID.matcher(t.substring(1, Math.max(1,
                        t.length() - 1))).matches() || t.startsWith("[{");
                v = json ? Json.parseAlias("@" + alias.name(), t) : t.startsWith("[") ? array(raw)
                        : Literals.parse(raw);
            }
            values.put(p.name(), v instanceof JsonNode node ? convert(d, p, node) : convert(d, p, Json.MAPPER.valueToTree(
                    v instanceof UUID || v instanceof Instant || v instanceof java.time.LocalDate ? v.toString() : v)));
        }
        checkRequired(d, values);
        return values;
    }

    /** A collection literal such as {@code ['account','contact']} (Dataverse's form) or a JSON array. */
    private static JsonNode array(String raw) {
        try {
            return LENIENT.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter value " + raw + " is not a valid "
                    + "collection such as ['account','contact'].");
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT = new com.fasterxml.jackson.databind
            .ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_SINGLE_QUOTES);

    private static Parameter parameter(ActionDefinition d, String name) {
        return d.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter '" + name + "' is not a parameter of "
                        + d.name() + "; its parameters are " + d.parameters().stream().map(Parameter::name).toList()
                        + "."));
    }

    private static void checkRequired(ActionDefinition d, Map<String, Object> values) {
        for (Parameter p : d.parameters()) {
            if (!p.optional() && !values.containsKey(p.name())) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter '" + p.name() + "' of "
                        + d.name() + " is required.");
            }
        }
    }

    private Object convert(ActionDefinition d, Parameter p, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return switch (p.type()) {
                case "String" -> text(v);
                case "Int32" -> number(v).intValueExact();
                case "Int64" -> number(v).longValueExact();
                case "Decimal", "Money" -> number(v);
                case "Boolean" -> {
                    if (!v.isBoolean()) {
                        throw new IllegalArgumentException();
                    }
                    yield v.booleanValue();
                }
                case "DateTime" -> OffsetDateTime.parse(text(v)).toInstant();
                case "Guid" -> UUID.fromString(text(v));
                case "StringArray" -> {
                    List<String> list = new ArrayList<>();
                    v.forEach(item -> list.add(text(item)));
                    yield list;
                }
                case "EntityReference" -> reference(p, v);
                case "Entity" -> entity(p, v);
                case "EntityCollection" -> {
                    List<Entity> list = new ArrayList<>();
                    v.forEach(item -> list.add(entity(p, item)));
                    yield list;
                }
                default -> v.isTextual() ? v.asText() : v;
            };
        } catch (RapportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RapportException(ErrorCode.INVALID_TYPE, "The value " + v + " of parameter '" + p.name()
                    + "' of " + d.name() + " is not a valid " + p.type() + ".");
        }
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException();
        }
        return v.asText();
    }

    private static BigDecimal number(JsonNode v) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException();
        }
        return v.decimalValue();
    }

    private EntityMetadata entityOf(Parameter p, JsonNode v) {
        String type = v.path("@odata.type").asText("");
        String name = type.isEmpty() ? p.entity() : type.replace("#", "").replace(OperationHandler.NAMESPACE, "");
        if (name == null) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter '" + p.name() + "' needs an "
                    + "@odata.type such as Microsoft.Dynamics.CRM.account.");
        }
        return snapshot.findEntity(name).orElseThrow(() -> new RapportException(ErrorCode.INVALID_ARGUMENT,
                "A type named '" + (name.length() > 100 ? name.substring(0, 100) + "…" : name) + "' could not be "
                        + "resolved by the model: the parameter '" + p.name() + "' must name an entity type."));
    }

    private EntityReference reference(Parameter p, JsonNode v) {
        if (v.has("@odata.id")) {
            return EntityUrls.parse(v.get("@odata.id").asText(), snapshot, contentIds);
        }
        EntityMetadata e = entityOf(p, v);
        JsonNode id = v.get(e.primaryIdAttribute());
        if (id == null || !id.isTextual()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter '" + p.name() + "' needs the "
                    + "record's " + e.primaryIdAttribute() + ".");
        }
        return new EntityReference(e.logicalName(), UUID.fromString(id.asText()));
    }

    private Entity entity(Parameter p, JsonNode v) {
        if (!(v instanceof ObjectNode o)) {
            throw new IllegalArgumentException();
        }
        EntityMetadata e = entityOf(p, v);
        ObjectNode copy = o.deepCopy();
        JsonNode id = copy.remove(e.primaryIdAttribute());
        Entity entity = new RecordReader(snapshot, contentIds).read(e, copy).entity();
        if (id != null && id.isTextual()) {
            entity.setId(UUID.fromString(id.asText()));
        }
        return entity;
    }

    /** An output value as JSON: records with their @odata.type, references as type and id, lists as arrays. */
    JsonNode toJson(ApiContext ctx, Object value) {
        if (value instanceof Entity entity) {
            EntityMetadata e = snapshot.entity(entity.logicalName());
            ObjectNode node = Json.object();
            node.put("@odata.type", "#" + OperationHandler.NAMESPACE + e.logicalName());
            node.setAll(ctx.writer().write(e, new Row(entity), true));
            return node;
        }
        if (value instanceof EntityReference ref) {
            EntityMetadata e = snapshot.entity(ref.logicalName());
            ObjectNode node = Json.object();
            node.put("@odata.type", "#" + OperationHandler.NAMESPACE + e.logicalName());
            node.put(e.primaryIdAttribute(), ref.id().toString());
            return node;
        }
        if (value instanceof EntityCollection c) {
            return toJson(ctx, c.entities());
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode node = Json.object();
            m.forEach((k, v) -> node.set(String.valueOf(k), toJson(ctx, v)));
            return node;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            c.forEach(item -> array.add(toJson(ctx, item)));
            return array;
        }
        ObjectNode holder = Json.object();
        RecordWriter.put(holder, "v", value);
        return holder.get("v");
    }
}
