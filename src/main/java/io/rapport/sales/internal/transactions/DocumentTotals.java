package io.rapport.sales.internal.transactions;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.DerivedValues;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.Aggregate;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.AccountRollups;
import io.rapport.sales.internal.transactions.PricingEngine.LineAmounts;
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
 * changed: a quote's, order's or invoice's as derived values (one UPDATE, no nested message), an opportunity's through
 * an update of the header as the system user, completed by {@link DocumentHeaderPlugin} (clients cannot write totals).
 * An opportunity whose revenue is system-calculated takes the sum of its products as its estimate.
 */
@Component
class DocumentTotals {

    static final String PENDING = "sales.documentTotals";

    private final SystemView view;
    private final DerivedValues derived;
    private final AccountRollups rollups;

    DocumentTotals(SystemView view, DerivedValues derived, AccountRollups rollups) {
        this.view = view;
        this.derived = derived;
        this.rollups = rollups;
    }

    /**
     * The totals of the document whose header (stored values with pending changes) is given, from one aggregate over
     * its stored lines: each line keeps its amount ({@code baseamount}), its extended amount (amount − manual
     * discount + tax) and its tax rounded to the currency ({@link LinePricing}), so Σ (amount − manual discount) =
     * Σ extended − Σ tax and the line discounts are Σ amount − that; no line is read (a line write costs the same
     * statements on a 2-line and a 200-line document).
     */
    Map<String, Object> compute(PluginContext context, DocumentKind kind, Entity header, UUID id) {
        int precision = Documents.precision(context, view, header);
        Entity sums = view.service(context).retrieveMultiple(QueryExpression.from(kind.lineEntity)
                .where(Condition.eq(kind.parentAttribute, id))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "baseamount", "amount", false))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "extendedamount", "extended", false))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "tax", "tax", false)).build())
                .entities().stream().findFirst().orElse(new Entity(kind.lineEntity));
        BigDecimal amount = sum(sums, "amount", precision);
        BigDecimal extended = sum(sums, "extended", precision);
        BigDecimal tax = sum(sums, "tax", precision);
        Map<String, Object> values = new LinkedHashMap<>();
        if (kind == DocumentKind.OPPORTUNITY) {
            values.put("totalamount", extended);
            if (Boolean.TRUE.equals(header.getBoolean("isrevenuesystemcalculated"))) {
                values.put("estimatedvalue", extended);
            }
            return values;
        }
        BigDecimal detail = extended.subtract(tax);
        Totals t = PricingEngine.totals(List.of(new LineAmounts(amount, amount.subtract(detail), tax, extended)),
                header.getDecimal("discountpercentage"), header.getDecimal("discountamount"),
                header.getDecimal("freightamount"), precision);
        values.put("totallineitemamount", t.detailAmount());
        values.put("totallineitemdiscountamount", t.lineDiscounts());
        values.put("totaldiscountamount", t.totalDiscount());
        values.put("totalamountlessfreight", t.amountLessFreight());
        values.put("totaltax", t.totalTax());
        values.put("totalamount", t.totalAmount());
        // their _base companions: BaseAmountsPlugin
        return values;
    }

    private static BigDecimal sum(Entity sums, String alias, int precision) {
        Object value = sums.get(alias);
        BigDecimal sum = value instanceof BigDecimal d ? d : value instanceof Number n ? new BigDecimal(n.toString())
                : BigDecimal.ZERO;
        return PricingEngine.money(sum, precision);
    }

    /** Recomputes the stored document's totals and writes them through an update of its header. */
    void refresh(PluginContext context, DocumentKind kind, UUID id) {
        refresh(context, kind, id, null);
    }

    /**
     * As {@link #refresh(PluginContext, DocumentKind, UUID)}, with the header already read in this message (with the
     * columns of {@link Documents#header}) or null. A quote's, order's or invoice's totals that changed are written
     * as derived values ({@link DerivedValues}: one UPDATE of those columns and their base amounts, audited once per
     * request) and the customer's rollups follow; an opportunity's through an update of its header.
     */
    void refresh(PluginContext context, DocumentKind kind, UUID id, Entity known) {
        if (kind == DocumentKind.OPPORTUNITY) {
            view.find(context, kind.entity, id, "transactioncurrencyid", "isrevenuesystemcalculated")
                    .ifPresent(header -> write(context, kind, id, compute(context, kind, header, id)));
            return;
        }
        Entity header = known != null ? known : Documents.findHeader(context, view, kind, id).orElse(null);
        if (header == null) {
            return;
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        compute(context, kind, header, id).forEach((k, v) -> {
            if (!(header.get(k) instanceof BigDecimal old && v instanceof BigDecimal now && old.compareTo(now) == 0)) {
                changed.put(k, v);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        EntityMetadata e = context.snapshot().entity(kind.entity);
        BigDecimal rate = header.getDecimal("exchangerate");
        for (String total : List.copyOf(changed.keySet())) {
            if (e.hasAttribute(total + "_base")) {
                changed.put(total + "_base", PricingEngine.base((BigDecimal) changed.get(total), rate,
                        BaseAmountsPlugin.BASE_PRECISION));
            }
        }
        derived.write(context, kind.entity, id, header, changed);
        if (changed.containsKey("totalamount") && header.get("customerid") instanceof EntityReference customer
                && "account".equals(customer.logicalName())) {
            rollups.changed(context, customer.id(), kind.entity);
        }
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
