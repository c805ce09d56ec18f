package io.rapport.pipeline.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Records and values as typed JSON, so that an asynchronous step gets back exactly the Java values the message had
 * (a {@code BigDecimal} stays one, a date-only value stays a {@code LocalDate}). Values of other types are left out.
 */
final class EntityJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EntityJson() {
    }

    static JsonNode write(Entity e) {
        if (e == null) {
            return F.nullNode();
        }
        ObjectNode node = F.objectNode().put("n", e.logicalName()).put("id", e.id() == null ? null : e.id().toString());
        node.set("a", values(e.attributes()));
        return node;
    }

    static Entity read(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Entity e = new Entity(node.get("n").asText(), node.hasNonNull("id") ? UUID.fromString(node.get("id").asText())
                : null);
        e.attributes().putAll(values(node.get("a")));
        return e;
    }

    static ObjectNode values(Map<String, Object> values) {
        ObjectNode node = F.objectNode();
        values.forEach((k, v) -> {
            JsonNode value = value(v);
            if (value != null) {
                node.set(k, value);
            }
        });
        return node;
    }

    static Map<String, Object> values(JsonNode node) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            result.put(en.getKey(), value(en.getValue()));
        }
        return result;
    }

    static JsonNode reference(EntityReference r) {
        return r == null ? F.nullNode() : value(r);
    }

    static EntityReference readReference(JsonNode node) {
        return node == null || node.isNull() ? null : (EntityReference) value(node);
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        ObjectNode n = F.objectNode();
        if (v instanceof String s) {
            return n.put("t", "s").put("v", s);
        } else if (v instanceof Integer i) {
            return n.put("t", "i").put("v", i);
        } else if (v instanceof Long l) {
            return n.put("t", "l").put("v", l);
        } else if (v instanceof BigDecimal d) {
            return n.put("t", "d").put("v", d.toPlainString());
        } else if (v instanceof Double d) {
            return n.put("t", "f").put("v", d);
        } else if (v instanceof Boolean b) {
            return n.put("t", "b").put("v", b);
        } else if (v instanceof Instant t) {
            return n.put("t", "t").put("v", t.toString());
        } else if (v instanceof LocalDate d) {
            return n.put("t", "D").put("v", d.toString());
        } else if (v instanceof UUID u) {
            return n.put("t", "u").put("v", u.toString());
        } else if (v instanceof int[] values) {
            n.put("t", "m").putArray("v").addAll(java.util.Arrays.stream(values).mapToObj(F::numberNode).toList());
            return n;
        } else if (v instanceof EntityReference r && !r.isByKey()) {
            return n.put("t", "r").put("n", r.logicalName()).put("v", r.id() == null ? null : r.id().toString())
                    .put("name", r.name());
        }
        return null;
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        JsonNode v = n.get("v");
        return switch (n.get("t").asText()) {
            case "s" -> v.asText();
            case "i" -> v.asInt();
            case "l" -> v.asLong();
            case "d" -> new BigDecimal(v.asText());
            case "f" -> v.asDouble();
            case "b" -> v.asBoolean();
            case "t" -> Instant.parse(v.asText());
            case "D" -> LocalDate.parse(v.asText());
            case "u" -> UUID.fromString(v.asText());
            case "m" -> {
                int[] values = new int[v.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = v.get(i).asInt();
                }
                yield values;
            }
            case "r" -> new EntityReference(n.get("n").asText(), v.isNull() ? null : UUID.fromString(v.asText()),
                    n.hasNonNull("name") ? n.get("name").asText() : null);
            default -> throw new IllegalArgumentException("Unknown value type " + n.get("t"));
        };
    }
}
