package io.rapport.store;

import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * A module's limit on which rows of an entity a caller may read, on top of the role's access (a private queue and its
 * items are read only by the queue's members, whatever the role's depth): the security module asks every gate
 * whether it gates an entity and adds its condition, in SQL, to every read of it. System administrators and the
 * system user pass every gate.
 */
public interface RowGate {

    /** Whether reads of the entity pass this gate. */
    boolean gates(String entityName);

    /** The condition admitting the entity's rows (by their id column) that the user may read. */
    Condition readable(String entityName, Field<UUID> id, UUID userId, Set<UUID> principals);
}
