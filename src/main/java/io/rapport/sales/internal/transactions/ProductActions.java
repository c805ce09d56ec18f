package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.SalesMessages;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The product lifecycle with Dataverse's codes: Draft (2, status 0) → Active (0, 1) by PublishProductHierarchy
 * (the product with the drafts of its family below it); Active → Under Revision (3, 3) by SetState, back to Active
 * by a new publish, or by RevertProduct with the values it had when last published ({@link ProductRevisions});
 * Retired (1, 2) by SetState. CloneProduct copies a product as a draft under the same parent.
 */
@Configuration
class ProductActions {

    static final int ACTIVE = 0;
    static final int RETIRED = 1;
    static final int DRAFT = 2;
    static final int UNDER_REVISION = 3;

    @Bean
    ActionHandler publishProductHierarchy() {
        ActionDefinition d = new ActionDefinition(SalesMessages.PUBLISH_PRODUCT_HIERARCHY, "product", false, List.of(),
                List.of());
        return new DocumentAction(d, (r, c) -> DocumentAction.on("product", bound(r).id(), Privilege.WRITE),
                (r, c) -> {
                    publish(c, bound(r).id());
                    return Map.of();
                });
    }

    @Bean
    ActionHandler revertProduct(ProductRevisions revisions) {
        ActionDefinition d = new ActionDefinition(SalesMessages.REVERT_PRODUCT, null, false, List.of(
                Parameter.entity(SalesMessages.TARGET, "EntityReference", "product", false)), List.of());
        return new DocumentAction(d, (r, c) -> DocumentAction.on("product", DocumentAction.reference(r,
                SalesMessages.TARGET, "product").id(), Privilege.WRITE), (r, c) -> {
                    UUID id = DocumentAction.reference(r, SalesMessages.TARGET, "product").id();
                    Entity product = c.service().retrieve("product", id, ColumnSet.of("name", "statecode"));
                    requireState(c, product, Set.of(UNDER_REVISION), "reverted");
                    // the values it had when it was last published: every change of the revision is lost
                    revisions.published(id).ifPresent(published -> c.service().update(published));
                    c.service().execute(new SetStateRequest(new EntityReference("product", id), ACTIVE, 1));
                    return Map.of();
                });
    }

    @Bean
    ActionHandler cloneProduct() {
        ActionDefinition d = new ActionDefinition(SalesMessages.CLONE_PRODUCT, "product", false, List.of(
                Parameter.entity(SalesMessages.SOURCE, "EntityReference", "product", true)),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "product", false)));
        return new DocumentAction(d, (r, c) -> List.of(AccessDemand.reference(new EntityReference("product",
                source(r)), Privilege.READ), AccessDemand.entity("product", Privilege.CREATE)), (r, c) -> Map.of(ActionDefinition.RETURNED_ENTITY, cloned(c, source(r))));
    }

    private static EntityReference bound(ActionRequest r) {
        if (r.target() == null || r.target().id() == null) {
            throw RapportException.invalid("The action is bound to a product.");
        }
        return r.target();
    }

    private static UUID source(ActionRequest r) {
        return r.parameter(SalesMessages.SOURCE) != null
                ? DocumentAction.reference(r, SalesMessages.SOURCE, "product").id() : bound(r).id();
    }

    private static void requireState(PluginContext c, Entity product, Set<Integer> states, String action) {
        int state = product.getInteger("statecode");
        if (!states.contains(state)) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The product '" + product.getString("name")
                    + "' is " + Documents.stateLabel(c, "product", state) + " and cannot be " + action + ".",
                    "statecode");
        }
    }

    private static void publish(PluginContext c, UUID root) {
        Entity product = c.service().retrieve("product", root, ColumnSet.of("name", "statecode"));
        requireState(c, product, Set.of(DRAFT, UNDER_REVISION), "published");
        Deque<UUID> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            UUID id = pending.pop();
            Entity p = c.service().retrieve("product", id, ColumnSet.of("statecode"));
            if (p.getInteger("statecode") == DRAFT || p.getInteger("statecode") == UNDER_REVISION) {
                c.service().execute(new SetStateRequest(new EntityReference("product", id), ACTIVE, 1));
            }
            c.service().retrieveMultiple(QueryExpression.from("product").columns(ColumnSet.none())
                    .where(Condition.eq("parentproductid", id)).top(5000).build()).entities()
                    .forEach(child -> pending.push(child.id()));
        }
    }

    private static Entity cloned(PluginContext c, UUID id) {
        Entity source = c.service().retrieve("product", id, ColumnSet.all());
        Entity copy = new Entity("product");
        for (String a : ProductRevisions.REVISABLE) {
            Object v = source.get(a);
            if (v != null) {
                copy.set(a, v instanceof EntityReference ref ? new EntityReference(ref.logicalName(), ref.id()) : v);
            }
        }
        String suffix = " (" + UUID.randomUUID().toString().substring(0, 8) + ")";
        copy.set("name", truncate(source.getString("name") + " (Clone)", 100));
        copy.set("productnumber", truncate(source.getString("productnumber"), 100 - suffix.length()) + suffix);
        UUID created = c.service().create(copy);
        return c.service().retrieve("product", created, ColumnSet.all());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
