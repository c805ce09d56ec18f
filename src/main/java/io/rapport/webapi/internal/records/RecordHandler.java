package io.rapport.webapi.internal.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.RetrieveRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.Messages.UpsertRequest;
import io.rapport.pipeline.Messages.UpsertResponse;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordReader.Parsed;
import io.rapport.webapi.internal.json.RecordReader;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.routing.EntityUrls;
import io.rapport.webapi.internal.routing.ODataPath;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One record addressed by id or alternate key: GET (with ETag and If-None-Match), PATCH with upsert semantics
 * and the If-Match / If-None-Match conditions, and DELETE with optimistic concurrency.
 */
@Component
public class RecordHandler {

    public ApiResponse handle(ApiContext ctx, EntityMetadata e, ODataPath.Segment segment) {
        EntityReference ref = EntityUrls.reference(e, segment);
        return switch (ctx.request().method()) {
            case "GET" -> get(ctx, e, ref);
            case "PATCH" -> patch(ctx, e, ref);
            case "DELETE" -> delete(ctx, ref);
            default -> throw ApiContext.methodNotAllowed(ctx.request().method(), e.entitySetName() + "(...)");
        };
    }

    /** The id of the record a reference names; a 404 when no record has that key. */
    public static UUID resolve(ApiContext ctx, EntityReference ref) {
        if (!ref.isByKey()) {
            return ref.id();
        }
        return ctx.org().execute(new RetrieveRequest(ref, ColumnSet.none())).entity().id();
    }

    private ApiResponse get(ApiContext ctx, EntityMetadata e, EntityReference ref) {
        UUID id = resolve(ctx, ref);
        ApiResponse response;
        try {
            response = RecordCreator.representation(ctx, e, id, 200);
        } catch (RapportException notVisible) {
            // a plain Retrieve tells "does not exist" (404) from "may not read" (403)
            ctx.org().execute(new RetrieveRequest(new EntityReference(e.logicalName(), id), ColumnSet.none()));
            throw notVisible;
        }
        response.headers().remove("Preference-Applied");
        String ifNoneMatch = ctx.request().header("If-None-Match");
        String etag = response.headers().get("ETag");
        if (ifNoneMatch != null && etag != null && !ifNoneMatch.equals("*")
                && ApiContext.version(ifNoneMatch).equals(ApiContext.version(etag))) {
            return new ApiResponse(304, null, null).header("ETag", etag);
        }
        return ctx.withAnnotationsApplied(response);
    }

    private ApiResponse patch(ApiContext ctx, EntityMetadata e, EntityReference ref) {
        ObjectNode json = Json.parseObject(ctx.request().bodyText());
        Parsed parsed = ctx.reader().read(e, json);
        if (!parsed.singleInserts().isEmpty() || !parsed.collectionInserts().isEmpty()
                || !parsed.collectionBinds().isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "A PATCH cannot create or link related records; "
                    + "use POST on the navigation property or its $ref.");
        }
        Entity entity = parsed.entity();
        String ifMatch = ctx.request().header("If-Match");
        String ifNoneMatch = ctx.request().header("If-None-Match");
        UUID id;
        boolean created;
        if (ifMatch != null) {
            id = resolve(ctx, ref);
            entity.setId(id);
            ctx.org().execute(new UpdateRequest(entity, ifMatch.trim().equals("*") ? null : ApiContext.version(ifMatch),
                    RequestParameters.of(ctx)));
            created = false;
        } else if (ifNoneMatch != null && ifNoneMatch.trim().equals("*")) {
            id = createOnly(ctx, ref, entity);
            created = true;
        } else {
            entity.setId(ref.id());
            UpsertResponse r = ctx.org().execute(new UpsertRequest(entity, ref.keyAttributes()));
            id = r.target().id();
            created = r.recordCreated();
        }
        String url = ctx.entityUrl(e, id);
        if (ctx.prefs().returnRepresentation()) {
            return RecordCreator.representation(ctx, e, id, created ? 201 : 200).header("OData-EntityId", url);
        }
        return ApiResponse.noContent().header("OData-EntityId", url);
    }

    private static UUID createOnly(ApiContext ctx, EntityReference ref, Entity entity) {
        if (ref.isByKey()) {
            ref.keyAttributes().forEach(entity::set);
        } else {
            entity.setId(ref.id());
        }
        try {
            return ctx.org().execute(new CreateRequest(entity, RequestParameters.of(ctx))).id();
        } catch (RapportException ex) {
            if (ex.code() == ErrorCode.DUPLICATE_KEY || ex.code() == ErrorCode.DUPLICATE_ALTERNATE_KEY) {
                throw new RapportException(ErrorCode.RECORD_ALREADY_EXISTS, "A record with matching key values "
                        + "already exists.", null, java.util.Map.of(), ex);
            }
            throw ex;
        }
    }

    private ApiResponse delete(ApiContext ctx, EntityReference ref) {
        String ifMatch = ctx.request().header("If-Match");
        Long version = ifMatch == null || ifMatch.trim().equals("*") ? null : ApiContext.version(ifMatch);
        ctx.org().execute(new DeleteRequest(ref, version));
        return ApiResponse.noContent();
    }
}
