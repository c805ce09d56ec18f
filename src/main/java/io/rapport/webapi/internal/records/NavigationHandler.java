package io.rapport.webapi.internal.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages.AssociateRequest;
import io.rapport.pipeline.Messages.DisassociateRequest;
import io.rapport.pipeline.Messages.RetrieveRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.query.ApplyHandler;
import io.rapport.webapi.internal.query.Navigation;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import io.rapport.webapi.internal.routing.EntityUrls;
import io.rapport.webapi.internal.routing.ODataPath;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Navigation properties of a record: GET the related record(s), and associate / disassociate through
 * {@code $ref} (POST and DELETE on collections, PUT and DELETE on single-valued properties).
 */
@Component
public class NavigationHandler {

    private final RecordCreator creator;
    private final ApplyHandler apply;

    NavigationHandler(RecordCreator creator, ApplyHandler apply) {
        this.creator = creator;
        this.apply = apply;
    }

    /** {@code GET <record>/<collection-navigation>/$count}: the number of related records, as a bare number. */
    public ApiResponse count(ApiContext ctx, EntityMetadata e, EntityReference ref, Navigation nav) {
        ctx.requireGet(nav.name() + "/$count");
        if (!nav.isCollection()) {
            throw ApiContext.notFound("$count");
        }
        return EntitySetHandler.count(ctx, nav.target(), restriction(ctx, e, ref, nav));
    }

    public ApiResponse handle(ApiContext ctx, EntityMetadata e, EntityReference ref, Navigation nav,
            ODataPath.Segment navSegment, boolean isRef) {
        String method = ctx.request().method();
        if (!isRef) {
            if (method.equals("POST") && nav.isCollection() && !navSegment.hasKey()) {
                EntityReference parent = new EntityReference(e.logicalName(), RecordHandler.resolve(ctx, ref));
                return creator.create(ctx, nav.target(), nav, parent);
            }
            if (!method.equals("GET")) {
                throw ApiContext.methodNotAllowed(method, nav.name());
            }
            return nav.isCollection() ? getCollection(ctx, e, ref, nav) : getSingle(ctx, e, ref, nav);
        }
        UUID id = RecordHandler.resolve(ctx, ref);
        EntityReference self = new EntityReference(e.logicalName(), id);
        if (nav.isCollection()) {
            return switch (method) {
                case "POST" -> {
                    ctx.org().execute(new AssociateRequest(self, nav.relationship(), List.of(body(ctx, nav))));
                    yield ApiResponse.noContent();
                }
                case "DELETE" -> {
                    EntityReference related = navSegment.hasKey()
                            ? EntityUrls.reference(nav.target(), navSegment)
                            : idOption(ctx, nav);
                    ctx.org().execute(new DisassociateRequest(self, nav.relationship(), List.of(related)));
                    yield ApiResponse.noContent();
                }
                default -> throw ApiContext.methodNotAllowed(method, nav.name() + "/$ref");
            };
        }
        return switch (method) {
            case "PUT" -> {
                ctx.org().execute(new UpdateRequest(new Entity(e.logicalName(), id)
                        .set(nav.lookupAttribute(), body(ctx, nav))));
                yield ApiResponse.noContent();
            }
            case "DELETE" -> {
                ctx.org().execute(new UpdateRequest(new Entity(e.logicalName(), id).set(nav.lookupAttribute(), null)));
                yield ApiResponse.noContent();
            }
            default -> throw ApiContext.methodNotAllowed(method, nav.name() + "/$ref");
        };
    }

    private static EntityReference body(ApiContext ctx, Navigation nav) {
        JsonNode url = Json.parseObject(ctx.request().bodyText()).get("@odata.id");
        if (url == null || !url.isTextual()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The body of a $ref request is "
                    + "{\"@odata.id\": \"<entity URL>\"}.");
        }
        return checkTarget(nav, EntityUrls.parse(url.asText(), ctx.snapshot(), ctx.request().contentIds()));
    }

    private static EntityReference idOption(ApiContext ctx, Navigation nav) {
        String url = ctx.request().option("$id");
        if (url == null) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "Name the record to disassociate: "
                    + nav.name() + "(<id>)/$ref or " + nav.name() + "/$ref?$id=<entity URL>.");
        }
        return checkTarget(nav, EntityUrls.parse(url, ctx.snapshot(), ctx.request().contentIds()));
    }

    private static EntityReference checkTarget(Navigation nav, EntityReference ref) {
        if (!ref.logicalName().equals(nav.target().logicalName())) {
            throw new RapportException(ErrorCode.INVALID_LOOKUP_TYPE, "The navigation property '" + nav.name()
                    + "' refers to " + nav.target().logicalName() + " records, not " + ref.logicalName() + ".");
        }
        return ref;
    }

    private ApiResponse getSingle(ApiContext ctx, EntityMetadata e, EntityReference ref, Navigation nav) {
        Entity record = ctx.org().execute(new RetrieveRequest(ref, ColumnSet.of(nav.lookupAttribute()))).entity();
        Object lookup = record.get(nav.lookupAttribute());
        if (!(lookup instanceof EntityReference target) || !target.logicalName().equals(nav.target().logicalName())) {
            return ApiResponse.noContent();
        }
        return RecordCreator.representation(ctx, nav.target(), target.id(), 200);
    }

    private ApiResponse getCollection(ApiContext ctx, EntityMetadata e, EntityReference ref, Navigation nav) {
        Filter restriction = restriction(ctx, e, ref, nav);
        EntitySetHandler.refuseUnsupported(ctx, nav.name());
        if (ctx.request().option("$apply") != null) {
            return apply.handle(ctx, nav.target(), restriction);
        }
        return EntitySetHandler.related(ctx, nav.target(), nav.target().entitySetName(), restriction);
    }

    /** The related records of a collection-valued navigation, after checking the source record may be read. */
    private static Filter restriction(ApiContext ctx, EntityMetadata e, EntityReference ref, Navigation nav) {
        UUID id = RecordHandler.resolve(ctx, ref);
        ctx.org().execute(new RetrieveRequest(new EntityReference(e.logicalName(), id), ColumnSet.none()));
        return nav.kind() == Navigation.Kind.ONE_TO_MANY
                ? Condition.eq(nav.oneToMany().referencingAttribute(), id)
                : new LinkFilter(LinkFilter.Kind.ANY, nav.manyToMany().intersectEntityName(),
                        nav.targetIntersectAttribute(), nav.target().primaryIdAttribute(),
                        Condition.eq(nav.sourceIntersectAttribute(), id));
    }
}
