package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.Stage;
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
 * Associate, disassociate and assign, and the cascades of delete and assign along one-to-many relationships.
 * Changes to related records run as nested messages, so their own plugins and audit apply.
 */
@Component
class RelationshipMessages {

    private static final int CASCADE_BATCH = 500;

    private final RecordStore store;
    private final RecordSupport support;
    private final PluginRegistry plugins;
    private final AccessChecker access;
    private final AuditRecorder audit;

    RelationshipMessages(RecordStore store, RecordSupport support, PluginRegistry plugins, AccessChecker access,
            AuditRecorder audit) {
        this.store = store;
        this.support = support;
        this.plugins = plugins;
        this.access = access;
        this.audit = audit;
    }

    EmptyResponse associate(OrganizationRequest<?> request, EntityReference targetRef, String relationship,
            List<EntityReference> related, boolean associate, Execution x) {
        MetadataSnapshot s = x.snapshot();
        EntityMetadata e = s.entity(targetRef.logicalName());
        EntityReference target = new EntityReference(e.logicalName(), support.resolveId(x, e, targetRef));
        String message = associate ? Messages.ASSOCIATE : Messages.DISASSOCIATE;
        PluginContext ctx = x.context(message, e.logicalName(), request);
        ctx.setTargetReference(target);
        plugins.run(Stage.PRE_VALIDATION, ctx);
        plugins.run(Stage.PRE_OPERATION, ctx);
        List<EntityReference> resolved = new ArrayList<>();
        for (EntityReference r : related) {
            resolved.add(new EntityReference(r.logicalName(), support.resolveId(x, s.entity(r.logicalName()), r)));
        }
        var oneToMany = s.findOneToMany(relationship);
        var manyToMany = s.findManyToMany(relationship);
        if (oneToMany.isPresent()) {
            for (EntityReference r : resolved) {
                linkOneToMany(oneToMany.get(), target, r, associate, x);
            }
        } else if (manyToMany.isPresent()) {
            for (EntityReference r : resolved) {
                linkManyToMany(manyToMany.get(), target, r, associate, x);
            }
            audit.related(message, e, target.id(), relationship, resolved, x.caller());
        } else {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The relationship '" + relationship
                    + "' does not exist.");
        }
        plugins.run(Stage.POST_OPERATION, ctx);
        return EmptyResponse.INSTANCE;
    }

    private void linkOneToMany(OneToManyRelationship r, EntityReference target, EntityReference related,
            boolean associate, Execution x) {
        EntityReference child;
        EntityReference parent;
        // for a self-referencing relationship the target is the parent, as in Dataverse
        if (target.logicalName().equals(r.referencedEntity()) && related.logicalName().equals(r.referencingEntity())) {
            parent = target;
            child = related;
        } else if (target.logicalName().equals(r.referencingEntity())
                && related.logicalName().equals(r.referencedEntity())) {
            parent = related;
            child = target;
        } else {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The relationship '" + r.schemaName()
                    + "' does not link " + target.logicalName() + " and " + related.logicalName() + ".");
        }
        if (!store.exists(x.snapshot().entity(parent.logicalName()), parent.id())) {
            throw RapportException.notFound(parent.logicalName(), parent.id());
        }
        Entity change = new Entity(child.logicalName(), child.id());
        if (associate) {
            change.set(r.referencingAttribute(), parent);
        } else {
            Entity current = support.preImage(x, x.snapshot().entity(child.logicalName()), child.id());
            Object value = current.get(r.referencingAttribute());
            if (!(value instanceof EntityReference ref) || !ref.id().equals(parent.id())) {
                return;
            }
            change.set(r.referencingAttribute(), null);
        }
        x.nested().execute(new UpdateRequest(change));
    }

    private void linkManyToMany(ManyToManyRelationship r, EntityReference target, EntityReference related,
            boolean associate, Execution x) {
        UUID one;
        UUID two;
        if (target.logicalName().equals(r.entity1()) && related.logicalName().equals(r.entity2())) {
            one = target.id();
            two = related.id();
        } else if (target.logicalName().equals(r.entity2()) && related.logicalName().equals(r.entity1())) {
            one = related.id();
            two = target.id();
        } else {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The relationship '" + r.schemaName()
                    + "' does not link " + target.logicalName() + " and " + related.logicalName() + ".");
        }
        EntityMetadata e1 = x.snapshot().entity(r.entity1());
        EntityMetadata e2 = x.snapshot().entity(r.entity2());
        if (!store.exists(e1, one)) {
            throw RapportException.notFound(e1.logicalName(), one);
        }
        if (!store.exists(e2, two)) {
            throw RapportException.notFound(e2.logicalName(), two);
        }
        access.check(x.caller(), e1, Privilege.APPEND_TO, null);
        access.check(x.caller(), e2, Privilege.APPEND, null);
        if (associate) {
            if (!store.associate(r, one, two)) {
                throw new RapportException(ErrorCode.DUPLICATE_KEY, "Cannot insert duplicate key: the "
                        + r.entity1() + " and " + r.entity2() + " records are already associated through "
                        + r.schemaName() + ".");
            }
        } else {
            store.disassociate(r, one, two);
        }
    }

    EmptyResponse assign(AssignRequest request, Execution x) {
        EntityMetadata e = support.writableEntity(x, request.target().logicalName());
        if (!e.isUserOwned()) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "Records of " + e.logicalName()
                    + " are not owned by users or teams and cannot be assigned.");
        }
        UUID id = support.resolveId(x, e, request.target());
        EntityReference assignee = request.assignee();
        if (assignee == null || !(assignee.logicalName().equals("systemuser") || assignee.logicalName().equals("team"))) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "A record can be assigned to a user or a team.",
                    "ownerid");
        }
        EntityMetadata assigneeEntity = x.snapshot().entity(assignee.logicalName());
        if (!store.exists(assigneeEntity, assignee.id())) {
            throw RapportException.notFound(assignee.logicalName(), assignee.id());
        }
        Entity pre = support.preImage(x, e, id);
        PluginContext ctx = x.context(Messages.ASSIGN, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        ctx.setPreImage(pre);
        plugins.run(Stage.PRE_VALIDATION, ctx);
        access.check(x.caller(), e, Privilege.ASSIGN, pre);
        plugins.run(Stage.PRE_OPERATION, ctx);
        EntityReference previous = (EntityReference) pre.get("ownerid");
        if (previous == null || !previous.id().equals(assignee.id())) {
            Entity change = new Entity(e.logicalName(), id).set("ownerid",
                    new EntityReference(assignee.logicalName(), assignee.id()));
            support.stamp(x, e, change, false);
            store.update(e, id, change.attributes(), null);
            audit.updated(e, id, pre, change, x.caller());
            cascadeAssign(e, id, previous, assignee, x);
        }
        plugins.run(Stage.POST_OPERATION, ctx);
        return EmptyResponse.INSTANCE;
    }

    private void cascadeAssign(EntityMetadata e, UUID id, EntityReference previous, EntityReference assignee,
            Execution x) {
        for (OneToManyRelationship r : x.snapshot().oneToManyOf(e.logicalName())) {
            CascadeType cascade = r.cascade().assign();
            EntityMetadata child = x.snapshot().entity(r.referencingEntity());
            if (cascade == CascadeType.NO_CASCADE || !child.isUserOwned() || r.referencingEntity().equals(e.logicalName())
                    && r.hierarchical()) {
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
            while (!(ids = childIds(x, child, filter, CASCADE_BATCH)).isEmpty()) {
                for (UUID childId : ids) {
                    x.nested().execute(new AssignRequest(new EntityReference(child.logicalName(), childId), assignee));
                }
            }
        }
    }

    /** Applies the delete cascade of every relationship the record is the parent of; restrictions first. */
    void beforeDelete(EntityMetadata e, Entity record, Execution x) {
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
                while (!(ids = childIds(x, child, filter, CASCADE_BATCH)).isEmpty()) {
                    for (UUID childId : ids) {
                        x.nested().execute(new DeleteRequest(new EntityReference(child.logicalName(), childId)));
                    }
                }
            } else if (r.cascade().delete() == CascadeType.REMOVE_LINK) {
                List<UUID> ids;
                while (!(ids = childIds(x, child, filter, CASCADE_BATCH)).isEmpty()) {
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

    /** Children of a record through a relationship; record ids are unique across entities. */
    private static Filter childFilter(OneToManyRelationship r, UUID id) {
        return Condition.eq(r.referencingAttribute(), id);
    }

    private List<UUID> childIds(Execution x, EntityMetadata child, Filter filter, int limit) {
        QueryExpression q = QueryExpression.from(child.logicalName()).columns(ColumnSet.none()).where(filter)
                .top(Math.min(limit, CASCADE_BATCH)).build();
        return store.retrieveMultiple(x.snapshot(), q, x.systemQueryContext()).entities().stream()
                .map(Entity::id).toList();
    }
}
