package io.rapport.webapi.internal.json;

import io.rapport.webapi.internal.query.Navigation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.routing.Preferences;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes records as Dataverse writes them: {@code @odata.etag}, lookups as {@code _x_value} with their
 * annotations, option sets as numbers, multi-select choices as {@code "1,2"}, dates as ISO text, and formatted
 * values when the Prefer header asks for them.
 */
public final class RecordWriter {

    public static final String FORMATTED = "OData.Community.Display.V1.FormattedValue";
    static final String LOOKUP_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";
    static final String NAVIGATION = "Microsoft.Dynamics.CRM.associatednavigationproperty";
    static final String ATTRIBUTE_NAME = "OData.Community.Display.V1.AttributeName";

    private final MetadataSnapshot snapshot;
    private final Preferences prefs;

    public RecordWriter(MetadataSnapshot snapshot, Preferences prefs) {
        this.snapshot = snapshot;
        this.prefs = prefs;
    }

    /** A record with what $expand added: navigation property → record, list of records, or null. */
    public record Row(Entity entity, Map<String, Object> expanded) {
        public Row(Entity entity) {
            this(entity, new java.util.LinkedHashMap<>());
        }
    }

    public ObjectNode write(EntityMetadata e, Row row, boolean includeVersion) {
        ObjectNode out = Json.object();
        Entity entity = row.entity();
        Object version = entity.get("versionnumber");
        if (version != null) {
            out.put("@odata.etag", "W/\"" + version + "\"");
        }
        for (Map.Entry<String, Object> en : entity.attributes().entrySet()) {
            String key = en.getKey();
            if (key.equals("versionnumber") && !includeVersion) {
                continue;
            }
            AttributeMetadata a = key.contains(".") ? null : e.findAttribute(key).orElse(null);
            String formatted = entity.formattedValues().get(key);
            if (a != null && a.type().isLookup()) {
                writeLookup(out, e, a, "_" + key + "_value", (EntityReference) en.getValue(), formatted);
                if (key.equals("ownerid") && a.type().oneNavigationForAllTargets()) {
                    owning(out, e, (EntityReference) en.getValue(), formatted);
                }
            } else if (key.contains(".")) {
                // a linked entity's column: Dataverse encodes the dot of alias.attribute as _x002e_
                String name = key.replace(".", "_x002e_");
                Object value = en.getValue();
                put(out, name, value);
                annotate(out, name, FORMATTED, formatted != null ? formatted
                        : value instanceof EntityReference ref ? ref.name() : null);
                annotate(out, name, ATTRIBUTE_NAME, key.substring(key.indexOf('.') + 1));
                if (value instanceof EntityReference ref) {
                    annotate(out, name, LOOKUP_NAME, ref.logicalName());
                }
            } else if (en.getValue() instanceof EntityReference ref) {
                writeLookup(out, null, null, key, ref, formatted);
            } else {
                if (a != null && en.getValue() != null) {
                    out.set(key, a.type().writeJson(en.getValue()));
                } else {
                    put(out, key, en.getValue());
                }
                annotate(out, key, FORMATTED, formatted);
            }
        }
        if (entity.id() != null && !out.has(e.primaryIdAttribute())) {
            out.put(e.primaryIdAttribute(), entity.id().toString());
        }
        for (Map.Entry<String, Object> en : row.expanded().entrySet()) {
            writeExpanded(out, e, en.getKey(), en.getValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private void writeExpanded(ObjectNode out, EntityMetadata parent, String navigation, Object value) {
        if (value == null) {
            out.putNull(navigation);
        } else if (value instanceof Row r) {
            ObjectNode child = write(snapshot.entity(r.entity().logicalName()), r, false);
            boolean principal = Navigation.find(snapshot, parent, navigation)
                    .map(n -> n.principals(snapshot).size() > 1).orElse(false);
            if (principal) {
                // Dataverse's principal: the owner's own type, and its id as ownerid
                ObjectNode typed = Json.object();
                typed.put("@odata.type", "#Microsoft.Dynamics.CRM." + r.entity().logicalName());
                typed.setAll(child);
                typed.put("ownerid", r.entity().id().toString());
                child = typed;
            }
            out.set(navigation, child);
        } else {
            ArrayNode array = out.putArray(navigation);
            for (Row r : (List<Row>) value) {
                array.add(write(snapshot.entity(r.entity().logicalName()), r, false));
            }
        }
    }

    /**
     * Dataverse's {@code _owninguser_value} and {@code _owningteam_value} of an owned record: the owner's id under the
     * one that names its kind, null under the other.
     */
    private void owning(ObjectNode out, EntityMetadata e, EntityReference owner, String formatted) {
        io.rapport.webapi.internal.query.Navigation.owningProperties().forEach((name, target) -> {
            if (e.findAttribute(name).isPresent()) {
                return;
            }
            String key = "_" + name + "_value";
            if (owner == null || !owner.logicalName().equals(target)) {
                out.putNull(key);
                return;
            }
            out.put(key, owner.id().toString());
            annotate(out, key, FORMATTED, formatted != null ? formatted : owner.name());
            annotate(out, key, NAVIGATION, name);
            annotate(out, key, LOOKUP_NAME, owner.logicalName());
        });
    }

    private void writeLookup(ObjectNode out, EntityMetadata e, AttributeMetadata a, String key, EntityReference ref,
            String formatted) {
        if (ref == null) {
            out.putNull(key);
            return;
        }
        out.put(key, ref.id().toString());
        annotate(out, key, FORMATTED, formatted != null ? formatted : ref.name());
        if (e != null) {
            snapshot.lookupRelationship(e.logicalName(), a.logicalName(), ref.logicalName())
                    .ifPresent(r -> annotate(out, key, NAVIGATION, r.referencingNavigationProperty()));
        }
        annotate(out, key, LOOKUP_NAME, ref.logicalName());
    }

    private void annotate(ObjectNode out, String key, String term, String value) {
        if (value != null && prefs.wantsAnnotation(term)) {
            out.put(key + "@" + term, value);
        }
    }

    public static void put(ObjectNode out, String key, Object v) {
        if (v == null) {
            out.putNull(key);
        } else if (v instanceof String s) {
            out.put(key, s);
        } else if (v instanceof Integer i) {
            out.put(key, i);
        } else if (v instanceof Long l) {
            out.put(key, l);
        } else if (v instanceof BigDecimal b) {
            out.put(key, b);
        } else if (v instanceof Double d) {
            out.put(key, d);
        } else if (v instanceof Boolean b) {
            out.put(key, b);
        } else if (v instanceof int[] values) {
            out.put(key, Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        } else if (v instanceof EntityReference r) {
            out.put(key, r.id().toString());
        } else if (v instanceof Instant || v instanceof LocalDate || v instanceof UUID) {
            out.put(key, v.toString());
        } else if (v instanceof Number n) {
            out.put(key, new BigDecimal(n.toString()));
        } else {
            out.put(key, v.toString());
        }
    }
}
