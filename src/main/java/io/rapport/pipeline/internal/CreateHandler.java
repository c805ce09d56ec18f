package io.rapport.pipeline.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.CreateResponse;
import org.springframework.stereotype.Component;

/** Create: validation, defaults, Create privilege (and Append/AppendTo for lookups), stamps, insert, audit. */
@Component
class CreateHandler implements MessageHandler<CreateRequest, CreateResponse> {

    private final RecordServices services;

    CreateHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.CREATE;
    }

    @Override
    public Class<CreateRequest> requestType() {
        return CreateRequest.class;
    }

    @Override
    public Operation<CreateResponse> start(CreateRequest request, Execution x) {
        return new CreateOperation(services, request,
                services.support().writableEntity(x, request.target().logicalName()), x);
    }
}
