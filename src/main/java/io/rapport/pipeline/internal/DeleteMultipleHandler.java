package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.DeleteMultipleRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.ChangeLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * DeleteMultiple (Dataverse has it for elastic tables; Rapport for every entity, all or none): pre-images read 1,000
 * per query, every record through the Delete stages (privilege check on that record, plugins, its cascades), the
 * rows deleted with one statement per 1,000 and the audit entries in one batch.
 */
@Component
class DeleteMultipleHandler implements MessageHandler<DeleteMultipleRequest, EmptyResponse> {

    private final RecordServices services;
    private final StageRunner runner;
    private final Cascades cascades;
    private final ChangeLog changeLog;

    DeleteMultipleHandler(RecordServices services, StageRunner runner, Cascades cascades, ChangeLog changeLog) {
        this.services = services;
        this.runner = runner;
        this.cascades = cascades;
        this.changeLog = changeLog;
    }

    @Override
    public String messageName() {
        return Messages.DELETE_MULTIPLE;
    }

    @Override
    public Class<DeleteMultipleRequest> requestType() {
        return DeleteMultipleRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(DeleteMultipleRequest request, Execution x) {
        EntityMetadata e = Bulk.entity(services, x, request.targets().stream().map(EntityReference::logicalName)
                .toList(), Messages.DELETE_MULTIPLE);
        PluginContext ctx = x.context(Messages.DELETE_MULTIPLE, e == null ? null : e.logicalName(), request);
        // the entity's Delete here; each record's with its own Delete stages
        return Bulk.itemsOperation(ctx, e, Privilege.DELETE, runner, x, () -> operations(request.targets(), e, x),
                items -> write(e, items));
    }

    private List<DeleteOperation> operations(List<EntityReference> targets, EntityMetadata e, Execution x) {
        List<UUID> ids = new ArrayList<>(targets.size());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            UUID id;
            try {
                id = services.support().resolveId(x, e, targets.get(i));
            } catch (RapportException ex) {
                throw StageRunner.faulted(ex, i);
            }
            if (id == null || !seen.add(id)) {
                throw StageRunner.faulted(RapportException.invalid(id == null ? "The " + e.logicalName()
                        + " record at index " + i + " needs its id." : "The " + e.logicalName() + " record " + id
                        + " is named twice; DeleteMultiple deletes each record once."), i);
            }
            ids.add(id);
        }
        Map<UUID, Entity> pre = services.support().preImages(x, e, ids);
        List<DeleteOperation> items = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Entity before = pre.get(ids.get(i));
            if (before == null) {
                throw StageRunner.faulted(RapportException.notFound(e.logicalName(), ids.get(i)), i);
            }
            items.add(new DeleteOperation(services, cascades, changeLog,
                    new DeleteRequest(new EntityReference(e.logicalName(), ids.get(i))), e, before, x));
        }
        return items;
    }

    private void write(EntityMetadata e, List<DeleteOperation> items) {
        for (int i = 0; i < items.size(); i++) {
            try {
                items.get(i).cascade();
            } catch (RapportException ex) {
                throw StageRunner.faulted(ex, i);
            }
        }
        List<UUID> ids = items.stream().map(DeleteOperation::id).toList();
        io.rapport.pipeline.RecordReads.forget(e.logicalName(), ids);
        int deleted = services.store().deleteBatch(e, ids);
        if (deleted != ids.size()) {
            // a cascade or a plugin removed one of the records already
            throw RapportException.invalid("DeleteMultiple deleted " + deleted + " of " + ids.size() + " "
                    + e.logicalName() + " records; another change removed the rest first.");
        }
        items.forEach(DeleteOperation::deleted);
    }
}
