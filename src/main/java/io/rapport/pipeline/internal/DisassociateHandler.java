package io.rapport.pipeline.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.DisassociateRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import org.springframework.stereotype.Component;

/** Disassociate: unlinks records through a one-to-many or many-to-many relationship. */
@Component
class DisassociateHandler implements MessageHandler<DisassociateRequest, EmptyResponse> {

    private final Linking linking;

    DisassociateHandler(Linking linking) {
        this.linking = linking;
    }

    @Override
    public String messageName() {
        return Messages.DISASSOCIATE;
    }

    @Override
    public Class<DisassociateRequest> requestType() {
        return DisassociateRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(DisassociateRequest r, Execution x) {
        return linking.start(Messages.DISASSOCIATE, r, r.target(), r.relationship(), r.relatedEntities(), false, x);
    }
}
