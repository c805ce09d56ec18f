package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import org.springframework.stereotype.Component;

/** A new product is a draft (Dataverse's default) until PublishProductHierarchy activates it. */
@Component
@PluginStep(messages = Messages.CREATE, entity = "product", stage = Stage.PRE_OPERATION, order = 10)
class ProductDraftPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        // the platform's defaults (Active) are already on the target; what counts is what the caller asked for
        if (!(context.request() instanceof Messages.CreateRequest create)
                || create.target().get("statecode") == null) {
            context.target().set("statecode", ProductActions.DRAFT);
            context.target().set("statuscode", 0);
        }
    }
}
