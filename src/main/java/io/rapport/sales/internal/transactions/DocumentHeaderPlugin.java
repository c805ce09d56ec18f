package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Quote, order and invoice headers: a new one gets its number (from the database sequence), the currency of its price
 * list and that currency's exchange rate, and zero totals; a change is refused once the document is won, closed or
 * its prices locked (state changes stay allowed: they are the lifecycle messages' own); a change of discount or
 * freight recomputes the totals; the totals a line change computed are written here. Opportunities only take their
 * recomputed product totals here.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "quote", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "salesorder", stage = Stage.PRE_OPERATION,
        order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "invoice", stage = Stage.PRE_OPERATION,
        order = 10)
@PluginStep(messages = Messages.UPDATE, entity = "opportunity", stage = Stage.PRE_OPERATION, order = 5)
class DocumentHeaderPlugin implements Plugin {

    private static final Set<String> STATE = Set.of("statecode", "statuscode");
    private static final Set<String> PRICING = Set.of("pricelevelid", "transactioncurrencyid", "discountpercentage",
            "discountamount", "freightamount");
    private static final Set<String> TOTAL_INPUTS = Set.of("discountpercentage", "discountamount", "freightamount");
    /** Set by the lifecycle messages of this module (lock and unlock pricing, conversions) on their own updates. */
    static final String SYSTEM_CHANGE = "sales.documentSystemChange";
    /** The revision number ReviseQuote gives the quote it creates. */
    static final String REVISION = "sales.quoteRevision";

    private final SystemView view;
    private final DocumentNumbers numbers;
    private final DocumentTotals totals;

    DocumentHeaderPlugin(SystemView view, DocumentNumbers numbers, DocumentTotals totals) {
        this.view = view;
        this.numbers = numbers;
        this.totals = totals;
    }

    @Override
    public void execute(PluginContext context) {
        DocumentKind kind = DocumentKind.ofEntity(context.entityName()).orElseThrow();
        Entity target = context.target();
        Map<String, Object> pending = target.id() == null ? null : DocumentTotals.pending(context, target.id());
        if (pending != null) {
            pending.forEach(target::set);
            return;
        }
        if (kind == DocumentKind.OPPORTUNITY) {
            return;
        }
        if (Messages.CREATE.equals(context.messageName())) {
            create(context, kind, target);
            return;
        }
        if (Boolean.TRUE.equals(context.sharedVariables().get(SYSTEM_CHANGE))
                || target.attributes().keySet().stream().allMatch(STATE::contains)) {
            return;
        }
        Entity pre = context.preImage();
        boolean pricing = target.attributes().keySet().stream().anyMatch(PRICING::contains);
        Documents.requireEditable(context, kind, pre, pricing);
        Entity merged = pre.copy();
        target.attributes().forEach(merged::set);
        if (target.contains("pricelevelid") || target.contains("transactioncurrencyid")) {
            currency(context, kind, merged, target);
            merged.set("exchangerate", target.get("exchangerate"));
        }
        if (target.attributes().keySet().stream().anyMatch(TOTAL_INPUTS::contains)) {
            totals.compute(context, kind, merged, target.id()).forEach(target::set);
        }
    }

    private void create(PluginContext context, DocumentKind kind, Entity target) {
        if (target.get(kind.numberAttribute) == null) {
            target.set(kind.numberAttribute, numbers.next(context, kind));
        }
        if (kind == DocumentKind.QUOTE) {
            target.set("revisionnumber", context.sharedVariables().get(REVISION) instanceof Integer revision
                    ? revision : 0);
        }
        currency(context, kind, target, target);
        for (String total : new String[] {"totallineitemamount", "totallineitemdiscountamount", "totaldiscountamount",
            "totalamountlessfreight", "totaltax", "totalamount"}) {
            target.set(total, BigDecimal.ZERO);
        }
        if (target.get("discountpercentage") != null || target.get("discountamount") != null
                || target.get("freightamount") != null) {
            BigDecimal freight = PricingEngine.nz(target.getDecimal("freightamount"));
            BigDecimal discount = PricingEngine.nz(target.getDecimal("discountamount"));
            target.set("totaldiscountamount", discount);
            target.set("totalamountlessfreight", discount.negate());
            target.set("totalamount", freight.subtract(discount));
        }
    }

    /** The document's currency is its price list's; a different one given is refused. Sets the exchange rate. */
    private void currency(PluginContext context, DocumentKind kind, Entity merged, Entity target) {
        EntityReference priceList = merged.getReference("pricelevelid");
        EntityReference currency = merged.getReference("transactioncurrencyid");
        if (priceList != null) {
            Entity list = view.find(context, "pricelevel", priceList.id(), "name", "transactioncurrencyid", "statecode")
                    .orElseThrow(() -> RapportException.notFound("pricelevel", priceList.id()));
            EntityReference listCurrency = list.getReference("transactioncurrencyid");
            if (currency != null && listCurrency != null && !currency.id().equals(listCurrency.id())) {
                throw new RapportException(ErrorCode.BUSINESS_RULE, "The price list '" + list.getString("name")
                        + "' is in another currency than the " + kind.entity + "; choose a price list in the "
                        + kind.entity + "'s currency or change the currency with it.", "pricelevelid");
            }
            currency = listCurrency;
            if (currency != null) {
                target.set("transactioncurrencyid", new EntityReference("transactioncurrency", currency.id()));
            }
        }
        if (currency != null) {
            EntityReference c = currency;
            BigDecimal rate = view.find(context, "transactioncurrency", c.id(), "exchangerate")
                    .map(r -> r.getDecimal("exchangerate")).orElse(BigDecimal.ONE);
            target.set("exchangerate", rate);
        }
    }
}
