package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import org.springframework.stereotype.Component;

/**
 * Notes a quote, order, invoice or opportunity being deleted before its lines are (the delete cascade runs in the main
 * operation), so that {@link DocumentLinePlugin} lets a bundle's required products go with their document.
 */
@Component
@PluginStep(messages = Messages.DELETE, entity = "quote", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.DELETE, entity = "salesorder", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.DELETE, entity = "invoice", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.DELETE, entity = "opportunity", stage = Stage.PRE_OPERATION, order = 10)
class DocumentDeletingPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        if (context.targetReference() != null) {
            DocumentLinePlugin.deleting(context, context.targetReference().id());
        }
    }
}
