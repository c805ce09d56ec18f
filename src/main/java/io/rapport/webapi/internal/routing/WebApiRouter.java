package io.rapport.webapi.internal.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.QueryLimits;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.batch.BatchHandler;
import io.rapport.webapi.internal.csdl.MetadataHandlers;
import io.rapport.webapi.internal.errors.ApiErrors;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.operations.BulkOperationHandler;
import io.rapport.webapi.internal.operations.OperationHandler;
import io.rapport.webapi.internal.query.Navigation;
import io.rapport.webapi.internal.records.EntitySetHandler;
import io.rapport.webapi.internal.records.NavigationHandler;
import io.rapport.webapi.internal.records.PropertyHandler;
import io.rapport.webapi.internal.records.RecordHandler;
import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Routes a request by its path: service document, $metadata, $batch, metadata entity sets, entity sets (found in
 * the current metadata snapshot, so custom entities route without a restart), records, their properties and
 * navigation properties, and actions and functions. Every failure becomes a Dataverse error response here.
 */
@Component
public class WebApiRouter {

    private final MetadataService metadata;
    private final OrganizationService org;
    private final EntitySetHandler entitySets;
    private final RecordHandler records;
    private final PropertyHandler properties;
    private final NavigationHandler navigations;
    private final OperationHandler operations;
    private final MetadataHandlers metadataHandlers;
    private final BatchHandler batch;
    private final BulkOperationHandler bulk;
    private final QueryLimits limits;

    WebApiRouter(MetadataService metadata, OrganizationService org, EntitySetHandler entitySets,
            RecordHandler records, PropertyHandler properties, NavigationHandler navigations,
            OperationHandler operations, MetadataHandlers metadataHandlers, @Lazy BatchHandler batch,
            QueryLimits limits, BulkOperationHandler bulk) {
        this.metadata = metadata;
        this.org = org;
        this.entitySets = entitySets;
        this.records = records;
        this.properties = properties;
        this.navigations = navigations;
        this.operations = operations;
        this.metadataHandlers = metadataHandlers;
        this.batch = batch;
        this.limits = limits;
        this.bulk = bulk;
    }

    public OrganizationService org() {
        return org;
    }

    public ApiResponse route(ApiRequest request) {
        try {
            ApiContext ctx = new ApiContext(request, metadata.snapshot(), org, request.preferences(), limits);
            return dispatch(ctx, ODataPath.parse(request.path()));
        } catch (RuntimeException e) {
            return ApiErrors.toResponse(e, request);
        } catch (StackOverflowError e) {
            // the parsers limit nesting; this is the last line should some other input still nest too deeply
            return ApiErrors.toResponse(new RapportException(ErrorCode.QUERY_INVALID, "The request is nested too "
                    + "deeply to be processed.", null, java.util.Map.of(), e), request);
        }
    }

    private ApiResponse dispatch(ApiContext ctx, ODataPath path) {
        if (path.size() == 0) {
            return serviceDocument(ctx);
        }
        ODataPath.Segment first = path.get(0);
        switch (first.name()) {
            case "$metadata":
                return metadataHandlers.csdl(ctx);
            case "$batch":
                return batch.handle(ctx);
            case "EntityDefinitions", "GlobalOptionSetDefinitions", "RelationshipDefinitions":
                return metadataHandlers.definitions(ctx, path);
            default:
                break;
        }
        Optional<EntityMetadata> entity = ctx.snapshot().findEntityBySetName(first.name());
        if (entity.isEmpty()) {
            if (path.size() == 1) {
                return metadataHandlers.action(ctx, first).or(() -> operations.unbound(ctx, first))
                        .orElseThrow(() -> ApiContext.notFound(first.name()));
            }
            throw ApiContext.notFound(first.name());
        }
        EntityMetadata e = entity.get();
        if (!first.hasKey()) {
            if (path.size() == 1) {
                return entitySets.handle(ctx, e);
            }
            if (path.size() == 2 && path.get(1).name().equals("$count") && !path.get(1).hasKey()) {
                return entitySets.count(ctx, e);
            }
            if (path.size() == 2) {
                Optional<ApiResponse> bulkResponse = bulk.handle(ctx, e, path.get(1));
                if (bulkResponse.isPresent()) {
                    return bulkResponse.get();
                }
                // Dataverse binds RetrievePrivilegeSet to the privilege collection; Rapport runs it unbound
                if (e.logicalName().equals("privilege") && path.get(1).name()
                        .replace("Microsoft.Dynamics.CRM.", "").equals("RetrievePrivilegeSet")) {
                    return operations.unbound(ctx, path.get(1)).orElseThrow(() -> ApiContext.notFound(
                            path.get(1).name()));
                }
            }
            throw ApiContext.notFound(path.get(1).name());
        }
        EntityReference ref = EntityUrls.reference(e, first);
        if (path.size() == 1) {
            return records.handle(ctx, e, first);
        }
        ODataPath.Segment second = path.get(1);
        Optional<Navigation> nav = Navigation.find(ctx.snapshot(), e, second.name());
        if (nav.isPresent()) {
            boolean isRef = path.size() == 3 && path.get(2).name().equals("$ref");
            if (path.size() == 3 && path.get(2).name().equals("$count") && !second.hasKey()) {
                return navigations.count(ctx, e, ref, nav.get());
            }
            if (path.size() > 2 && !isRef) {
                throw ApiContext.notFound(path.get(2).name());
            }
            return navigations.handle(ctx, e, ref, nav.get(), second, isRef);
        }
        if (path.size() == 2) {
            Optional<ApiResponse> operation = operations.bound(ctx, e, ref, second);
            if (operation.isPresent()) {
                return operation.get();
            }
        }
        boolean raw = path.size() == 3 && path.get(2).name().equals("$value");
        if (path.size() > 2 && !raw) {
            throw ApiContext.notFound(path.get(2).name());
        }
        return properties.handle(ctx, e, ref, second.name(), raw);
    }

    private static ApiResponse serviceDocument(ApiContext ctx) {
        ctx.requireGet("/");
        MetadataSnapshot s = ctx.snapshot();
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.request().serviceRoot() + "$metadata");
        ArrayNode value = body.putArray("value");
        for (EntityMetadata e : s.entities()) {
            if (!e.isIntersect()) {
                value.addObject().put("name", e.entitySetName()).put("kind", "EntitySet").put("url", e.entitySetName());
            }
        }
        return ApiResponse.json(200, Json.write(body));
    }
}
