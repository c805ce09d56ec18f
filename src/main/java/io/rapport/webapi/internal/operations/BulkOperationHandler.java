package io.rapport.webapi.internal.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.Messages.DeleteMultipleRequest;
import io.rapport.pipeline.Messages.UpdateMultipleRequest;
import io.rapport.pipeline.Messages.UpsertMultipleRequest;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.Messages;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordReader;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.routing.EntityUrls;
import io.rapport.webapi.internal.routing.ODataPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Dataverse's bulk messages, bound to an entity set: {@code POST accounts/Microsoft.Dynamics.CRM.CreateMultiple}
 * (and UpdateMultiple, UpsertMultiple, DeleteMultiple) with a {@code Targets} array whose items carry their
 * {@code @odata.type}. CreateMultiple answers 200 with {@code Ids}, the others 204, as Dataverse does. All or none:
 * a failure answers the Dataverse error of the record at fault, with its {@code faultedRequestIndex}.
 */
@Component
public class BulkOperationHandler {

    static final Set<String> NAMES = Set.of(Messages.CREATE_MULTIPLE, Messages.UPDATE_MULTIPLE,
            Messages.UPSERT_MULTIPLE, Messages.DELETE_MULTIPLE);

    /**
     * The bulk messages as $metadata declares them: bound to an entity set, with their Targets and Dataverse's return
     * types. Dataverse's Web API reference gives UpsertMultiple, like UpdateMultiple and DeleteMultiple, no return
     * type (it answers 204; the SDK's UpsertMultipleResponse is not returned over the Web API).
     */
    public static final List<ActionDefinition> CSDL = List.of(
            bulk(Messages.CREATE_MULTIPLE, List.of(ActionDefinition.Parameter.required("Ids", "GuidArray"))),
            bulk(Messages.UPDATE_MULTIPLE, List.of()), bulk(Messages.UPSERT_MULTIPLE, List.of()),
            bulk(Messages.DELETE_MULTIPLE, List.of()));

    private static ActionDefinition bulk(String name, List<ActionDefinition.Parameter> outputs) {
        return new ActionDefinition(name, "Collection(" + ActionDefinition.ANY_ENTITY + ")", false,
                List.of(ActionDefinition.Parameter.required("Targets", "EntityCollection")), outputs);
    }

