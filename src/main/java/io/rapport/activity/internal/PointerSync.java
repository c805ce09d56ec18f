package io.rapport.activity.internal;

import io.rapport.pipeline.PluginContext;
import java.util.function.Supplier;

/** The marker of the activity pointer's own synchronization (what it copies: {@link ActivityPointers}). */
final class PointerSync {

    static final String POINTER = "activitypointer";
    static final String FLAG = "activity.pointerSync";

    private PointerSync() {
    }

    /** Whether the entity is an activity type whose records have a pointer row. */
    static boolean isActivity(PluginContext context, String entity) {
        return ActivityPointers.isActivity(context.snapshot(), entity);
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
