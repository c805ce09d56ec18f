package io.rapport.web.internal.support;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The ISO codes of the organization's currencies, for showing money; {@link CurrencyCodes} caches them. */
public final class Currencies {

    private static final int MAX_CURRENCIES = 200;

    private final Map<UUID, String> codes = new HashMap<>();
    private final String base;

    private Currencies(OrganizationService service) {
        String first = null;
        for (Entity c : service.retrieveMultiple(QueryExpression.from("transactioncurrency")
                .select("isocurrencycode").orderBy(Order.asc("createdon")).top(MAX_CURRENCIES).build()).entities()) {
            codes.put(c.id(), c.getString("isocurrencycode"));
            first = first == null ? c.getString("isocurrencycode") : first;
        }
        this.base = first;
    }

    static Currencies load(OrganizationService service) {
        return new Currencies(service);
    }

    /** The code of the record's currency, or the base currency when it has none. */
    public String codeOf(Entity record) {
        Object ref = record.get("transactioncurrencyid");
        if (ref instanceof EntityReference r && codes.containsKey(r.id())) {
            return codes.get(r.id());
        }
        return base;
    }

    public String base() {
        return base;
    }
}
