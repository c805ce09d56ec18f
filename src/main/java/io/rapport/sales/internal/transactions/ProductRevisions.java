package io.rapport.sales.internal.transactions;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Component;

/**
 * The published values of products under revision ({@code sys_product_revision}), so that RevertProduct can give a
 * product back the values it had when it was last published, as Dynamics 365 does.
 */
@Component
class ProductRevisions {

    /** What a product's revision may change and RevertProduct restores; CloneProduct copies the same. */
    static final List<String> REVISABLE = List.of("productstructure", "parentproductid", "defaultuomscheduleid",
            "defaultuomid", "pricelevelid", "quantitydecimal", "price", "standardcost", "currentcost",
            "transactioncurrencyid", "description");
    private static final List<String> RESTORED = List.of("name", "productnumber");

    private static final Table<Record> REVISION = table(name("sys_product_revision"));
    private static final Field<UUID> PRODUCT = field(name("productid"), UUID.class);
    private static final Field<String> VALUES = field(name("published_values"), String.class);

    private final DSLContext dsl;
    private final ObjectMapper json = new ObjectMapper();

    ProductRevisions(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Keeps the values of the published product (its image before the revision starts). */
    void keep(Entity published) {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (String a : attributes()) {
            Object v = published.get(a);
            values.put(a, v == null ? Map.of() : v instanceof EntityReference r
                    ? Map.of("ref", r.logicalName(), "id", r.id().toString())
                    : Map.of(v.getClass().getSimpleName(), v.toString()));
        }
        String text;
        try {
            text = json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Product values cannot be written", e);
        }
        drop(published.id());
        dsl.insertInto(REVISION).set(PRODUCT, published.id()).set(VALUES, text).execute();
    }

    /** The published values of the product, as an update would write them; empty when none were kept. */
    Optional<Entity> published(UUID product) {
        String text = dsl.select(VALUES).from(REVISION).where(PRODUCT.eq(product)).fetchOne(VALUES);
        if (text == null) {
            return Optional.empty();
        }
        Map<String, Map<String, String>> values;
        try {
            values = json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Kept product values cannot be read", e);
        }
        Entity entity = new Entity("product", product);
        values.forEach((a, v) -> entity.set(a, value(v)));
        return Optional.of(entity);
    }

    void drop(UUID product) {
        dsl.deleteFrom(REVISION).where(PRODUCT.eq(product)).execute();
    }

    private static List<String> attributes() {
        List<String> all = new java.util.ArrayList<>(RESTORED);
        all.addAll(REVISABLE);
        return all;
    }

    private static Object value(Map<String, String> v) {
        if (v.isEmpty()) {
            return null;
        }
        if (v.containsKey("ref")) {
            return new EntityReference(v.get("ref"), UUID.fromString(v.get("id")));
        }
        Map.Entry<String, String> e = v.entrySet().iterator().next();
        return switch (e.getKey()) {
            case "Integer" -> Integer.valueOf(e.getValue());
            case "BigDecimal" -> new BigDecimal(e.getValue());
            case "Boolean" -> Boolean.valueOf(e.getValue());
            default -> e.getValue();
        };
    }
}
