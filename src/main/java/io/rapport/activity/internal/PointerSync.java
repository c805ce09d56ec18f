package io.rapport.activity.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.PluginContext;
import java.util.Set;
import java.util.function.Supplier;

/** What the activity pointer copies from an activity, and the marker of the pointer's own synchronization. */
final class PointerSync {

    static final String POINTER = "activitypointer";
    static final String FLAG = "activity.pointerSync";
    private static final Set<String> NOT_COPIED = Set.of("activityid", "activitytypecode", "statuscode",
            "owningbusinessunit");

    private PointerSync() {
    }

    /** Whether the entity is an activity type whose records have a pointer row. */
    static boolean isActivity(PluginContext context, String entity) {
        EntityMetadata e = context.snapshot().findEntity(entity).orElse(null);
        return e != null && Boolean.TRUE.equals(e.activity()) && !POINTER.equals(entity);
    }

    /** Whether the pointer takes this attribute of the activity. */
    static boolean copied(PluginContext context, String activityEntity, String attribute) {
        if (NOT_COPIED.contains(attribute)) {
            return false;
        }
        AttributeMetadata a = context.snapshot().entity(POINTER).findAttribute(attribute).orElse(null);
        return a != null && !a.isManaged() && context.snapshot().entity(activityEntity).hasAttribute(attribute);
    }

    static boolean syncing(PluginContext context) {
        return Boolean.TRUE.equals(context.sharedVariables().get(FLAG));
    }

    /** Runs pointer work marked as synchronization, so the guards and the echo of deletes stay quiet. */
    static <T> T run(PluginContext context, Supplier<T> work) {
        Object previous = context.sharedVariables().put(FLAG, true);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                context.sharedVariables().remove(FLAG);
            }
        }
    }
}
