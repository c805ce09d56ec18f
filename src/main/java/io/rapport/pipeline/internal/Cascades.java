package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The cascades of delete and assign along one-to-many relationships. Changes to related records run as nested
 * messages, so their own stages (plugins, privilege checks, audit) apply.
 */
@Component
class Cascades {

    private static final int BATCH = 500;

    private final RecordStore store;

    Cascades(RecordStore store) {
        this.store = store;
    }

    /** Gives the children of a newly assigned record to the assignee, by each relationship's assign cascade. */
    void assign(EntityMetadata e, UUID id, EntityReference previous, EntityReference assignee, Execution x) {
        for (OneToManyRelationship r : x.snapshot().oneToManyOf(e.logicalName())) {
            CascadeType cascade = r.cascade().assign();
            EntityMetadata child = x.snapshot().entity(r.referencingEntity());
            boolean ownHierarchy = r.referencingEntity().equals(e.logicalName()) && r.hierarchical();
            if (cascade == CascadeType.NO_CASCADE || !child.isUserOwned() || ownHierarchy) {
                continue;
            }
            List<Filter> filters = new ArrayList<>(List.of(childFilter(r, id)));
            filters.add(Condition.of("ownerid", ConditionOperator.NOT_EQUAL, assignee.id()));
            if (cascade == CascadeType.ACTIVE && child.hasStateCode()) {
                filters.add(Condition.eq("statecode", 0));
            }
            if (cascade == CascadeType.USER_OWNED && previous != null) {
                filters.add(Condition.eq("ownerid", previous.id()));
            }
            Filter filter = Filter.and(filters.toArray(new Filter[0]));
            List<UUID> ids;
            while (!(ids = childIds(x, child, filter, BATCH)).isEmpty()) {
                for (UUID childId : ids) {
                    x.nested().execute(new AssignRequest(new EntityReference(child.logicalName(), childId), assignee));
                }
            }
        }
    }

    /** Applies the delete cascade of every relationship the record is the parent of; restrictions first. */
    void delete(EntityMetadata e, Entity record, Execution x) {
        MetadataSnapshot s = x.snapshot();
        List<OneToManyRelationship> relationships = s.oneToManyOf(e.logicalName());
        for (OneToManyRelationship r : relationships) {
            if (r.cascade().delete() == CascadeType.RESTRICT) {
                EntityMetadata child = s.entity(r.referencingEntity());
                if (!childIds(x, child, childFilter(r, record.id()), 1).isEmpty()) {
                    throw new RapportException(ErrorCode.CANNOT_DELETE_RESTRICTED, "The " + e.logicalName()
                            + " record cannot be deleted because " + child.logicalName()
                            + " records refer to it through " + r.schemaName() + ".");
                }
            }
        }
        for (OneToManyRelationship r : relationships) {
            EntityMetadata child = s.entity(r.referencingEntity());
            Filter filter = childFilter(r, record.id());
            if (r.cascade().delete() == CascadeType.CASCADE) {
                List<UUID> ids;
                while (!(ids = childIds(x, child, filter, BATCH)).isEmpty()) {
                    for (UUID childId : ids) {
                        deleteChild(x, child, childId);
                    }
                }
            } else if (r.cascade().delete() == CascadeType.REMOVE_LINK) {
                List<UUID> ids;
                while (!(ids = childIds(x, child, filter, BATCH)).isEmpty()) {
                    for (UUID childId : ids) {
                        x.nested().execute(new UpdateRequest(new Entity(child.logicalName(), childId)
                                .set(r.referencingAttribute(), null)));
                    }
                }
            }
        }
        for (ManyToManyRelationship r : s.manyToManyOf(e.logicalName())) {
            if (r.entity1().equals(e.logicalName())) {
                store.disassociateAll(r, true, record.id());
            }
            if (r.entity2().equals(e.logicalName())) {
                store.disassociateAll(r, false, record.id());
            }
        }
    }

    /**
     * Deletes a child; one already gone with an earlier child's own cascade (a bundle's products with their bundle
     * line, when the document's lines are deleted) is skipped.
     */
    private static void deleteChild(Execution x, EntityMetadata child, UUID childId) {
        try {
            x.nested().execute(new DeleteRequest(new EntityReference(child.logicalName(), childId)));
        } catch (RapportException e) {
            RapportException gone = RapportException.notFound(child.logicalName(), childId);
            if (e.code() != gone.code() || !gone.getMessage().equals(e.getMessage())) {
                throw e;
            }
        }
    }

    /** Children of a record through a relationship; record ids are unique across entities. */
    private static Filter childFilter(OneToManyRelationship r, UUID id) {
        return Condition.eq(r.referencingAttribute(), id);
    }

    private List<UUID> childIds(Execution x, EntityMetadata child, Filter filter, int limit) {
        QueryExpression q = QueryExpression.from(child.logicalName()).columns(ColumnSet.none()).where(filter)
                .top(Math.min(limit, BATCH)).build();
        return store.retrieveMultiple(x.snapshot(), q, x.systemQueryContext()).entities().stream()
                .map(Entity::id).toList();
    }
}
