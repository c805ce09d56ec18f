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
 * Dataverse's WinOpportunity (unbound): closes an open opportunity as won, with an opportunity close activity.
 */
@Component
class WinOpportunityAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = OpportunityClosing.definition(SalesMessages.WIN_OPPORTUNITY);

    private final OpportunityClosing closing;

    WinOpportunityAction(OpportunityClosing closing) {
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
        closing.close(request, context, OpportunityClosing.WON);
        return new ActionResponse(Map.of());
    }
}
