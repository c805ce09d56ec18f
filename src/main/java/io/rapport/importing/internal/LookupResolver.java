package io.rapport.importing.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the record a lookup cell names: by id, by an alternate key attribute, or by primary name (for users also
 * by user name); creates a missing one by name when the import allows it. Answers are cached for the job (bounded).
 */
final class LookupResolver {

    private static final int CACHE = 10_000;

    private final OrganizationService org;
    private final MetadataSnapshot snapshot;
    private final boolean createMissing;
    private final java.util.List<String> createdThisRow = new java.util.ArrayList<>();
    private final Map<String, EntityReference> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EntityReference> eldest) {
            return size() > CACHE;
        }
    };

    LookupResolver(OrganizationService org, MetadataSnapshot snapshot, boolean createMissing) {
        this.org = org;
        this.snapshot = snapshot;
        this.createMissing = createMissing;
    }

    EntityReference resolve(AttributeMetadata a, String text, String lookupBy) throws ValueParser.BadValue {
        String key = a.logicalName() + "|" + lookupBy + "|" + text;
        EntityReference cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        int before = createdThisRow.size();
        EntityReference found = find(a, text.trim(), lookupBy);
        cache.put(key, found);
        if (createdThisRow.size() > before) {
            createdThisRow.set(createdThisRow.size() - 1, key);
        }
        return found;
    }

    /** The row is written: records created for it stay. */
    void rowCommitted() {
        createdThisRow.clear();
    }

    /** The row was rolled back, and with it the records created for it: forget them. */
    void rowRolledBack() {
        createdThisRow.forEach(cache::remove);
        createdThisRow.clear();
    }

    private EntityReference find(AttributeMetadata a, String text, String lookupBy) throws ValueParser.BadValue {
        UUID id = parseId(text);
        for (String target : a.targets()) {
            EntityMetadata e = snapshot.entity(target);
            if (id != null && (lookupBy == null || lookupBy.equals("id"))) {
                if (!match(e, e.primaryIdAttribute(), id).isEmpty()) {
                    return new EntityReference(target, id);
                }
                continue;
            }
            String attribute = lookupBy == null || lookupBy.equals("name") ? e.primaryNameAttribute() : lookupBy;
            if (!e.hasAttribute(attribute)) {
                continue;
            }
            List<Entity> matches = match(e, attribute, text);
            if (matches.isEmpty() && target.equals("systemuser")) {
                matches = match(e, "domainname", text);
            }
            if (matches.size() > 1) {
                throw new ValueParser.BadValue("'" + text + "' matches several " + e.displayCollectionName().get("en")
                        + " records");
            }
            if (matches.size() == 1) {
                return new EntityReference(target, matches.get(0).id());
            }
        }
        String first = a.targets().get(0);
        if (createMissing && id == null && !first.equals("systemuser") && !first.equals("team")) {
            EntityMetadata e = snapshot.entity(first);
            UUID created = org.create(new Entity(first).set(e.primaryNameAttribute(), text));
            createdThisRow.add(null);
            return new EntityReference(first, created);
        }
        throw new ValueParser.BadValue("no " + String.join(" or ", a.targets()) + " record matches '" + text + "'");
    }

    private List<Entity> match(EntityMetadata e, String attribute, Object value) {
        return org.retrieveMultiple(QueryExpression.from(e.logicalName()).columns(ColumnSet.none())
                .where(Condition.eq(attribute, value)).top(2).build()).entities();
    }

    private static UUID parseId(String text) {
        String s = text.replace("{", "").replace("}", "");
        if (s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
