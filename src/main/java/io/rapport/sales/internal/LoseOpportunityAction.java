package io.rapport.sales.internal;

import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.sales.SalesMessages;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's LoseOpportunity (unbound): closes an open opportunity as lost (canceled or out-sold, optionally to a
 * competitor), with an opportunity close activity.
 */
@Component
class LoseOpportunityAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = OpportunityClosing.definition(SalesMessages.LOSE_OPPORTUNITY);

    private final OpportunityClosing closing;

    LoseOpportunityAction(OpportunityClosing closing) {
        this.closing = closing;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        OpportunityClosing.input(request);
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return OpportunityClosing.privileges(request);
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        closing.close(request, context, OpportunityClosing.LOST);
        return new ActionResponse(Map.of());
    }
}
