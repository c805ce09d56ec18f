package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.sales.internal.DeferredWork;
import org.springframework.stereotype.Component;

/**
 * A quote, order or invoice given a price list (another one, in its currency: {@link DocumentHeaderPlugin} refuses one
 * in another currency, and only an editable, unlocked document gets this far; or the same one again, which also takes
 * the currency's current exchange rate) has its catalog lines priced again from that list, as Dynamics 365
 * recalculates a document's products from its price list. Write-in lines and lines with an overridden price keep
 * their price (and take the exchange rate); a catalog product missing from the list (in the line's unit) fails the
 * change with that line's message, and nothing is changed. The totals follow through {@link DocumentTotalsPlugin}.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "quote", stage = Stage.POST_OPERATION, order = 20)
@PluginStep(messages = Messages.UPDATE, entity = "salesorder", stage = Stage.POST_OPERATION, order = 20)
@PluginStep(messages = Messages.UPDATE, entity = "invoice", stage = Stage.POST_OPERATION, order = 20)
class PriceListChangePlugin implements Plugin {

    private final SystemView view;

    PriceListChangePlugin(SystemView view) {
        this.view = view;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (context.preImage() == null || target.getReference("pricelevelid") == null
                || Boolean.TRUE.equals(context.sharedVariables().get(DocumentHeaderPlugin.SYSTEM_CHANGE))) {
            return;
        }
        DocumentKind kind = DocumentKind.ofEntity(context.entityName()).orElseThrow();
        // the totals once, after the last line
        DeferredWork.batch(context, () -> {
            for (Entity line : view.lines(context, kind, target.id())) {
                // an unchanged quantity: DocumentLinePlugin prices the line again from the document's (new) price
                // list (write-ins and overridden prices keep their price and take the exchange rate)
                view.service(context).update(new Entity(kind.lineEntity, line.id()).set("quantity",
                        line.getDecimal("quantity")));
            }
        });
    }
}
