package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Assign: Assign privilege on the record; the new owner is written and the assign cascades run as nested messages. */
@Component
class AssignHandler implements MessageHandler<AssignRequest, EmptyResponse> {

    private final RecordServices services;
    private final Cascades cascades;
    private final io.rapport.store.ChangeLog changeLog;

    AssignHandler(RecordServices services, Cascades cascades, io.rapport.store.ChangeLog changeLog) {
        this.services = services;
        this.cascades = cascades;
        this.changeLog = changeLog;
    }

    @Override
    public String messageName() {
        return Messages.ASSIGN;
    }

    @Override
    public Class<AssignRequest> requestType() {
        return AssignRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(AssignRequest request, Execution x) {
        EntityMetadata e = services.support().writableEntity(x, request.target().logicalName());
        if (!e.isUserOwned()) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "Records of " + e.logicalName()
                    + " are not owned by users or teams and cannot be assigned.");
        }
        UUID id = services.support().resolveId(x, e, request.target());
        Entity pre = services.support().preImage(x, e, id);
        PluginContext ctx = x.context(Messages.ASSIGN, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        ctx.setPreImage(pre);
        EntityReference assignee = request.assignee();
        return new Operation<>() {
            private Entity change;

            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                if (assignee == null || !(assignee.logicalName().equals("systemuser")
                        || assignee.logicalName().equals("team"))) {
                    throw new RapportException(ErrorCode.INVALID_ARGUMENT, "A record can be assigned to a user or "
                            + "a team.", "ownerid");
                }
                if (!services.store().exists(x.snapshot().entity(assignee.logicalName()), assignee.id())) {
                    throw RapportException.notFound(assignee.logicalName(), assignee.id());
                }
            }

            @Override
            public List<AccessDemand> privileges() {
                return List.of(AccessDemand.record(pre, Privilege.ASSIGN));
            }

            @Override
            public EmptyResponse execute() {
                EntityReference previous = (EntityReference) pre.get("ownerid");
                if (previous == null || !previous.id().equals(assignee.id())) {
                    change = new Entity(e.logicalName(), id).set("ownerid",
                            new EntityReference(assignee.logicalName(), assignee.id()));
                    services.support().stamp(x, e, change, false);
                    io.rapport.pipeline.RecordReads.forget(e.logicalName(), id);
                    services.store().update(e, id, change.attributes(), null);
                    if (previous != null) {
                        // the former owner (and its unit's readers) may lose the record: their deltas report it
                        changeLog.recordRemoval(e, id, io.rapport.store.ChangeLog.RemovalKind.ACCESS, previous.id(),
                                pre.get("owningbusinessunit") instanceof EntityReference unit ? unit.id() : null);
                    }
                    cascades.assign(e, id, previous, assignee, x);
                }
                return EmptyResponse.INSTANCE;
            }

            @Override
            public List<AuditEvent> audit() {
                return change == null ? List.of() : List.of(new AuditEvent.Updated(e, id, pre, change));
            }
        };
    }
}
