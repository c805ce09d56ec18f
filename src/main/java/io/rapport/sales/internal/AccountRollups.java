package io.rapport.sales.internal;

import io.rapport.pipeline.PluginContext;
import io.rapport.query.Aggregate;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.GroupBy;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rollups of an account: active contacts, open opportunities, the estimated revenue of the open ones and
 * the actual revenue of the won ones. Recomputed from scratch with aggregate queries each time something they
 * depend on changes, so they cannot drift; written through an update of the account that
 * {@link AccountRollupPlugin} completes (clients cannot write these attributes).
 */
@Component
public class AccountRollups {

    static final String PENDING = "sales.accountRollups";
    static final String CONTACTS = "numberofcontacts";
    static final String OPEN_DEALS = "opendeals";
    static final String OPEN_REVENUE = "openrevenue";
    static final String WON_REVENUE = "wonrevenue";
    static final String OPEN_QUOTES = "openquotevalue";
    static final String ORDERED = "orderedrevenue";
    static final String INVOICED = "invoicedrevenue";
    static final String INVOICED_THIS_YEAR = "invoicedrevenuethisyear";

    private final SystemReads reads;

    AccountRollups(SystemReads reads) {
        this.reads = reads;
    }

    static Map<String, Object> zero() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(CONTACTS, 0);
        values.put(OPEN_DEALS, 0);
        values.put(OPEN_REVENUE, BigDecimal.ZERO);
        values.put(WON_REVENUE, BigDecimal.ZERO);
        values.put(OPEN_QUOTES, BigDecimal.ZERO);
        values.put(ORDERED, BigDecimal.ZERO);
        values.put(INVOICED, BigDecimal.ZERO);
        values.put(INVOICED_THIS_YEAR, BigDecimal.ZERO);
        return values;
    }

    /** The rollups each kind of record counts in. */
    private static final Map<String, List<String>> BY_SOURCE = Map.of(
            "contact", List.of(CONTACTS),
            "opportunity", List.of(OPEN_DEALS, OPEN_REVENUE, WON_REVENUE),
            "quote", List.of(OPEN_QUOTES),
            "salesorder", List.of(ORDERED),
            "invoice", List.of(INVOICED, INVOICED_THIS_YEAR));

    /**
     * Records of the kind ({@code quote}, {@code salesorder}, {@code invoice}, {@code opportunity}, {@code contact})
     * under the account changed what its rollups count: they are recomputed now, or once at the end of the request's
     * batch ({@link DeferredWork}).
     */
    public void changed(PluginContext context, UUID accountId, String kind) {
        DeferredWork.run(context, DeferredWork.Kind.ACCOUNT, accountId, kind, kinds -> refresh(context, accountId,
                kinds));
    }

    /** Recomputes the account's rollups and writes those that changed. */
    void refresh(PluginContext context, UUID accountId) {
        refresh(context, accountId, BY_SOURCE.keySet());
    }

    /**
     * Recomputes the rollups that records of the given entities (contact, opportunity, quote, salesorder, invoice)
     * count in, and writes those that changed: a quote's new total recomputes the open quote value alone.
     */
    void refresh(PluginContext context, UUID accountId, Set<String> sources) {
        Set<String> names = new LinkedHashSet<>();
        sources.forEach(source -> names.addAll(BY_SOURCE.getOrDefault(source, List.of())));
        if (names.isEmpty()) {
            return;
        }
        var current = reads.find(context, "account", accountId, names.toArray(String[]::new));
        if (current.isEmpty()) {
            return;
        }
        Map<String, Object> values = compute(context, accountId, sources);
        Map<String, Object> changed = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!same(current.get().get(k), v)) {
                changed.put(k, v);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<UUID, Map<String, Object>> pending = (Map<UUID, Map<String, Object>>) context.sharedVariables()
                .computeIfAbsent(PENDING, k -> new HashMap<UUID, Map<String, Object>>());
        pending.put(accountId, changed);
        try {
            reads.service(context).update(new Entity("account", accountId));
        } finally {
            pending.remove(accountId);
        }
    }

    private Map<String, Object> compute(PluginContext context, UUID accountId, Set<String> sources) {
        Map<String, Object> values = new LinkedHashMap<>();
        var service = reads.service(context);
        if (sources.contains("contact")) {
            values.put(CONTACTS, contacts(service, accountId));
        }
        if (sources.contains("opportunity")) {
            opportunities(service, accountId, values);
        }
        // documents: open quotes (draft, active), orders not canceled, paid invoices (in total and created this year)
        if (sources.contains("quote")) {
            values.put(OPEN_QUOTES, sum(service, "quote", accountId, Condition.of("statecode", ConditionOperator.IN,
                    0, 1)));
        }
        if (sources.contains("salesorder")) {
            values.put(ORDERED, sum(service, "salesorder", accountId, Condition.of("statecode",
                    ConditionOperator.IN, 0, 1, 3, 4)));
        }
        if (sources.contains("invoice")) {
            values.put(INVOICED, sum(service, "invoice", accountId, Condition.eq("statecode", 2)));
            values.put(INVOICED_THIS_YEAR, sum(service, "invoice", accountId, Filter.and(Condition.eq("statecode",
                    2), Condition.of("createdon", ConditionOperator.THIS_YEAR))));
        }
        return values;
    }

    private static int contacts(io.rapport.pipeline.OrganizationService service, UUID accountId) {
        var contacts = service.retrieveMultiple(QueryExpression.from("contact")
                .where(Condition.eq("parentcustomerid", accountId)).where(Condition.eq("statecode", 0))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false)).build()).entities();
        return contacts.isEmpty() ? 0 : number(contacts.get(0).get("n")).intValue();
    }

    private static void opportunities(io.rapport.pipeline.OrganizationService service, UUID accountId,
            Map<String, Object> values) {
        values.put(OPEN_DEALS, 0);
        values.put(OPEN_REVENUE, BigDecimal.ZERO);
        values.put(WON_REVENUE, BigDecimal.ZERO);
        var byState = service.retrieveMultiple(QueryExpression.from("opportunity")
                .where(Condition.eq("parentaccountid", accountId))
                .groupBy(new GroupBy(null, "statecode", "state", null))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "estimatedvalue", "estimated", false))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "actualvalue", "actual", false)).build())
                .entities();
        for (Entity row : byState) {
            int state = number(row.get("state")).intValue();
            if (state == 0) {
                values.put(OPEN_DEALS, number(row.get("n")).intValue());
                values.put(OPEN_REVENUE, money(row.get("estimated")));
            } else if (state == 1) {
                values.put(WON_REVENUE, money(row.get("actual")));
            }
        }
    }

    private static BigDecimal sum(io.rapport.pipeline.OrganizationService service, String entity, UUID accountId,
            Filter filter) {
        var rows = service.retrieveMultiple(QueryExpression.from(entity).where(Condition.eq("customerid", accountId))
                .where(filter).aggregate(new Aggregate(Aggregate.Function.SUM, null, "totalamount", "total", false))
                .build()).entities();
        return rows.isEmpty() ? BigDecimal.ZERO : money(rows.get(0).get("total"));
    }

    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }

    private static BigDecimal money(Object value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }

    private static boolean same(Object stored, Object computed) {
        if (stored instanceof BigDecimal a && computed instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return Objects.equals(stored, computed);
    }
}
