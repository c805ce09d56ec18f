package io.rapport.webapi.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.metadata.EntityMetadata;
import io.rapport.query.ColumnSet;
import io.rapport.query.Filter;
import io.rapport.webapi.internal.RecordWriter.Row;
import org.springframework.stereotype.Component;

/** GET and POST on an entity set: query with the OData options, FetchXML or $apply; create (with deep insert). */
@Component
class EntitySetHandler {

    private final RecordCreator creator;
    private final FetchXmlHandler fetchXml;
    private final ApplyHandler apply;
    private final DeltaHandler delta;

    EntitySetHandler(RecordCreator creator, FetchXmlHandler fetchXml, ApplyHandler apply, DeltaHandler delta) {
        this.creator = creator;
        this.fetchXml = fetchXml;
        this.apply = apply;
        this.delta = delta;
    }

    ApiResponse handle(ApiContext ctx, EntityMetadata e) {
        return switch (ctx.request().method()) {
            case "GET" -> query(ctx, e);
            case "POST" -> creator.create(ctx, e);
            default -> throw ApiContext.methodNotAllowed(ctx.request().method(), e.entitySetName());
        };
    }

    private ApiResponse query(ApiContext ctx, EntityMetadata e) {
        if (ctx.prefs().trackChanges() || ctx.request().option("$deltatoken") != null) {
            return delta.handle(ctx, e);
        }
        if (ctx.request().option("fetchXml") != null) {
            return fetchXml.handle(ctx, e);
        }
        if (ctx.request().option("$apply") != null) {
            return apply.handle(ctx, e);
        }
        return related(ctx, e, e.entitySetName(), null);
    }

    /** A page of records of {@code e}, optionally restricted to the records related to another one. */
    static ApiResponse related(ApiContext ctx, EntityMetadata e, String contextPath, Filter restriction) {
        QueryOptions o = QueryOptions.of(ctx.request().query());
        Paging paging = Paging.of(o, ctx.prefs(), ctx.request().option("$skiptoken"));
        RecordQueries.Page page = ctx.queries().page(e, o, restriction, paging.top(), paging.info());
        ColumnSet columns = o.columns(e);
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(contextPath + ApiContext.selectFragment(columns)));
        if (page.total() >= 0) {
            body.put("@odata.count", page.total());
        }
        ArrayNode values = body.putArray("value");
        RecordWriter writer = ctx.writer();
        boolean version = columns.allColumns() || columns.columns().contains("versionnumber");
        for (Row row : page.rows()) {
            values.add(writer.write(e, row, version));
        }
        if (page.more() && paging.info() != null && o.topCount() == null) {
            body.put("@odata.nextLink", paging.nextLink(ctx.request()));
        }
        ApiResponse response = ctx.withAnnotationsApplied(ApiResponse.json(200, Json.write(body)));
        if (paging.pageSizeApplied()) {
            String applied = response.headers().get("Preference-Applied");
            String size = "odata.maxpagesize=" + ctx.prefs().maxPageSize();
            response.header("Preference-Applied", applied == null ? size : applied + "," + size);
        }
        return response;
    }
}
