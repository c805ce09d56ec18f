package io.rapport.activity.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.CompanionRecords;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the {@code activitypointer} row of an activity holds: the same id, the activity's type and the attributes
 * both entities have (not the platform's, not the type-specific status reason). Used by {@link ActivityPointerPlugin}
 * and, as {@link CompanionRecords}, by bulk loads.
 */
@Component
class ActivityPointers implements CompanionRecords {

    private static final Set<String> NOT_COPIED = Set.of("activityid", "activitytypecode", "statuscode",
            "owningbusinessunit");

    /** Whether the entity is an activity type whose records have a pointer row. */
    static boolean isActivity(MetadataSnapshot snapshot, String entity) {
        EntityMetadata e = snapshot.findEntity(entity).orElse(null);
        return e != null && Boolean.TRUE.equals(e.activity()) && !PointerSync.POINTER.equals(entity);
    }

    /** Whether the pointer takes this attribute of the activity. */
    static boolean copied(MetadataSnapshot snapshot, String activityEntity, String attribute) {
        if (NOT_COPIED.contains(attribute)) {
            return false;
        }
        AttributeMetadata a = snapshot.entity(PointerSync.POINTER).findAttribute(attribute).orElse(null);
        return a != null && !a.isManaged() && snapshot.entity(activityEntity).hasAttribute(attribute);
    }

    /** The attributes of the activity the pointer takes, copied onto {@code to}. */
    static void copy(MetadataSnapshot snapshot, String entity, Entity from, Entity to) {
        for (Map.Entry<String, Object> e : from.attributes().entrySet()) {
            if (copied(snapshot, entity, e.getKey())) {
                Object value = e.getValue();
                to.set(e.getKey(), value instanceof EntityReference r ? new EntityReference(r.logicalName(), r.id())
                        : value);
            }
        }
    }

    /** The pointer of a new activity. */
    static Entity pointerOf(MetadataSnapshot snapshot, Entity activity) {
        Entity pointer = new Entity(PointerSync.POINTER, activity.id()).set("activitytypecode", activity.logicalName());
        copy(snapshot, activity.logicalName(), activity, pointer);
        return pointer;
    }

    @Override
    public List<Entity> forCreated(MetadataSnapshot snapshot, Entity created) {
        return isActivity(snapshot, created.logicalName()) ? List.of(pointerOf(snapshot, created)) : List.of();
    }
}
