package io.rapport.mail.internal;

import io.rapport.mail.MailMessages;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's GetTrackingTokenEmail (unbound): a new tracking token ({@code CRM:0001234}) to pass to SendEmail.
 * {@code Subject} is accepted as Dataverse accepts it; the token does not depend on it. Needs Create on email.
 */
@Component
class GetTrackingTokenEmailAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(MailMessages.GET_TRACKING_TOKEN_EMAIL,
            null, false, List.of(Parameter.optional("Subject", "String")),
            List.of(Parameter.required("TrackingToken", "String")));

    private final TrackingTokens tokens;

    GetTrackingTokenEmailAction(TrackingTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.entity("email", Privilege.CREATE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        return new ActionResponse(Map.of("TrackingToken", tokens.next()));
    }
}
