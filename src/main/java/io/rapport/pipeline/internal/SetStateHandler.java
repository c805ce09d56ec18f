package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * SetState: Write privilege on the record, then the state and status written by a nested Update. As in Dataverse,
 * where SetState is carried out as an Update, plugins reacting to state changes (rollups, closed records, activity
 * pointers) register on Update and see it.
 */
@Component
class SetStateHandler implements MessageHandler<SetStateRequest, EmptyResponse> {

    private final RecordServices services;

    SetStateHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.SET_STATE;
    }

    @Override
    public Class<SetStateRequest> requestType() {
        return SetStateRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(SetStateRequest request, Execution x) {
        EntityMetadata e = services.support().writableEntity(x, request.target().logicalName());
        if (!e.hasStateCode()) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "The entity " + e.logicalName()
                    + " has no state.");
        }
        UUID id = services.support().resolveId(x, e, request.target());
        Entity pre = services.support().preImage(x, e, id);
        PluginContext ctx = x.context(Messages.SET_STATE, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        ctx.setPreImage(pre);
        return new Operation<>() {
            private int status;

            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                status = request.status() == -1 ? services.support().defaultStatus(e, request.state())
                        : request.status();
            }

            @Override
            public List<AccessDemand> privileges() {
                return List.of(AccessDemand.record(pre, Privilege.WRITE));
            }

            @Override
            public EmptyResponse execute() {
                x.nested().execute(new UpdateRequest(new Entity(e.logicalName(), id)
                        .set("statecode", request.state()).set("statuscode", status)));
                return EmptyResponse.INSTANCE;
            }
        };
    }
}
