package io.rapport.webapi.internal.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages.AssociateRequest;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.query.Condition;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordReader.Parsed;
import io.rapport.webapi.internal.json.RecordReader;
import io.rapport.webapi.internal.query.Navigation;
import io.rapport.webapi.internal.query.QueryOptions;
import io.rapport.webapi.internal.query.RecordQueries;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * POST to an entity set: creates the record, the related records given inline (deep insert) and the links of
 * collection-valued {@code @odata.bind}, all in one transaction; answers 204 with OData-EntityId, or 201 with
 * the record when {@code Prefer: return=representation}.
 */
@Component
public class RecordCreator {

    ApiResponse create(ApiContext ctx, EntityMetadata e) {
        return create(ctx, e, null, null);
    }

    /**
     * Creates a record; with {@code via} and {@code parent}, as a related record of the parent through a
     * collection-valued navigation property ({@code POST accounts(<id>)/contact_customer_accounts}).
     */
    ApiResponse create(ApiContext ctx, EntityMetadata e, Navigation via, EntityReference parent) {
        ObjectNode json = Json.parseObject(ctx.request().bodyText());
        RecordReader reader = ctx.reader();
        Parsed parsed = reader.read(e, json);
        if (via != null && via.kind() == Navigation.Kind.ONE_TO_MANY) {
            parsed.entity().set(via.oneToMany().referencingAttribute(), parent);
        }
        UUID id = ctx.org().inTransaction(() -> {
            UUID created = createDeep(ctx, reader, e, parsed);
            if (via != null && via.kind() == Navigation.Kind.MANY_TO_MANY) {
                ctx.org().execute(new AssociateRequest(parent, via.relationship(),
                        List.of(new EntityReference(e.logicalName(), created))));
            }
            return created;
        });
        String url = ctx.entityUrl(e, id);
        if (!ctx.prefs().returnRepresentation()) {
            return ApiResponse.noContent().header("OData-EntityId", url);
        }
        return representation(ctx, e, id, 201).header("OData-EntityId", url);
    }

    private UUID createDeep(ApiContext ctx, RecordReader reader, EntityMetadata e, Parsed parsed) {
        for (Map.Entry<Navigation, ObjectNode> single : parsed.singleInserts().entrySet()) {
            Navigation nav = single.getKey();
            UUID related = createDeep(ctx, reader, nav.target(), reader.read(nav.target(), single.getValue()));
            parsed.entity().set(nav.lookupAttribute(), new EntityReference(nav.target().logicalName(), related));
        }
        UUID id = ctx.org().execute(new CreateRequest(parsed.entity(), RequestParameters.of(ctx))).id();
        EntityReference self = new EntityReference(e.logicalName(), id);
        for (Map.Entry<Navigation, List<ObjectNode>> collection : parsed.collectionInserts().entrySet()) {
            Navigation nav = collection.getKey();
            for (ObjectNode child : collection.getValue()) {
                Parsed childParsed = reader.read(nav.target(), child);
                if (nav.kind() == Navigation.Kind.ONE_TO_MANY) {
                    childParsed.entity().set(nav.oneToMany().referencingAttribute(), self);
                }
                UUID childId = createDeep(ctx, reader, nav.target(), childParsed);
                if (nav.kind() == Navigation.Kind.MANY_TO_MANY) {
                    ctx.org().execute(new AssociateRequest(self, nav.relationship(),
                            List.of(new EntityReference(nav.target().logicalName(), childId))));
                }
            }
        }
        for (Map.Entry<Navigation, List<EntityReference>> bind : parsed.collectionBinds().entrySet()) {
            ctx.org().execute(new AssociateRequest(self, bind.getKey().relationship(), bind.getValue()));
        }
        return id;
    }

    /** The record as a GET with the request's $select and $expand would return it. */
    static ApiResponse representation(ApiContext ctx, EntityMetadata e, UUID id, int status) {
        QueryOptions o = QueryOptions.of(ctx.request().query());
        RecordQueries.Page page = ctx.queries().page(e, o, Condition.eq(e.primaryIdAttribute(), id), 1, null);
        if (page.rows().isEmpty()) {
            throw io.rapport.error.RapportException.notFound(e.logicalName(), id);
        }
        var columns = o.columns(e);
        ObjectNode body = ctx.writer().write(e, page.rows().get(0),
                columns.allColumns() || columns.columns().contains("versionnumber"));
        ObjectNode out = Json.object();
        out.put("@odata.context", ctx.context(e.entitySetName() + ApiContext.selectFragment(columns) + "/$entity"));
        out.setAll(body);
        ApiResponse response = ApiResponse.json(status, Json.write(out))
                .header("Preference-Applied", "return=representation");
        if (body.has("@odata.etag")) {
            response.header("ETag", body.get("@odata.etag").asText());
        }
        return response;
    }
}
