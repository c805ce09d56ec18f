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
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * CreateMultiple, as Dataverse's: its own stages around a main operation in which every record goes through the
 * Create stages (run by the {@link StageRunner}) and all rows are written in one batch; audit entries in another.
 */
@Component
class CreateMultipleHandler implements MessageHandler<CreateMultipleRequest, CreateMultipleResponse> {

    private final RecordServices services;
    private final StageRunner runner;

    CreateMultipleHandler(RecordServices services, StageRunner runner) {
        this.services = services;
        this.runner = runner;
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
                events = runner.runItems(items, () -> write(e, items), x);
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

    private void write(EntityMetadata e, List<CreateOperation> items) {
        for (int i = 0; i < items.size(); i++) {
            try {
                items.get(i).prepareWrite();
            } catch (RapportException ex) {
                throw StageRunner.faulted(ex, i);
            }
        }
        services.store().insertBatch(e, items.stream().map(CreateOperation::target).toList());
        items.forEach(i -> i.inserted(null));
    }
}
