package io.rapport.pipeline;

import io.rapport.pipeline.Messages.AssociateRequest;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.RetrieveMultipleRequest;
import io.rapport.pipeline.Messages.RetrieveRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one entry point for reading and changing records. Every message runs through its stages in Dataverse's
 * order: pre-validation, validation, privilege check, then in one transaction (joining the caller's, if there is
 * one) pre-operation, the main operation, post-operation and audit.
 */
public interface OrganizationService {

    <R extends OrganizationResponse> R execute(OrganizationRequest<R> request);

    /** Runs the work in one transaction: messages executed inside commit or roll back together. */
    <T> T inTransaction(Supplier<T> work);

    /** The same service acting as another caller. */
    OrganizationService as(Caller caller);

    /**
     * Fails as a message would (PRIVILEGE_DENIED) when the caller holds the privilege on the entity at no depth; for
     * work that will run messages later (an import job) and should refuse at once.
     */
    default void checkPrivilege(String entityName, Privilege privilege) {
        throw new UnsupportedOperationException("checkPrivilege");
    }

    /**
     * Fails as a message would (PRIVILEGE_DENIED) when the caller holds no role granting the named privilege, one that
     * belongs to no entity (prvBulkDelete, prvReadCustomization); for pages that offer such work only to those who may.
     */
    default void checkPrivilege(String privilegeName) {
        throw new UnsupportedOperationException("checkPrivilege");
    }

    default UUID create(Entity entity) {
        return execute(new CreateRequest(entity)).id();
    }

    default Entity retrieve(String entityName, UUID id, ColumnSet columns) {
        return execute(new RetrieveRequest(new EntityReference(entityName, id), columns)).entity();
    }

    default void update(Entity entity) {
        execute(new UpdateRequest(entity));
    }

    default void delete(String entityName, UUID id) {
        execute(new DeleteRequest(new EntityReference(entityName, id)));
    }

    default EntityCollection retrieveMultiple(QueryExpression query) {
        return execute(new RetrieveMultipleRequest(query)).entities();
    }

    /**
     * How many records the query selects for the caller, counted in the database (its columns, order, top and paging
     * ignored).
     */
    default int count(QueryExpression query) {
        // the query's criteria and links only: an order, a top or paging have no place in an aggregate
        QueryExpression.Builder counting = QueryExpression.from(query.entityName()).columns(ColumnSet.none())
                .where(query.criteria());
        query.links().forEach(counting::link);
        List<Entity> rows = retrieveMultiple(counting
                .aggregate(new io.rapport.query.Aggregate(io.rapport.query.Aggregate.Function.COUNT, null, null, "n",
                        false)).build()).entities();
        return rows.isEmpty() || rows.get(0).get("n") == null ? 0 : ((Number) rows.get(0).get("n")).intValue();
    }

    default void associate(EntityReference target, String relationship, List<EntityReference> related) {
        execute(new AssociateRequest(target, relationship, related));
    }
}
