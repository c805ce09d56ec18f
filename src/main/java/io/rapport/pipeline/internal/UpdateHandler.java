package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.record.Entity;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Update: Write privilege on the record (Append/AppendTo for lookups, field security), optimistic concurrency; a
 * new owner is given by a nested Assign, as Dataverse does.
 */
@Component
class UpdateHandler implements MessageHandler<UpdateRequest, EmptyResponse> {

    private final RecordServices services;

    UpdateHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.UPDATE;
    }

    @Override
    public Class<UpdateRequest> requestType() {
        return UpdateRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(UpdateRequest request, Execution x) {
        Entity target = request.target();
        EntityMetadata e = services.support().writableEntity(x, target.logicalName());
        UUID id = target.id() == null && target.get(e.primaryIdAttribute()) instanceof UUID key ? key : target.id();
        Entity pre = services.support().preImage(x, e, id);
        return new UpdateOperation(services, request, e, pre, x);
    }
}
