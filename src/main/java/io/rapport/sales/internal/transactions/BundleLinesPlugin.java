package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.DeferredWork;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A product bundle added to a quote, order, invoice or opportunity brings its products: after the bundle's line is
 * created, one line per product association of the bundle (the product, its unit, the association's quantity times the
 * bundle's), created through the caller's pipeline with {@code parentbundleidref} and {@code productassociationid}
 * ({@link LinePricing} prices them in the bundle: zero, so the totals count the bundle's price once). Deleting the
 * bundle's line deletes them (cascade). Copies of a document's lines ({@link DocumentCopier}) bring their own.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "quotedetail", stage = Stage.POST_OPERATION, order = 5)
@PluginStep(messages = Messages.CREATE, entity = "salesorderdetail", stage = Stage.POST_OPERATION, order = 5)
@PluginStep(messages = Messages.CREATE, entity = "invoicedetail", stage = Stage.POST_OPERATION, order = 5)
@PluginStep(messages = Messages.CREATE, entity = "opportunityproduct", stage = Stage.POST_OPERATION, order = 5)
class BundleLinesPlugin implements Plugin {

    /** Set while {@link DocumentCopier} copies lines: the bundle products are copied, not added again. */
    static final String COPYING = "sales.copyingLines";
    private static final int MAX_PRODUCTS = 500;

    private final SystemView view;

    BundleLinesPlugin(SystemView view) {
        this.view = view;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (!Integer.valueOf(LinePricing.BUNDLE_LINE).equals(target.getInteger("producttypecode"))
                || Boolean.TRUE.equals(context.sharedVariables().get(COPYING))) {
            return;
        }
        DocumentKind kind = DocumentKind.ofLine(context.entityName()).orElseThrow();
        UUID bundleLine = context.targetReference() != null ? context.targetReference().id() : target.id();
        BigDecimal bundles = PricingEngine.nz(target.getDecimal("quantity"));
        // the document's totals once, after the bundle's last product
        DeferredWork.batch(context, () -> addProducts(context, kind, target, bundleLine, bundles));
    }

    private void addProducts(PluginContext context, DocumentKind kind, Entity target, UUID bundleLine,
            BigDecimal bundles) {
        for (Entity association : view.service(context).retrieveMultiple(QueryExpression.from("productassociation")
                .select("associatedproduct", "quantity", "uomid")
                .where(Condition.eq("productid", target.getReference("productid").id()))
                .orderBy(Order.asc("createdon")).top(MAX_PRODUCTS).build()).entities()) {
            Entity line = new Entity(kind.lineEntity)
                    .set(kind.parentAttribute, new EntityReference(kind.entity, target.getReference(kind.parentAttribute)
                            .id()))
                    .set("parentbundleidref", new EntityReference(kind.lineEntity, bundleLine))
                    .set("productassociationid", association.id())
                    .set("productid", new EntityReference("product", association.getReference("associatedproduct").id()))
                    .set("quantity", PricingEngine.nz(association.getDecimal("quantity")).multiply(bundles));
            if (association.getReference("uomid") != null) {
                line.set("uomid", new EntityReference("uom", association.getReference("uomid").id()));
            }
            context.service().create(line);
        }
    }
}
