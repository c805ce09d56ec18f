package io.rapport.sales.internal;

import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.UnitOfWork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Derived values that many record changes of one request would each recompute (a document's totals after each of its
 * lines, an account's rollups after each of its documents) written once at the end of a batch of changes instead: a
 * copy of a document's lines, the recalculation of all of them, a bundle's products. Outside a batch the work runs at
 * once, as before. Kept in the request's shared variables, so nested messages of the request join the batch; work
 * queued while the batch ends (an account's rollups after a document's totals) runs in the same end, the documents
 * first. Within a unit of work ({@link UnitOfWork}: a deep insert, a change set) work outside a batch waits for the
 * unit's end: one recalculation per document and account per transaction.
 */
public final class DeferredWork {

    private static final String KEY = "sales.deferredWork";

    /** What runs first at the end of a batch: documents before the accounts their totals roll up to. */
    public enum Kind { DOCUMENT, ACCOUNT }

    private static final class Batch {
        int depth;
        final Map<Kind, Map<Object, Entry>> pending = new LinkedHashMap<>();

        Batch() {
            for (Kind k : Kind.values()) {
                pending.put(k, new LinkedHashMap<>());
            }
        }
    }

    private record Entry(Set<String> tags, Consumer<Set<String>> work) {
    }

    private DeferredWork() {
    }

    /** Runs the work as one batch: deferred work queued inside runs once per key when the outermost batch ends. */
    public static <T> T batch(PluginContext context, Supplier<T> work) {
        Batch batch = (Batch) context.sharedVariables().computeIfAbsent(KEY, k -> new Batch());
        batch.depth++;
        boolean done = false;
        try {
            T result = work.get();
            if (batch.depth == 1) {
                drain(batch);
            }
            done = true;
            return result;
        } finally {
            batch.depth--;
            if (batch.depth == 0) {
                context.sharedVariables().remove(KEY);
            } else if (!done) {
                // a failed inner batch fails the message; what it queued goes with it
                batch.pending.values().forEach(Map::clear);
            }
        }
    }

    /** Runs the work as one batch. */
    public static void batch(PluginContext context, Runnable work) {
        batch(context, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} now (outside a batch) or once at the end of the batch for the key, with the tags of every
     * request for it (e.g. which kinds of record changed under an account).
     */
    public static void run(PluginContext context, Kind kind, Object key, String tag, Consumer<Set<String>> work) {
        Batch batch = context.sharedVariables().get(KEY) instanceof Batch b && b.depth > 0 ? b : unitBatch();
        if (batch == null) {
            work.accept(tag == null ? Set.of() : Set.of(tag));
            return;
        }
        Entry entry = batch.pending.get(kind).computeIfAbsent(key, k -> new Entry(new LinkedHashSet<>(), work));
        if (tag != null) {
            entry.tags().add(tag);
        }
    }

    /**
     * The batch of the caller's unit of work (a deep insert, a change set: {@link UnitOfWork}), drained once when the
     * unit's messages are done; null outside a unit.
     */
    private static Batch unitBatch() {
        UnitOfWork unit = UnitOfWork.current().orElse(null);
        if (unit == null) {
            return null;
        }
        Batch batch = (Batch) unit.variables().computeIfAbsent(KEY, k -> new Batch());
        unit.atEnd(KEY, () -> drain(batch));
        return batch;
    }

    private static void drain(Batch batch) {
        while (true) {
            Map<Object, Entry> next = batch.pending.values().stream().filter(m -> !m.isEmpty()).findFirst()
                    .orElse(null);
            if (next == null) {
                return;
            }
            List<Object> keys = new ArrayList<>(next.keySet());
            Object key = keys.get(0);
            Entry entry = next.remove(key);
            entry.work().accept(entry.tags());
        }
    }
}
