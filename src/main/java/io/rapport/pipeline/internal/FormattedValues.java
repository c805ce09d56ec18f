package io.rapport.pipeline.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.ValueFormatter;
import io.rapport.pipeline.Caller;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Fills the formatted values of read records, as Dataverse's FormattedValues, through the one
 * {@link ValueFormatter}: in the caller's language and time zone, money in the record's currency (its
 * {@code transactioncurrencyid}, else the organization's base currency, the first one created at set-up); a money
 * attribute's base-currency companion ({@code <name>_base}) in the base currency.
 */
@Component
class FormattedValues {

    private static final String CURRENCY = "transactioncurrency";
    private static final Duration CURRENCIES_FRESH = Duration.ofSeconds(60);
    private static final int MAX_CURRENCIES = 200;

    /** The organization's currency codes, read again when stale or when a record names an unknown currency. */
    private record Currencies(Map<UUID, String> codes, String base, Instant readAt) {
    }

    private final ValueFormatter formatter;
    private final RecordStore store;
    private volatile Currencies currencies;

    FormattedValues(ValueFormatter formatter, RecordStore store) {
        this.formatter = formatter;
        this.store = store;
    }

    void apply(Execution x, QueryExpression q, List<Entity> entities) {
        if (q.isAggregate()) {
            return;
        }
        MetadataSnapshot s = x.snapshot();
        Map<String, EntityMetadata> aliases = new HashMap<>();
        collect(s, q.links(), aliases);
        EntityMetadata root = s.entity(q.entityName());
        Caller caller = x.caller();
        for (Entity entity : entities) {
            ValueFormatter.Context context = null;
            ValueFormatter.Context base = null;
            for (Map.Entry<String, Object> en : entity.attributes().entrySet()) {
                String key = en.getKey();
                int dot = key.indexOf('.');
                EntityMetadata e = dot < 0 ? root : aliases.get(key.substring(0, dot));
                AttributeMetadata a = e == null || en.getValue() == null ? null
                        : e.findAttribute(dot < 0 ? key : key.substring(dot + 1)).orElse(null);
                if (a == null) {
                    continue;
                }
                if (context == null) {
                    context = new ValueFormatter.Context(caller.locale(), caller.zone(), currencyOf(x, entity));
                }
                ValueFormatter.Context used = context;
                if (a.type() == AttributeType.MONEY && a.logicalName().endsWith("_base")) {
                    if (base == null) {
                        base = new ValueFormatter.Context(caller.locale(), caller.zone(), baseCurrency(x));
                    }
                    used = base;
                }
                String text = formatter.format(a, en.getValue(), used);
                if (text != null) {
                    entity.formattedValues().put(key, text);
                }
            }
        }
    }

    private String currencyOf(Execution x, Entity entity) {
        if (x.snapshot().findEntity(CURRENCY).isEmpty()) {
            return null;
        }
        Object ref = entity.get("transactioncurrencyid");
        UUID id = ref instanceof EntityReference r ? r.id() : null;
        Currencies c = currencies;
        if (c == null || c.readAt().plus(CURRENCIES_FRESH).isBefore(Instant.now())
                || id != null && !c.codes().containsKey(id)) {
            c = read(x);
            currencies = c;
        }
        return id != null && c.codes().containsKey(id) ? c.codes().get(id) : c.base();
    }

    private String baseCurrency(Execution x) {
        if (x.snapshot().findEntity(CURRENCY).isEmpty()) {
            return null;
        }
        Currencies c = currencies;
        if (c == null || c.readAt().plus(CURRENCIES_FRESH).isBefore(Instant.now())) {
            c = read(x);
            currencies = c;
        }
        return c.base();
    }

    private Currencies read(Execution x) {
        Map<UUID, String> codes = new HashMap<>();
        String base = null;
        QueryExpression q = QueryExpression.from(CURRENCY).select("isocurrencycode").orderBy(Order.asc("createdon"))
                .top(MAX_CURRENCIES).build();
        for (Entity c : store.retrieveMultiple(x.snapshot(), q, x.systemQueryContext()).entities()) {
            String code = c.getString("isocurrencycode");
            if (code != null) {
                codes.put(c.id(), code);
                base = base == null ? code : base;
            }
        }
        return new Currencies(codes, base, Instant.now());
    }

    private static void collect(MetadataSnapshot s, List<LinkEntity> links, Map<String, EntityMetadata> aliases) {
        for (LinkEntity l : links) {
            if (l.alias() != null) {
                aliases.put(l.alias(), s.entity(l.entityName()));
            }
            collect(s, l.links(), aliases);
        }
    }
}
