package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.sales.internal.transactions.PricingEngine.LineAmounts;
import io.rapport.sales.internal.transactions.PricingEngine.LineInput;
import io.rapport.sales.internal.transactions.PricingEngine.Totals;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A document's totals from its stored lines and its header discount and freight, and their refresh after a line
 * changed: an update of the header as the system user, completed by {@link DocumentHeaderPlugin} (clients cannot
 * write totals). An opportunity whose revenue is system-calculated takes the sum of its products as its estimate.
 */
@Component
class DocumentTotals {

    static final String PENDING = "sales.documentTotals";

    private final SystemView view;
    private final SalesDocumentProperties properties;

    DocumentTotals(SystemView view, SalesDocumentProperties properties) {
        this.view = view;
        this.properties = properties;
    }

    /** The totals of the document whose header (stored values with pending changes) is given. */
    Map<String, Object> compute(PluginContext context, DocumentKind kind, Entity header, UUID id) {
        int precision = Documents.precision(context, view, header);
        List<LineAmounts> lines = view.lines(context, kind, id).stream().map(l -> PricingEngine.line(new LineInput(
                l.getDecimal("quantity"), l.getDecimal("priceperunit"), l.getDecimal("volumediscountamount"),
                l.getDecimal("manualdiscountamount"), l.getDecimal("tax")), properties.discountCalculation(),
                precision)).toList();
        Map<String, Object> values = new LinkedHashMap<>();
        if (kind == DocumentKind.OPPORTUNITY) {
            BigDecimal sum = lines.stream().map(LineAmounts::extendedAmount).reduce(PricingEngine.money(
                    BigDecimal.ZERO, precision), BigDecimal::add);
            values.put("totalamount", sum);
            if (Boolean.TRUE.equals(header.getBoolean("isrevenuesystemcalculated"))) {
                values.put("estimatedvalue", sum);
            }
            return values;
        }
        Totals t = PricingEngine.totals(lines, header.getDecimal("discountpercentage"),
                header.getDecimal("discountamount"), header.getDecimal("freightamount"), precision);
        values.put("totallineitemamount", t.detailAmount());
        values.put("totallineitemdiscountamount", t.lineDiscounts());
        values.put("totaldiscountamount", t.totalDiscount());
        values.put("totalamountlessfreight", t.amountLessFreight());
        values.put("totaltax", t.totalTax());
        values.put("totalamount", t.totalAmount());
        // their _base companions: BaseAmountsPlugin
        return values;
    }

    /** Recomputes the stored document's totals and writes them through an update of its header. */
    void refresh(PluginContext context, DocumentKind kind, UUID id) {
        var header = view.find(context, kind.entity, id, kind == DocumentKind.OPPORTUNITY
                ? new String[] {"transactioncurrencyid", "isrevenuesystemcalculated"}
                : new String[] {"transactioncurrencyid", "exchangerate", "discountpercentage", "discountamount",
                    "freightamount"});
        if (header.isEmpty()) {
            return;
        }
        write(context, kind, id, compute(context, kind, header.get(), id));
    }

    /**
     * Writes values clients may not write (totals, the pricing lock) through an update of the header as the system
     * user, which {@link DocumentHeaderPlugin} completes with them.
     */
    void write(PluginContext context, DocumentKind kind, UUID id, Map<String, Object> values) {
        @SuppressWarnings("unchecked")
        Map<UUID, Map<String, Object>> pending = (Map<UUID, Map<String, Object>>) context.sharedVariables()
                .computeIfAbsent(PENDING, k -> new HashMap<UUID, Map<String, Object>>());
        pending.put(id, values);
        try {
            view.service(context).update(new Entity(kind.entity, id));
        } finally {
            pending.remove(id);
        }
    }

    /** The totals waiting for the header update of the document, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> pending(PluginContext context, UUID id) {
        return context.sharedVariables().get(PENDING) instanceof Map<?, ?> pending
                ? (Map<String, Object>) pending.get(id) : null;
    }
}
