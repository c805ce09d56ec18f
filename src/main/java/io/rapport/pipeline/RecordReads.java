package io.rapport.pipeline;

import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reads of records kept while one transaction's pipeline work runs on this thread: a {@link UnitOfWork} (a deep
 * insert, a change set), or else one message with its nested messages. A deep insert's lines each check that their
 * quote, product and unit exist, read the quote's owner for the Append To check and the quote's header for their
 * pricing; kept here, each is read once per unit instead of once per line.
 *
 * <p>Only found records are kept (a missing one is asked again: a later message may create it). The pipeline forgets
 * a record the moment it writes it ({@link #forget}: update, assign, delete, derived values, their bulk forms), so a
 * read never outlives a change of its row; what a create wrote is known without reading it ({@link #created}). The
 * scope closes with the unit or message: nothing is kept across transactions, threads or nodes. Nothing opens a
 * savepoint inside a scope (imports and quick campaigns roll rows back to savepoints around whole messages).
 */
public final class RecordReads {

    private static final ThreadLocal<RecordReads> CURRENT = new ThreadLocal<>();

    /** By entity and id, by purpose, the value read. */
    private final Map<String, Map<UUID, Map<String, Object>>> rows = new HashMap<>();

    private RecordReads() {
    }

    /**
     * Runs {@code work} in a scope of its own, or in the scope already open on this thread (a nested message, the
     * messages of a unit of work).
     */
    public static <T> T scope(Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        CURRENT.set(new RecordReads());
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * The record's value for the purpose (a header's pricing columns, its owner columns), read the first time it is
     * asked for in this scope and kept when found; outside a scope simply read.
     */
    @SuppressWarnings("unchecked")
    public static <T> Optional<T> once(String entity, UUID id, String purpose, Supplier<Optional<T>> read) {
        RecordReads reads = CURRENT.get();
        if (reads == null || id == null) {
            return read.get();
        }
        Map<String, Object> known = reads.rows.computeIfAbsent(entity, k -> new HashMap<>()).get(id);
        if (known != null && known.containsKey(purpose)) {
            return Optional.of((T) known.get(purpose));
        }
        Optional<T> value = read.get();
        value.ifPresent(v -> reads.rows.get(entity).computeIfAbsent(id, k -> new HashMap<>()).put(purpose, v));
        return value;
    }

    /** Whether the record exists, asked once per scope when it does. */
    public static boolean exists(String entity, UUID id, Supplier<Boolean> read) {
        return once(entity, id, EXISTS, () -> Boolean.TRUE.equals(read.get()) ? Optional.of(Boolean.TRUE)
                : Optional.empty()).isPresent();
    }

    /**
     * A record a read in this scope has just seen (a lookup's target joined for its name): it exists, and the lookup's
     * existence check does not ask again. The database's foreign key still guards the write.
     */
    public static void found(String entity, UUID id) {
        RecordReads reads = CURRENT.get();
        if (reads != null && id != null) {
            reads.rows.computeIfAbsent(entity, k -> new HashMap<>()).computeIfAbsent(id, k -> new HashMap<>())
                    .put(EXISTS, Boolean.TRUE);
        }
    }

    /** The record's owner columns ({@code ownerid}, {@code owningbusinessunit}) for access checks. */
    public static Optional<Entity> owner(String entity, UUID id, Supplier<Optional<Entity>> read) {
        return once(entity, id, OWNER, read);
    }

    /** A record the pipeline has just inserted: it exists, and its owner is the one it was written with. */
    public static void created(String entity, Entity written, boolean userOwned) {
        RecordReads reads = CURRENT.get();
        if (reads == null || written.id() == null) {
            return;
        }
        Map<String, Object> known = new HashMap<>();
        known.put(EXISTS, Boolean.TRUE);
        if (userOwned && written.get("ownerid") instanceof EntityReference owner) {
            Entity row = new Entity(entity, written.id()).set("ownerid", owner);
            if (written.get("owningbusinessunit") instanceof EntityReference unit) {
                row.set("owningbusinessunit", unit);
            }
            known.put(OWNER, row);
        }
        reads.rows.computeIfAbsent(entity, k -> new HashMap<>()).put(written.id(), known);
    }

    /** Forgets what was read of a record the pipeline is writing (any column, or the row itself). */
    public static void forget(String entity, UUID id) {
        RecordReads reads = CURRENT.get();
        if (reads != null) {
            Map<UUID, Map<String, Object>> byId = reads.rows.get(entity);
            if (byId != null) {
                byId.remove(id);
            }
        }
    }

    /** {@link #forget(String, UUID)} for many records of one entity. */
    public static void forget(String entity, Iterable<UUID> ids) {
        for (UUID id : ids) {
            forget(entity, id);
        }
    }

    private static final String EXISTS = "pipeline.exists";
    private static final String OWNER = "pipeline.owner";
}