    public Optional<ApiResponse> handle(ApiContext ctx, EntityMetadata e, ODataPath.Segment segment) {
        String name = segment.name().startsWith(OperationHandler.NAMESPACE)
                ? segment.name().substring(OperationHandler.NAMESPACE.length()) : null;
        if (name == null || !NAMES.contains(name)) {
            return Optional.empty();
        }
        if (!ctx.request().method().equals("POST")) {
            throw ApiContext.methodNotAllowed(ctx.request().method(), segment.name());
        }
        ObjectNode body = ctx.request().hasBody() ? Json.parseObject(ctx.request().bodyText()) : Json.object();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String p = it.next();
            if (!p.equals("Targets")) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter '" + RapportException.quote(p)
                        + "' is not a parameter of " + name + "; its parameters are [Targets].");
            }
        }
        JsonNode targets = body.get("Targets");
        if (targets == null || !targets.isArray()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter 'Targets' of " + name + " is "
                    + "required: an array of " + e.logicalName() + " records, each with \"@odata.type\": "
                    + "\"Microsoft.Dynamics.CRM." + e.logicalName() + "\".");
        }
        return Optional.of(switch (name) {
            case Messages.CREATE_MULTIPLE -> created(ctx, ctx.org().execute(new CreateMultipleRequest(
                    records(ctx, e, (ArrayNode) targets, null))).ids());
            case Messages.UPDATE_MULTIPLE -> {
                ctx.org().execute(new UpdateMultipleRequest(records(ctx, e, (ArrayNode) targets, null)));
                yield ApiResponse.noContent();
            }
            case Messages.UPSERT_MULTIPLE -> {
                List<Map<String, Object>> keys = new ArrayList<>();
                List<Entity> records = records(ctx, e, (ArrayNode) targets, keys);
                ctx.org().execute(new UpsertMultipleRequest(records, keys));
                yield ApiResponse.noContent();
            }
            default -> {
                ctx.org().execute(new DeleteMultipleRequest(records(ctx, e, (ArrayNode) targets, null).stream()
                        .map(r -> {
                            if (r.id() == null || !r.attributes().isEmpty()) {
                                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "Each target of DeleteMultiple "
                                        + "names a record by its " + e.primaryIdAttribute() + " (or @odata.id) only.");
                            }
                            return r.toReference();
                        }).toList()));
                yield ApiResponse.noContent();
            }
        });
    }

    private static ApiResponse created(ApiContext ctx, List<UUID> ids) {
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(OperationHandler.NAMESPACE + Messages.CREATE_MULTIPLE + "Response"));
        ArrayNode array = body.putArray("Ids");
        ids.forEach(id -> array.add(id.toString()));
        return ApiResponse.json(200, Json.write(body));
    }

    /**
     * The targets as records. {@code keys}, when given (UpsertMultiple), receives per target the alternate key of
     * its {@code @odata.id} (empty when it names the id); elsewhere {@code @odata.id} may name the record's id.
     */
    private static List<Entity> records(ApiContext ctx, EntityMetadata e, ArrayNode targets,
            List<Map<String, Object>> keys) {
        List<Entity> records = new ArrayList<>(targets.size());
        RecordReader reader = ctx.reader();
        for (int i = 0; i < targets.size(); i++) {
            try {
                records.add(record(ctx, reader, e, targets.get(i), keys));
            } catch (RapportException ex) {
                Map<String, Object> details = new HashMap<>(ex.details());
                details.put(Messages.FAULTED_REQUEST_INDEX, i);
                throw new RapportException(ex.code(), ex.getMessage(), ex.attribute(), details, ex);
            }
        }
        return records;
    }

    private static Entity record(ApiContext ctx, RecordReader reader, EntityMetadata e, JsonNode node,
            List<Map<String, Object>> keys) {
        if (!(node instanceof ObjectNode o)) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "Each item of 'Targets' is a JSON object.");
        }
        String type = o.path("@odata.type").asText("").replace("#", "").replace(OperationHandler.NAMESPACE, "");
        if (type.isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "Each item of 'Targets' needs its \"@odata.type\": "
                    + "\"Microsoft.Dynamics.CRM." + e.logicalName() + "\".");
        }
        if (!type.equals(e.logicalName())) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The target of type "
                    + RapportException.quote(type)
                    + " does not belong "
                    + "to the entity set " + e.entitySetName() + ", whose records are " + e.logicalName() + ".");
        }
        // the body was parsed for this request alone: its targets are read in place, not copied first
        JsonNode idNode = o.remove(e.primaryIdAttribute());
        JsonNode odataId = o.remove("@odata.id");
        RecordReader.Parsed parsed = reader.read(e, o);
        if (!parsed.singleInserts().isEmpty() || !parsed.collectionInserts().isEmpty()
                || !parsed.collectionBinds().isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The bulk messages take the columns of each "
                    + "record and single-valued @odata.bind; related records are written with their own messages.");
        }
        Entity entity = parsed.entity();
        Map<String, Object> key = Map.of();
        if (idNode != null && !idNode.isNull()) {
            entity.setId(uuid(e, idNode));
        }
        if (odataId != null && !odataId.isNull()) {
            EntityReference ref = EntityUrls.parse(odataId.asText(), ctx.snapshot(), ctx.request().contentIds());
            if (!ref.logicalName().equals(e.logicalName())) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The @odata.id " + odataId.asText()
                        + " does not name a " + e.logicalName() + ".");
            }
            if (ref.isByKey()) {
                if (keys == null) {
                    throw new RapportException(ErrorCode.INVALID_ARGUMENT, "Only UpsertMultiple finds its targets by "
                            + "alternate key; give the " + e.primaryIdAttribute() + ".");
                }
                key = ref.keyAttributes();
            } else {
                entity.setId(ref.id());
            }
        }
        if (keys != null) {
            keys.add(key);
        }
        return entity;
    }

    private static UUID uuid(EntityMetadata e, JsonNode v) {
        try {
            return UUID.fromString(v.asText());
        } catch (IllegalArgumentException ex) {
            throw new RapportException(ErrorCode.INVALID_TYPE, "The " + e.primaryIdAttribute() + " '"
                    + RapportException.quote(v.asText()) + "' is not a GUID.");
        }
    }
}
