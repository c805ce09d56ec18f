package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Delete: Delete privilege on the record, the relationships' delete cascades as nested messages, then the row. */
@Component
class DeleteHandler implements MessageHandler<DeleteRequest, EmptyResponse> {

    private final RecordServices services;
    private final Cascades cascades;
    private final io.rapport.store.ChangeLog changeLog;

    DeleteHandler(RecordServices services, Cascades cascades, io.rapport.store.ChangeLog changeLog) {
        this.services = services;
        this.cascades = cascades;
        this.changeLog = changeLog;
    }

    @Override
    public String messageName() {
        return Messages.DELETE;
    }

    @Override
    public Class<DeleteRequest> requestType() {
        return DeleteRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(DeleteRequest request, Execution x) {
        EntityMetadata e = services.support().writableEntity(x, request.target().logicalName());
        UUID id = services.support().resolveId(x, e, request.target());
        Entity pre = services.support().preImage(x, e, id);
        Versions.check(pre, request.rowVersion());
        PluginContext ctx = x.context(Messages.DELETE, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        ctx.setPreImage(pre);
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public List<AccessDemand> privileges() {
                return List.of(AccessDemand.record(pre, Privilege.DELETE));
            }

            @Override
            public EmptyResponse execute() {
                cascades.delete(e, pre, x);
                if (!services.store().delete(e, id, request.rowVersion())) {
                    throw request.rowVersion() != null ? Versions.mismatch()
                            : RapportException.notFound(e.logicalName(), id);
                }
                changeLog.recordRemoval(e, id, io.rapport.store.ChangeLog.RemovalKind.DELETED, idOf(pre, "ownerid"),
                        idOf(pre, "owningbusinessunit"));
                return EmptyResponse.INSTANCE;
            }

            @Override
            public List<AuditEvent> audit() {
                return List.of(new AuditEvent.Deleted(e, pre));
            }
        };
    }

    private static UUID idOf(Entity record, String attribute) {
        return record.get(attribute) instanceof EntityReference ref ? ref.id() : null;
    }
}
