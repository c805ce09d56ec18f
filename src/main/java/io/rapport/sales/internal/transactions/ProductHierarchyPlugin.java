package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The product family tree, as in Dynamics 365: a product, bundle or family sits under a product family
 * ({@code parentproductid} names a product whose {@code productstructure} is 2) and a family that has children stays
 * a family. Loops (a family under itself or its own children) are refused by the sales module's hierarchy rule.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "product", stage = Stage.PRE_OPERATION,
        order = 5)
class ProductHierarchyPlugin implements Plugin {

    static final int FAMILY = 2;

    private final SystemView view;

    ProductHierarchyPlugin(SystemView view) {
        this.view = view;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        Entity pre = context.preImage();
        if (target.contains("parentproductid") && target.getReference("parentproductid") != null) {
            parent(context, target.getReference("parentproductid"));
        }
        if (pre != null && target.contains("productstructure")
                && Integer.valueOf(FAMILY).equals(pre.getInteger("productstructure"))
                && !Objects.equals(target.getInteger("productstructure"), FAMILY) && hasChildren(context, pre.id())) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The product family '" + pre.getString("name")
                    + "' has products under it and must stay a product family.", "productstructure");
        }
    }

    private void parent(PluginContext context, EntityReference parentRef) {
        Entity parent = view.find(context, "product", parentRef.id(), "name", "productstructure")
                .orElseThrow(() -> RapportException.notFound("product", parentRef.id()));
        if (!Integer.valueOf(FAMILY).equals(parent.getInteger("productstructure"))) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The parent '" + parent.getString("name")
                    + "' is not a product family; only a product family can hold products, bundles and families.",
                    "parentproductid");
        }
    }

    private boolean hasChildren(PluginContext context, UUID family) {
        return !view.service(context).retrieveMultiple(QueryExpression.from("product").columns(ColumnSet.none())
                .where(Condition.eq("parentproductid", family)).top(1).build()).entities().isEmpty();
    }
}
