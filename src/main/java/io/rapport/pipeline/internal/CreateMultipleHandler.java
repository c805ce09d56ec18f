package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.Messages.CreateMultipleResponse;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.pipeline.CompanionRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * CreateMultiple, as Dataverse's: its own stages around a main operation in which every record goes through the
 * Create stages (run by the {@link StageRunner}) and all rows are written in one batch; audit entries in another.
 */
@Component
class CreateMultipleHandler implements MessageHandler<CreateMultipleRequest, CreateMultipleResponse> {

    private final RecordServices services;
    private final StageRunner runner;
    private final List<CompanionRecords> companions;

    CreateMultipleHandler(RecordServices services, StageRunner runner, List<CompanionRecords> companions) {
        this.services = services;
        this.runner = runner;
        this.companions = companions;
    }

    @Override
    public String messageName() {
        return Messages.CREATE_MULTIPLE;
    }

    @Override
    public Class<CreateMultipleRequest> requestType() {
        return CreateMultipleRequest.class;
    }

    @Override
    public Operation<CreateMultipleResponse> start(CreateMultipleRequest request, Execution x) {
        EntityMetadata e = request.targets().isEmpty() ? null
                : services.support().writableEntity(x, request.targets().get(0).logicalName());
        PluginContext ctx = x.context(Messages.CREATE_MULTIPLE, e == null ? null : e.logicalName(), request);
        return new Operation<>() {
            private List<AuditEvent> events = List.of();

            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                for (int i = 0; i < request.targets().size(); i++) {
                    Entity target = request.targets().get(i);
                    if (!target.logicalName().equals(e.logicalName())) {
                        throw StageRunner.faulted(RapportException.invalid("CreateMultiple creates records of one "
                                + "entity; record " + i + " is a " + target.logicalName() + ", not a "
                                + e.logicalName() + "."), i);
                    }
                }
            }

            @Override
            public List<AccessDemand> privileges() {
                return e == null ? List.of() : List.of(AccessDemand.entity(e.logicalName(), Privilege.CREATE));
            }

            @Override
            public CreateMultipleResponse execute() {
                List<CreateOperation> items = new ArrayList<>(request.targets().size());
                for (Entity target : request.targets()) {
                    items.add(new CreateOperation(services, new CreateRequest(target), e, x));
                }
                // the batch's lookup targets are read once; the companions (activity pointers) are written in batch
                // (a CreateMultiple nested in another's plugins puts back what the outer one had)
                Object outerWritten = x.sharedVariables().get(CompanionRecords.WRITTEN);
                LookupPrefetch outer = LookupPrefetch.start(x, services.store(), e, request.targets());
                try {
                    events = runner.runItems(items, () -> write(e, items, x), x);
                } finally {
                    LookupPrefetch.end(x, outer);
                    if (outerWritten == null) {
                        x.sharedVariables().remove(CompanionRecords.WRITTEN);
                    } else {
                        x.sharedVariables().put(CompanionRecords.WRITTEN, outerWritten);
                    }
                }
                List<java.util.UUID> ids = items.stream().map(i -> i.target().id()).toList();
                ctx.outputs().put("Ids", ids);
                return new CreateMultipleResponse(ids);
            }

            @Override
            public List<AuditEvent> audit() {
                return events;
            }
        };
    }

    private void write(EntityMetadata e, List<CreateOperation> items, Execution x) {
        for (int i = 0; i < items.size(); i++) {
            try {
                items.get(i).prepareWrite();
            } catch (RapportException ex) {
                throw StageRunner.faulted(ex, i);
            }
        }
        List<Entity> rows = items.stream().map(CreateOperation::target).toList();
        services.store().insertBatch(e, rows);
        writeCompanions(rows, x);
        items.forEach(i -> i.inserted(null));
    }

    /**
     * The companion records of the new rows (each activity's pointer), stamped as a Create stamps them and written
     * with one batch per entity; the module that keeps them sees their ids in {@link CompanionRecords#WRITTEN} and
     * does not write them again record by record.
     */
    private void writeCompanions(List<Entity> rows, Execution x) {
        Map<String, List<Entity>> byEntity = new LinkedHashMap<>();
        Set<java.util.UUID> written = new HashSet<>();
        for (Entity row : rows) {
            for (CompanionRecords c : companions) {
                for (Entity companion : c.forCreated(x.snapshot(), row)) {
                    EntityMetadata ce = x.snapshot().entity(companion.logicalName());
                    services.support().applyDefaults(ce, companion, x.caller());
                    services.support().stamp(x, ce, companion, true);
                    byEntity.computeIfAbsent(ce.logicalName(), k -> new ArrayList<>()).add(companion);
                    written.add(row.id());
                }
            }
        }
        byEntity.forEach((entity, companionRows) -> services.store().insertBatch(x.snapshot().entity(entity),
                companionRows));
        if (!written.isEmpty()) {
            x.sharedVariables().put(CompanionRecords.WRITTEN, written);
        }
    }
}
