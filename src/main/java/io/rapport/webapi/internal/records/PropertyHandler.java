package io.rapport.webapi.internal.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages.RetrieveRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordReader;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.query.QueryOptions;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** One property of a record: GET its value (or raw {@code $value}), PUT a new value, DELETE to clear it. */
@Component
public class PropertyHandler {

    public ApiResponse handle(ApiContext ctx, EntityMetadata e, EntityReference ref, String property, boolean raw) {
        AttributeMetadata a = QueryOptions.attribute(e, property);
        return switch (ctx.request().method()) {
            case "GET" -> get(ctx, e, ref, a, property, raw);
            case "PUT" -> put(ctx, e, ref, a);
            case "DELETE" -> update(ctx, e, ref, a, null);
            default -> throw ApiContext.methodNotAllowed(ctx.request().method(), property);
        };
    }

    private ApiResponse get(ApiContext ctx, EntityMetadata e, EntityReference ref, AttributeMetadata a,
            String property, boolean raw) {
        Entity record = ctx.org().execute(new RetrieveRequest(ref, ColumnSet.of(a.logicalName()))).entity();
        Object value = a.logicalName().equals(e.primaryIdAttribute()) ? record.id() : record.get(a.logicalName());
        if (value == null) {
            return ApiResponse.noContent();
        }
        ObjectNode holder = Json.object();
        RecordWriter.put(holder, "value", value);
        if (raw) {
            return ApiResponse.text(200, "text/plain", holder.get("value").asText());
        }
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(e.entitySetName() + "(" + record.id() + ")/" + property));
        body.set("value", holder.get("value"));
        return ApiResponse.json(200, Json.write(body));
    }

    private ApiResponse put(ApiContext ctx, EntityMetadata e, EntityReference ref, AttributeMetadata a) {
        ObjectNode json = Json.parseObject(ctx.request().bodyText());
        if (!json.has("value") || json.size() != 1) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The body of a property PUT is {\"value\": ...}.");
        }
        if (a.type().isLookup()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "A lookup is changed with PUT on its navigation "
                    + "property's $ref.", a.logicalName());
        }
        return update(ctx, e, ref, a, RecordReader.value(e, a, json.get("value")));
    }

    private ApiResponse update(ApiContext ctx, EntityMetadata e, EntityReference ref, AttributeMetadata a,
            Object value) {
        if (!a.validForUpdate()) {
            throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The property '" + a.logicalName() + "' of "
                    + e.logicalName() + " cannot be changed.", a.logicalName());
        }
        UUID id = RecordHandler.resolve(ctx, ref);
        ctx.org().execute(new UpdateRequest(new Entity(e.logicalName(), id).set(a.logicalName(), value)));
        return ApiResponse.noContent();
    }
}
