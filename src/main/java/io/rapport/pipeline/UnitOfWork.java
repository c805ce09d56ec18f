package io.rapport.pipeline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages run by one {@link OrganizationService#inTransaction} (a deep insert, a {@code $batch} change set, a
 * form saving several records): work a module would do after each of them (a document's totals after each of its
 * lines) can wait for the end of the unit and run once, in the same transaction, before it commits. Outside a unit
 * there is nothing to wait for ({@link #current()} is empty) and modules do the work at once.
 *
 * <p>The unit belongs to the thread that opened it; a nested {@code inTransaction} joins it.
 */
public final class UnitOfWork {

    private static final ThreadLocal<UnitOfWork> CURRENT = new ThreadLocal<>();

    private final Map<String, Object> variables = new HashMap<>();
    private final LinkedHashMap<Object, Runnable> atEnd = new LinkedHashMap<>();

    private UnitOfWork() {
    }

    /** The unit the calling thread runs in, if any. */
    public static Optional<UnitOfWork> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Values kept for the rest of the unit (across its messages, unlike a request's shared variables). */
    public Map<String, Object> variables() {
        return variables;
    }

    /**
     * Runs {@code work} when the unit's own work is done, before it commits; once per key (a later call for a key
     * still waiting is ignored). Work may add more work, which runs in the same end.
     */
    public void atEnd(Object key, Runnable work) {
        atEnd.putIfAbsent(key, work);
    }

    /**
     * Opens a unit on this thread (or joins the open one) for {@code work}; the outermost runs the work waiting for
     * the end, then {@code finish} (the pipeline records what the waiting work wrote), then closes the unit.
     */
    public static <T> T open(java.util.function.Supplier<T> work, java.util.function.Consumer<UnitOfWork> finish) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        UnitOfWork unit = new UnitOfWork();
        CURRENT.set(unit);
        try {
            T result = work.get();
            while (!unit.atEnd.isEmpty()) {
                Object key = unit.atEnd.keySet().iterator().next();
                unit.atEnd.remove(key).run();
            }
            finish.accept(unit);
            return result;
        } finally {
            CURRENT.remove();
        }
    }
}
