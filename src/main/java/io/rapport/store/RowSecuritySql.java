package io.rapport.store;

import io.rapport.query.RecordAccess.AccessRule;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * The SPI through which the security module supplies the SQL of row-level read access. The query compiler calls it
 * for the root entity, every joined entity and every EXISTS subquery, so what a caller may read is decided in SQL
 * (never after reading) while the store knows nothing of how ownership or sharing is stored.
 */
public interface RowSecuritySql {

    /** The condition that admits the rows of one entity of a query that the rule lets the caller read. */
    Condition readable(AccessRule rule, SecuredRow row);

    /**
     * The same rows as {@link #readable} split into disjoint parts (no row satisfies two of them) whose union they
     * are, in a fixed order: one per owner, the business units' rows owned by none of those owners, the shared rows
     * neither owned nor in those units. A sorted page reads each part's first rows through an index in order and
     * merges them (issue 19). Empty when the rule is no such union (all rows, rows behind a row gate). The share part
     * is PostgreSQL SQL (an array of the caller's shared ids, read once per query).
     */
    default List<Condition> readableParts(AccessRule rule, SecuredRow row) {
        return List.of();
    }

    /**
     * The columns of one row of a query that row security may test; {@code owner} and {@code businessUnit} are null
     * when the entity has no such column (business-owned entities carry their unit in a lookup, a business unit is
     * its own unit).
     */
    record SecuredRow(String entityName, Field<UUID> id, Field<UUID> owner, Field<UUID> businessUnit) {
    }
}
