package io.rapport.store;

import io.rapport.query.RecordAccess.AccessRule;
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
     * The columns of one row of a query that row security may test; {@code owner} and {@code businessUnit} are null
     * when the entity has no such column (business-owned entities carry their unit in a lookup, a business unit is
     * its own unit).
     */
    record SecuredRow(String entityName, Field<UUID> id, Field<UUID> owner, Field<UUID> businessUnit) {
    }
}
