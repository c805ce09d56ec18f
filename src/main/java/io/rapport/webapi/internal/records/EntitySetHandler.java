package io.rapport.webapi.internal.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.query.Aggregate;
import io.rapport.query.ColumnSet;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.EntityCollection;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordWriter.Row;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.query.ApplyHandler;
import io.rapport.webapi.internal.query.FetchXmlHandler;
import io.rapport.webapi.internal.query.FilterParser;
import io.rapport.webapi.internal.query.Paging;
import io.rapport.webapi.internal.query.QueryOptions;
import io.rapport.webapi.internal.query.RecordQueries;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/** GET and POST on an entity set: query with the OData options, FetchXML or $apply; create (with deep insert). */
@Component
public class EntitySetHandler {

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

    public ApiResponse handle(ApiContext ctx, EntityMetadata e) {
        return switch (ctx.request().method()) {
            case "GET" -> query(ctx, e);
            case "POST" -> creator.create(ctx, e);
            default -> throw ApiContext.methodNotAllowed(ctx.request().method(), e.entitySetName());
        };
    }

    /**
     * {@code GET <entityset>/$count} (with an optional $filter): the number of records the caller may read, as a
     * bare number, at most {@value Paging#COUNT_LIMIT} as in Dataverse.
     */
    public ApiResponse count(ApiContext ctx, EntityMetadata e) {
        ctx.requireGet(e.entitySetName() + "/$count");
        return count(ctx, e, null);
    }

    public static ApiResponse count(ApiContext ctx, EntityMetadata e, Filter restriction) {
        for (String option : ctx.request().query().keySet()) {
            if (!option.equals("$filter") && !option.startsWith("@")) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query option '" + option + "' cannot "
                        + "be used with $count; only $filter (and its parameter aliases) can.");
            }
        }
        QueryOptions o = QueryOptions.of(ctx.request().query());
        QueryExpression.Builder b = QueryExpression.from(e.logicalName())
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "count", false));
        if (o.filter() != null && !o.filter().isBlank()) {
            b.where(FilterParser.parse(ctx.snapshot(), e, o.filter(), o.aliases(), ctx.limits()));
        }
        if (restriction != null) {
            b.where(restriction);
        }
        EntityCollection result = ctx.org().retrieveMultiple(b.build());
        Object n = result.entities().isEmpty() ? 0 : result.entities().get(0).get("count");
        long count = n instanceof Number number ? number.longValue() : 0;
        return ApiResponse.text(200, "text/plain;charset=utf-8", Long.toString(Math.min(count, Paging.COUNT_LIMIT)));
    }

    /** Options of an entity set query that a collection-valued navigation property cannot take: refused, not ignored. */
    static void refuseUnsupported(ApiContext ctx, String navigation) {
        for (String option : List.of("fetchXml", "savedQuery", "userQuery", "$deltatoken")) {
            if (ctx.request().option(option) != null) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query option '" + option + "' cannot "
                        + "be used on the navigation property '" + navigation + "'; send it to the entity set.");
            }
        }
    }

    private ApiResponse query(ApiContext ctx, EntityMetadata e) {
        String saved = ctx.request().option("savedQuery");
        String user = ctx.request().option("userQuery");
        if (saved != null || user != null) {
            return view(ctx, e, saved != null ? "savedquery" : "userquery", saved != null ? saved : user);
        }
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

    /**
     * {@code ?savedQuery=<id>} or {@code ?userQuery=<id>}: runs the FetchXML of that system or personal view, as
     * Dataverse does; 400 when the view does not exist (or may not be read), queries another entity, or is combined
     * with other query options.
     */
    private ApiResponse view(ApiContext ctx, EntityMetadata e, String entity, String idText) {
        String option = entity.equals("savedquery") ? "savedQuery" : "userQuery";
        for (String other : ctx.request().query().keySet()) {
            if (!other.equals(option)) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query option '" + other + "' cannot be "
                        + "combined with " + option + "; the view's FetchXML decides the columns, filter and order.");
            }
        }
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(idText.trim());
        } catch (IllegalArgumentException ex) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The value of " + option + " must be the id of a "
                    + entity + ", not '" + idText + "'.");
        }
        io.rapport.record.Entity view;
        try {
            view = ctx.org().retrieve(entity, id, ColumnSet.of("returnedtypecode", "fetchxml"));
        } catch (RapportException ex) {
            if (ex.code().httpStatus() != 404) {
                throw ex;
            }
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "No " + entity + " with id " + id + " exists, "
                    + "or you may not read it.");
        }
        if (!e.logicalName().equals(view.getString("returnedtypecode"))) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The " + entity + " " + id + " is a view of "
                    + view.getString("returnedtypecode") + ", not of " + e.logicalName() + ".");
        }
        String fetch = view.getString("fetchxml");
        if (fetch == null || fetch.isBlank()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The " + entity + " " + id + " has no FetchXML.");
        }
        return fetchXml.handle(ctx, e, fetch);
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
            Paging.writeCount(body, page.total(), ctx.prefs());
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
