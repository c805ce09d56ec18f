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
import io.rapport.store.ChangeLog;
import java.util.List;
import java.util.UUID;

/**
 * One record being deleted; {@link DeleteHandler} runs one, {@link DeleteMultipleHandler} many whose rows it deletes
 * in one statement.
 */
final class DeleteOperation implements Operation<EmptyResponse> {

    private final RecordServices services;
    private final Cascades cascades;
    private final ChangeLog changeLog;
    private final DeleteRequest request;
    private final EntityMetadata e;
    private final Entity pre;
    private final PluginContext ctx;
    private final Execution x;

    DeleteOperation(RecordServices services, Cascades cascades, ChangeLog changeLog, DeleteRequest request,
            EntityMetadata e, Entity pre, Execution x) {
        this.services = services;
        this.cascades = cascades;
        this.changeLog = changeLog;
        this.request = request;
        this.e = e;
        this.pre = pre;
        this.x = x;
        Versions.check(pre, request.rowVersion());
        this.ctx = x.context(Messages.DELETE, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), pre.id()));
        ctx.setPreImage(pre);
    }

    UUID id() {
        return pre.id();
    }

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
        cascade();
        io.rapport.pipeline.RecordReads.forget(e.logicalName(), pre.id());
        if (!services.store().delete(e, pre.id(), request.rowVersion())) {
            throw request.rowVersion() != null ? Versions.mismatch() : RapportException.notFound(e.logicalName(),
                    pre.id());
        }
        deleted();
        return EmptyResponse.INSTANCE;
    }

    /** The relationships' delete cascades, as nested messages, before the row goes. */
    void cascade() {
        cascades.delete(e, pre, x);
    }

    /** After the row is gone: the change-tracking tombstone. */
    void deleted() {
        changeLog.recordRemoval(e, pre.id(), ChangeLog.RemovalKind.DELETED, idOf(pre, "ownerid"),
                idOf(pre, "owningbusinessunit"));
    }

    @Override
    public List<AuditEvent> audit() {
        return List.of(new AuditEvent.Deleted(e, pre));
    }

    private static UUID idOf(Entity record, String attribute) {
        return record.get(attribute) instanceof EntityReference ref ? ref.id() : null;
    }
}
