package io.rapport.webapi.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.webapi.internal.csdl.EdmTypes;
import io.rapport.webapi.internal.query.Navigation;
import io.rapport.webapi.internal.routing.EntityUrls;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a JSON record into an {@link Entity}: typed values checked against the attribute's Edm type, lookups set
 * with {@code <navigation>@odata.bind}, and related records given inline (deep insert). Unknown properties and
 * wrong types fail with a precise 400 before anything is written.
 */
public final class RecordReader {

    /** A record read from JSON, with the related records to create or link with it. */
    public record Parsed(Entity entity, Map<Navigation, ObjectNode> singleInserts, Map<Navigation, List<ObjectNode>> collectionInserts,
            Map<Navigation, List<EntityReference>> collectionBinds) {
    }

    private final MetadataSnapshot snapshot;
    private final Map<String, String> contentIds;
    /**
     * The navigation property, or none, of each property name this reader met on an entity: a bulk message's
     * thousand targets name the same few properties, each found by a scan of the entity's relationships.
     */
    private final Map<String, Optional<Navigation>> navigations = new java.util.HashMap<>();

    public RecordReader(MetadataSnapshot snapshot, Map<String, String> contentIds) {
        this.snapshot = snapshot;
        this.contentIds = contentIds;
    }

    public Parsed read(EntityMetadata e, ObjectNode json) {
        Entity entity = new Entity(e.logicalName());
        Map<Navigation, ObjectNode> singles = new LinkedHashMap<>();
        Map<Navigation, List<ObjectNode>> collections = new LinkedHashMap<>();
        Map<Navigation, List<EntityReference>> binds = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith("@odata.") || name.contains("@OData.Community") || name.contains("@Microsoft.Dynamics")) {
                continue;
            }
            if (name.endsWith("@odata.bind")) {
                bind(e, entity, binds, name.substring(0, name.length() - "@odata.bind".length()), value);
                continue;
            }
            var nav = navigations.computeIfAbsent(e.logicalName() + '\u0000' + name,
                    k -> Navigation.find(snapshot, e, name));
            if (nav.isPresent()) {
                deepInsert(nav.get(), value, singles, collections);
                continue;
            }
            AttributeMetadata a = e.findAttribute(name).orElseThrow(() -> invalidProperty(e, name));
            if (a.type().isLookup()) {
                throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The lookup '" + name + "' of " + e.logicalName()
                        + " is set with '<navigation property>@odata.bind', e.g. \"" + navigationHint(e, a)
                        + "@odata.bind\": \"/" + snapshot.entity(a.targets().get(0)).entitySetName() + "(<id>)\".");
            }
            entity.set(name, value(e, a, value));
        }
        return new Parsed(entity, singles, collections, binds);
    }

    private String navigationHint(EntityMetadata e, AttributeMetadata a) {
        return snapshot.lookupRelationship(e.logicalName(), a.logicalName(), a.targets().get(0))
                .map(r -> r.referencingNavigationProperty()).orElse(a.logicalName());
    }

    private void bind(EntityMetadata e, Entity entity, Map<Navigation, List<EntityReference>> binds, String property,
            JsonNode value) {
        Navigation nav = Navigation.find(snapshot, e, property).orElseThrow(() -> new RapportException(
                ErrorCode.INVALID_PAYLOAD, "An undeclared property '" + property + "' which only has property "
                + "annotations in the payload but no property value was found in the payload. In OData, only declared "
                + "navigation properties and declared named streams can be represented as properties without values."));
        if (!nav.isCollection()) {
            if (value.isNull()) {
                entity.set(nav.lookupAttribute(), null);
                return;
            }
            if (!value.isTextual()) {
                throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The value of '" + property
                        + "@odata.bind' must be an entity URL such as \"/" + nav.target().entitySetName() + "(<id>)\".");
            }
            EntityReference ref = EntityUrls.parse(value.asText(), snapshot, contentIds);
            // the owner (ownerid) may be bound to a user or a team
            if (nav.principals(snapshot).stream().noneMatch(n -> n.target().logicalName().equals(ref.logicalName()))) {
                throw new RapportException(ErrorCode.INVALID_LOOKUP_TYPE, "The navigation property '" + property
                        + "' refers to " + nav.target().logicalName() + " records, not " + ref.logicalName() + ".");
            }
            entity.set(nav.lookupAttribute(), ref);
            return;
        }
        if (!value.isArray()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The value of '" + property
                    + "@odata.bind' must be an array of entity URLs.");
        }
        List<EntityReference> refs = new ArrayList<>();
        for (JsonNode url : value) {
            refs.add(EntityUrls.parse(url.asText(), snapshot, contentIds));
        }
        binds.put(nav, refs);
    }

    private static void deepInsert(Navigation nav, JsonNode value, Map<Navigation, ObjectNode> singles,
            Map<Navigation, List<ObjectNode>> collections) {
        if (!nav.isCollection() && value instanceof ObjectNode o) {
            singles.put(nav, o);
        } else if (nav.isCollection() && value.isArray()) {
            List<ObjectNode> list = new ArrayList<>();
            for (JsonNode n : value) {
                if (!(n instanceof ObjectNode o)) {
                    throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The related records in '" + nav.name()
                            + "' must be JSON objects.");
                }
                list.add(o);
            }
            collections.put(nav, list);
        } else if (!nav.isCollection()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The navigation property '" + nav.name()
                    + "' takes a record for a deep insert; to set the lookup, use \"" + nav.name()
                    + "@odata.bind\": \"/" + nav.target().entitySetName() + "(<id>)\".");
        } else {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The navigation property '" + nav.name()
                    + "' takes an array of records for a deep insert.");
        }
    }

    static RapportException invalidProperty(EntityMetadata e, String name) {
        return new RapportException(ErrorCode.INVALID_PAYLOAD, "Invalid property '" + name + "' was found in entity '"
                + "Microsoft.Dynamics.CRM." + e.logicalName() + "'.", name);
    }

    /** Converts a JSON value to the Java value of the attribute's type. */
    public static Object value(EntityMetadata e, AttributeMetadata a, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return a.type().readJson(a, v);
        } catch (InvalidValueException ex) {
            throw wrongType(e, a, v, EdmTypes.of(a));
        }
    }

    private static RapportException wrongType(EntityMetadata e, AttributeMetadata a, JsonNode v, String edm) {
        return new RapportException(ErrorCode.INVALID_TYPE, "Cannot convert the literal '"
                + RapportException.quote(v.toString()) + "' to the expected type '" + edm + "' of property '"
                + a.logicalName() + "' of '"
                + e.logicalName() + "'.", a.logicalName());
    }
}
