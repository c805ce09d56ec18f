package io.rapport.pipeline.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.AssociateRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import org.springframework.stereotype.Component;

/** Associate: links records through a one-to-many or many-to-many relationship. */
@Component
class AssociateHandler implements MessageHandler<AssociateRequest, EmptyResponse> {

    private final Linking linking;

    AssociateHandler(Linking linking) {
        this.linking = linking;
    }

    @Override
    public String messageName() {
        return Messages.ASSOCIATE;
    }

    @Override
    public Class<AssociateRequest> requestType() {
        return AssociateRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(AssociateRequest r, Execution x) {
        return linking.start(Messages.ASSOCIATE, r, r.target(), r.relationship(), r.relatedEntities(), true, x);
    }
}
