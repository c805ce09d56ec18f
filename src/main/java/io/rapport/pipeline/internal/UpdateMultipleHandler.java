package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.Messages.UpdateMultipleRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * UpdateMultiple, as Dataverse's: the pre-images read 1,000 per query, every record through the Update stages (its
 * own validation, privilege check on that record, plugins) run by the {@link StageRunner}, the rows written in one
 * batch per set of changed columns and the audit entries in one batch. Any failure undoes all and names the
 * {@code faultedRequestIndex}.
 */
@Component
class UpdateMultipleHandler implements MessageHandler<UpdateMultipleRequest, EmptyResponse> {

    private final RecordServices services;
    private final StageRunner runner;

    UpdateMultipleHandler(RecordServices services, StageRunner runner) {
        this.services = services;
        this.runner = runner;
    }

    @Override
    public String messageName() {
        return Messages.UPDATE_MULTIPLE;
    }

    @Override
    public Class<UpdateMultipleRequest> requestType() {
        return UpdateMultipleRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(UpdateMultipleRequest request, Execution x) {
        EntityMetadata e = Bulk.entity(services, x, request.targets().stream().map(Entity::logicalName).toList(),
                Messages.UPDATE_MULTIPLE);
        PluginContext ctx = x.context(Messages.UPDATE_MULTIPLE, e == null ? null : e.logicalName(), request);
        // the entity's Write here; each record's with its own Update stages
        return Bulk.itemsOperation(ctx, e, Privilege.WRITE, runner, x, () -> operations(request.targets(), e, x),
                items -> write(e, items));
    }

    private List<UpdateOperation> operations(List<Entity> targets, EntityMetadata e, Execution x) {
        List<UUID> ids = new ArrayList<>(targets.size());
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Entity t = targets.get(i);
            UUID id = t.id() != null ? t.id() : t.get(e.primaryIdAttribute()) instanceof UUID key ? key : null;
            if (id == null) {
                throw StageRunner.faulted(RapportException.invalid("The " + e.logicalName() + " record at index "
                        + i + " needs its id (" + e.primaryIdAttribute() + ")."), i);
            }
            if (!seen.add(id)) {
                throw StageRunner.faulted(RapportException.invalid("The " + e.logicalName() + " record " + id
                        + " is named twice; UpdateMultiple updates each record once."), i);
            }
            ids.add(id);
        }
        Map<UUID, Entity> pre = services.support().preImages(x, e, ids);
        List<UpdateOperation> items = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Entity before = pre.get(ids.get(i));
            if (before == null) {
                throw StageRunner.faulted(RapportException.notFound(e.logicalName(), ids.get(i)), i);
            }
            try {
                items.add(new UpdateOperation(services, new UpdateRequest(targets.get(i)), e, before, x));
            } catch (RapportException ex) {
                throw StageRunner.faulted(ex, i);
            }
        }
        return items;
    }

    private void write(EntityMetadata e, List<UpdateOperation> items) {
        for (int i = 0; i < items.size(); i++) {
            try {
                items.get(i).prepareWrite();
            } catch (RapportException ex) {
                throw StageRunner.faulted(ex, i);
            }
        }
        List<java.util.UUID> ids = items.stream().map(o -> o.target().id()).toList();
        io.rapport.pipeline.RecordReads.forget(e.logicalName(), ids);
        int[] counts = services.store().updateBatch(e, ids, items.stream().map(o -> o.target().attributes())
                .toList());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) {
                throw StageRunner.faulted(RapportException.notFound(e.logicalName(), items.get(i).target().id()), i);
            }
        }
        items.forEach(o -> o.updated(null));
    }
}
