package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.record.Entity;
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
        return new DeleteOperation(services, cascades, changeLog, request, e, pre, x);
    }
}
