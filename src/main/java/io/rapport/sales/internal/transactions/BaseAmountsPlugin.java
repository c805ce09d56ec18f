package io.rapport.sales.internal.transactions;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The base-currency companions of a sales record's money attributes, as Dataverse keeps them: every money attribute
 * {@code m} with an attribute {@code m_base} gets {@code m_base = m / exchangerate} whenever {@code m} or the record's
 * exchange rate is written (by the client or by the pricing plugins before this step). Runs last in pre-operation,
 * after {@link DocumentHeaderPlugin} and {@link DocumentLinePlugin} have set prices, totals and the exchange rate.
 * Other records with a currency (accounts, contacts, leads, opportunities, products, price list items, discounts,
 * campaigns, contracts, competitors, marketing lists) take their currency's current rate as {@code exchangerate}
 * whenever the currency or a money value is written, and every base amount with it.
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
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "opportunity", stage = Stage.PRE_OPERATION,
        order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "account", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "contact", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "lead", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "product", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "productpricelevel",
        stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "discount", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "campaign", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "contract", stage = Stage.PRE_OPERATION, order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "competitor", stage = Stage.PRE_OPERATION,
        order = 90)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "list", stage = Stage.PRE_OPERATION, order = 90)
class BaseAmountsPlugin implements Plugin {

    /** Base amounts keep the two decimals of the money attributes that hold them. */
    static final int BASE_PRECISION = 2;
    private static final String SUFFIX = "_base";
    private static final String CURRENCY = "transactioncurrencyid";
    /** Documents and lines take their rate from the price list and document (DocumentHeaderPlugin, LinePricing). */
    private static final Set<String> PRICED = Set.of("quote", "salesorder", "invoice", "quotedetail",
            "salesorderdetail", "invoicedetail", "opportunityproduct");

    private final SystemView view;
    private volatile Money money;

    BaseAmountsPlugin(SystemView view) {
        this.view = view;
    }

    @Override
    public void execute(PluginContext context) {
        var target = context.target();
        EntityMetadata e = context.snapshot().entity(context.entityName());
        List<String> amounts = moneyAttributes(e);
        if (!PRICED.contains(context.entityName()) && (target.contains(CURRENCY) || amounts.stream()
                .anyMatch(name -> target.get(name) != null))) {
            target.set("exchangerate", rate(context));
        }
        boolean rateChanged = target.contains("exchangerate");
        BigDecimal rate = (BigDecimal) context.valueAfter("exchangerate");
        for (String name : amounts) {
            if (!(rateChanged || target.contains(name))) {
                continue;
            }
            target.set(name + SUFFIX, PricingEngine.base((BigDecimal) context.valueAfter(name), rate, BASE_PRECISION));
        }
    }

    /**
     * The money attributes of {@code e} with a base companion, in attribute order; found once per entity's metadata
     * (a bulk message runs this plugin for each of its thousands of records; new metadata is a new instance).
     */
    private List<String> moneyAttributes(EntityMetadata e) {
        Money known = money;
        if (known != null && known.entity() == e) {
            return known.names();
        }
        List<String> names = e.attributes().stream().filter(a -> isMoney(e, a)).map(AttributeMetadata::logicalName)
                .toList();
        money = new Money(e, names);
        return names;
    }

    /** The money attributes of the entity this plugin ran for last. */
    private record Money(EntityMetadata entity, List<String> names) {
    }

    /** A money attribute with a base companion. */
    private static boolean isMoney(EntityMetadata e, AttributeMetadata a) {
        return a.type() == AttributeType.MONEY && !a.logicalName().endsWith(SUFFIX)
                && e.hasAttribute(a.logicalName() + SUFFIX);
    }

    /**
     * The current exchange rate of the record's currency, as Dataverse refreshes it whenever the currency or a money
     * value is written; 1 (the base currency) for a record without a currency.
     */
    private BigDecimal rate(PluginContext context) {
        return context.valueAfter(CURRENCY) instanceof EntityReference currency
                ? view.find(context, "transactioncurrency", currency.id(), "exchangerate")
                        .map(c -> c.getDecimal("exchangerate")).orElse(BigDecimal.ONE)
                : BigDecimal.ONE;
    }
}
