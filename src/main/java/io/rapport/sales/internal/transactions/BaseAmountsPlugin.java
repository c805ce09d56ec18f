package io.rapport.sales.internal.transactions;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * The base-currency companions of a sales record's money attributes, as Dataverse keeps them: every money attribute
 * {@code m} with an attribute {@code m_base} gets {@code m_base = m / exchangerate} whenever {@code m} or the record's
 * exchange rate is written (by the client or by the pricing plugins before this step). Runs last in pre-operation,
 * after {@link DocumentHeaderPlugin} and {@link DocumentLinePlugin} have set prices, totals and the exchange rate.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "quote", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "salesorder", stage = Stage.PRE_OPERATION,
        order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "invoice", stage = Stage.PRE_OPERATION,
        order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "quotedetail", stage = Stage.PRE_OPERATION,
        order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "salesorderdetail", stage = Stage.PRE_OPERATION,
        order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "invoicedetail", stage = Stage.PRE_OPERATION,
        order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "opportunityproduct",
        stage = Stage.PRE_OPERATION, order = 90)
class BaseAmountsPlugin implements Plugin {

    /** Base amounts keep the two decimals of the money attributes that hold them. */
    static final int BASE_PRECISION = 2;
    private static final String SUFFIX = "_base";

    @Override
    public void execute(PluginContext context) {
        var target = context.target();
        boolean rateChanged = target.contains("exchangerate");
        BigDecimal rate = (BigDecimal) context.valueAfter("exchangerate");
        EntityMetadata e = context.snapshot().entity(context.entityName());
        for (AttributeMetadata a : e.attributes()) {
            String name = a.logicalName();
            if (a.type() != AttributeType.MONEY || name.endsWith(SUFFIX) || !e.hasAttribute(name + SUFFIX)
                    || !(rateChanged || target.contains(name))) {
                continue;
            }
            target.set(name + SUFFIX, PricingEngine.base((BigDecimal) context.valueAfter(name), rate, BASE_PRECISION));
        }
    }
}
