package io.rapport.webapi.internal.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.records.RecordHandler;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.routing.ODataPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Actions and functions of the pipeline's catalog, by their Dataverse names: unbound ({@code /WhoAmI()},
 * {@code POST /WinOpportunity}) and bound to a record ({@code /leads(<id>)/Microsoft.Dynamics.CRM.QualifyLead}).
 * Functions take GET with parameters in the URL (literals or {@code @p1} aliases), actions POST with a JSON body.
 */
@Component
public class OperationHandler {

    static final String NAMESPACE = "Microsoft.Dynamics.CRM.";

    private final ActionCatalog catalog;

    OperationHandler(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    public Optional<ApiResponse> unbound(ApiContext ctx, ODataPath.Segment segment) {
        String name = segment.name().startsWith(NAMESPACE) ? segment.name().substring(NAMESPACE.length())
                : segment.name();
        return catalog.find(name).filter(d -> d.boundEntity() == null).map(d -> run(ctx, d, null, segment));
    }

    public Optional<ApiResponse> bound(ApiContext ctx, EntityMetadata e, EntityReference target, ODataPath.Segment segment) {
        if (!segment.name().startsWith(NAMESPACE)) {
            return Optional.empty();
        }
        String name = segment.name().substring(NAMESPACE.length());
        ActionDefinition d = catalog.find(name).filter(def -> e.logicalName().equals(def.boundEntity())
                        || ActionDefinition.ANY_ENTITY.equals(def.boundEntity()))
                .orElseThrow(() -> ApiContext.notFound(segment.name()));
        return Optional.of(run(ctx, d, target, segment));
    }

    private ApiResponse run(ApiContext ctx, ActionDefinition d, EntityReference target, ODataPath.Segment segment) {
        String method = ctx.request().method();
        if (d.function() != method.equals("GET")) {
            throw new RapportException(ErrorCode.RESOURCE_NOT_FOUND, "No HTTP resource was found that matches the "
                    + "request URI '" + ctx.request().serviceRoot() + ctx.request().path() + "' with method "
                    + method + "; " + d.name() + " is " + (d.function() ? "a function, called with GET." : "an "
                    + "action, called with POST."));
        }
        OperationParameters params = new OperationParameters(ctx.snapshot(), ctx.request().contentIds());
        Map<String, Object> values = d.function() ? params.fromUrl(d, segment.named(), ctx.request().query())
                : params.fromBody(d, ctx.request().hasBody() ? Json.parseObject(ctx.request().bodyText())
                        : Json.object());
        EntityReference resolved = target == null ? null
                : new EntityReference(target.logicalName(), RecordHandler.resolve(ctx, target));
        ActionResponse response = ctx.org().execute(new ActionRequest(d.name(), resolved, values));
        if (response.outputs().isEmpty() && d.outputs().isEmpty()) {
            return ApiResponse.noContent();
        }
        Object single = d.outputs().size() == 1 ? response.output(d.outputs().get(0).name()) : null;
        if (d.returnsEntity() && single instanceof io.rapport.record.Entity record) {
            EntityMetadata e = ctx.snapshot().entity(record.logicalName());
            ObjectNode body = Json.object();
            body.put("@odata.context", ctx.context(e.entitySetName() + "/$entity"));
            body.setAll(ctx.writer().write(e, new RecordWriter.Row(record), true));
            return ApiResponse.json(200, Json.write(body));
        }
        if (d.returnsEntityCollection()) {
            return collection(ctx, d, params, single);
        }
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(NAMESPACE + d.name() + "Response"));
        Map<String, Object> ordered = new LinkedHashMap<>(response.outputs());
        for (Map.Entry<String, Object> en : ordered.entrySet()) {
            JsonNode node = params.toJson(ctx, en.getValue());
            body.set(en.getKey(), node);
        }
        return ApiResponse.json(200, Json.write(body));
    }

    /** A {@code Collection(mscrm.<entity>)} answer: the records (or references) with their {@code @odata.type}. */
    private static ApiResponse collection(ApiContext ctx, ActionDefinition d, OperationParameters params,
            Object output) {
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context("Collection(" + NAMESPACE + d.returnedEntities() + ")"));
        ArrayNode value = body.putArray("value");
        java.util.List<?> items = output instanceof EntityCollection c ? c.entities()
                : output instanceof java.util.Collection<?> list ? java.util.List.copyOf(list) : java.util.List.of();
        for (Object item : items) {
            value.add(params.toJson(ctx, item));
        }
        if (output instanceof EntityCollection c && c.moreRecords()) {
            body.put("@Microsoft.Dynamics.CRM.morerecords", true);
            if (c.pagingCookie() != null) {
                body.put("@Microsoft.Dynamics.CRM.pagingcookie", c.pagingCookie());
            }
        }
        return ApiResponse.json(200, Json.write(body));
    }
}
