package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.sales.internal.DeferredWork;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A bundle's line given another quantity gives its products their quantity in that many bundles, as Dynamics 365
 * multiplies a bundle's product quantities by the bundle line's: each product line takes its association's quantity
 * ({@code productassociation.quantity}) times the bundle line's new quantity, through the pipeline (priced in the
 * bundle, audited), the document's totals once after the last.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "quotedetail", stage = Stage.POST_OPERATION, order = 5)
@PluginStep(messages = Messages.UPDATE, entity = "salesorderdetail", stage = Stage.POST_OPERATION, order = 5)
@PluginStep(messages = Messages.UPDATE, entity = "invoicedetail", stage = Stage.POST_OPERATION, order = 5)
@PluginStep(messages = Messages.UPDATE, entity = "opportunityproduct", stage = Stage.POST_OPERATION, order = 5)
class BundleQuantityPlugin implements Plugin {

    private static final String ASSOCIATION = "association";
    private static final int MAX_PRODUCTS = 500;

    private final SystemView view;

    BundleQuantityPlugin(SystemView view) {
        this.view = view;
    }

    @Override
    public void execute(PluginContext context) {
        Entity pre = context.preImage();
        Entity post = context.postImage();
        if (pre == null || post == null || !context.target().contains("quantity")
                || !Integer.valueOf(LinePricing.BUNDLE_LINE).equals(post.getInteger("producttypecode"))) {
            return;
        }
        BigDecimal before = PricingEngine.nz(pre.getDecimal("quantity"));
        BigDecimal bundles = PricingEngine.nz(post.getDecimal("quantity"));
        if (before.compareTo(bundles) == 0) {
            return;
        }
        DocumentKind kind = DocumentKind.ofLine(context.entityName()).orElseThrow();
        UUID bundleLine = context.targetReference().id();
        DeferredWork.batch(context, () -> {
            for (Entity product : view.service(context).retrieveMultiple(QueryExpression.from(kind.lineEntity)
                    .select("quantity").link(new LinkEntity("productassociation", "productassociationid",
                            "productassociationid", ASSOCIATION, JoinType.INNER, ColumnSet.of("quantity"), null, null))
                    .where(Condition.eq("parentbundleidref", bundleLine)).top(MAX_PRODUCTS).build()).entities()) {
                BigDecimal quantity = PricingEngine.nz((BigDecimal) product.get(ASSOCIATION + ".quantity"))
                        .multiply(bundles);
                if (quantity.compareTo(PricingEngine.nz(product.getDecimal("quantity"))) != 0) {
                    context.service().update(new Entity(kind.lineEntity, product.id()).set("quantity", quantity));
                }
            }
        });
    }
}
