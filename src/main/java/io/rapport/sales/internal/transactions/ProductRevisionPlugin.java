package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import org.springframework.stereotype.Component;

/**
 * Keeps a product's published values when it goes from Active to Under Revision (SetState is an Update), and forgets
 * them when it is published again or deleted: {@link ProductActions}' RevertProduct writes them back.
 */
@Component
@PluginStep(messages = {Messages.UPDATE, Messages.DELETE}, entity = "product", stage = Stage.PRE_OPERATION,
        order = 30)
class ProductRevisionPlugin implements Plugin {

    private final ProductRevisions revisions;

    ProductRevisionPlugin(ProductRevisions revisions) {
        this.revisions = revisions;
    }

    @Override
    public void execute(PluginContext context) {
        Entity pre = context.preImage();
        if (pre == null) {
            return;
        }
        if (Messages.DELETE.equals(context.messageName())) {
            revisions.drop(pre.id());
            return;
        }
        if (!(context.target().get("statecode") instanceof Integer state)) {
            return;
        }
        Integer from = pre.getInteger("statecode");
        if (state == ProductActions.UNDER_REVISION && Integer.valueOf(ProductActions.ACTIVE).equals(from)) {
            revisions.keep(pre);
        } else if (state == ProductActions.ACTIVE && Integer.valueOf(ProductActions.UNDER_REVISION).equals(from)) {
            revisions.drop(pre.id());
        }
    }
}
