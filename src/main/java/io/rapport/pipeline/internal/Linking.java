package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Associate and disassociate: a one-to-many link is the child's lookup, set or cleared by a nested Update; a
 * many-to-many link is a row of the intersect table. Both need AppendTo on the parent (entity 1) and Append on the
 * child (entity 2).
 */
@Component
class Linking {

    private final RecordStore store;
    private final RecordSupport support;

    Linking(RecordStore store, RecordSupport support) {
        this.store = store;
        this.support = support;
    }

    Operation<EmptyResponse> start(String message, OrganizationRequest<?> request, EntityReference targetRef,
            String relationship, List<EntityReference> related, boolean associate, Execution x) {
        MetadataSnapshot s = x.snapshot();
        EntityMetadata e = s.entity(targetRef.logicalName());
        EntityReference target = new EntityReference(e.logicalName(), support.resolveId(x, e, targetRef));
        PluginContext ctx = x.context(message, e.logicalName(), request);
        ctx.setTargetReference(target);
        List<EntityReference> resolved = new ArrayList<>();
        for (EntityReference r : related) {
            resolved.add(new EntityReference(r.logicalName(), support.resolveId(x, s.entity(r.logicalName()), r)));
        }
        OneToManyRelationship oneToMany = s.findOneToMany(relationship).orElse(null);
        ManyToManyRelationship manyToMany = oneToMany != null ? null : s.findManyToMany(relationship).orElse(null);
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                if (oneToMany == null && manyToMany == null) {
                    throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The relationship '" + relationship
                            + "' does not exist.");
                }
                for (EntityReference r : resolved) {
                    boolean linked = oneToMany != null
                            ? pair(target, r, oneToMany.referencedEntity(), oneToMany.referencingEntity())
                            : pair(target, r, manyToMany.entity1(), manyToMany.entity2());
                    if (!linked) {
                        throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The relationship '" + relationship
                                + "' does not link " + target.logicalName() + " and " + r.logicalName() + ".");
                    }
                }
            }

            @Override
            public List<AccessDemand> privileges() {
                String parent = oneToMany != null ? oneToMany.referencedEntity() : manyToMany.entity1();
                String child = oneToMany != null ? oneToMany.referencingEntity() : manyToMany.entity2();
                return List.of(AccessDemand.entity(parent, Privilege.APPEND_TO),
                        AccessDemand.entity(child, Privilege.APPEND));
            }

            @Override
            public EmptyResponse execute() {
                for (EntityReference r : resolved) {
                    if (oneToMany != null) {
                        linkOneToMany(oneToMany, target, r, associate, x);
                    } else {
                        linkManyToMany(manyToMany, target, r, associate, x);
                    }
                }
                return EmptyResponse.INSTANCE;
            }

            @Override
            public List<AuditEvent> audit() {
                return manyToMany == null ? List.of()
                        : List.of(new AuditEvent.Related(message, e, target.id(), relationship, resolved));
            }
        };
    }

    private static boolean pair(EntityReference target, EntityReference related, String one, String two) {
        return target.logicalName().equals(one) && related.logicalName().equals(two)
                || target.logicalName().equals(two) && related.logicalName().equals(one);
    }

    private void linkOneToMany(OneToManyRelationship r, EntityReference target, EntityReference related,
            boolean associate, Execution x) {
        // for a self-referencing relationship the target is the parent, as in Dataverse
        boolean targetIsParent = target.logicalName().equals(r.referencedEntity())
                && related.logicalName().equals(r.referencingEntity());
        EntityReference parent = targetIsParent ? target : related;
        EntityReference child = targetIsParent ? related : target;
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
        boolean targetIsOne = target.logicalName().equals(r.entity1()) && related.logicalName().equals(r.entity2());
        UUID one = targetIsOne ? target.id() : related.id();
        UUID two = targetIsOne ? related.id() : target.id();
        EntityMetadata e1 = x.snapshot().entity(r.entity1());
        EntityMetadata e2 = x.snapshot().entity(r.entity2());
        if (!store.exists(e1, one)) {
            throw RapportException.notFound(e1.logicalName(), one);
        }
        if (!store.exists(e2, two)) {
            throw RapportException.notFound(e2.logicalName(), two);
        }
        if (!associate) {
            store.disassociate(r, one, two);
        } else if (!store.associate(r, one, two)) {
            throw new RapportException(ErrorCode.DUPLICATE_KEY, "Cannot insert duplicate key: the " + r.entity1()
                    + " and " + r.entity2() + " records are already associated through " + r.schemaName() + ".");
        }
    }
}
