package io.rapport.store.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import java.sql.SQLException;
import java.util.Locale;
import org.jooq.exception.DataAccessException;

/** Maps database constraint violations to typed errors with a message for people. */
final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * Translates a jOOQ error, or the Spring error that Spring Boot's jOOQ exception translator turns it into,
     * by the SQL state of the underlying {@link SQLException}.
     */
    static RuntimeException translate(RuntimeException e, EntityMetadata entity) {
        String state = sqlState(e);
        String message = rootMessage(e).toLowerCase(Locale.ROOT);
        if ("23505".equals(state)) {
            if (entity != null) {
                for (EntityKeyMetadata key : entity.keys()) {
                    if (message.contains(Sql.objectName("uk", entity.logicalName(), key.logicalName()))) {
                        return new RapportException(ErrorCode.DUPLICATE_ALTERNATE_KEY, "A record that has the attribute "
                                + "values " + String.join(", ", key.keyAttributes()) + " already exists. The entity "
                                + "key " + key.logicalName() + " requires that this set of attributes contains unique "
                                + "values.", key.keyAttributes().get(0), java.util.Map.of(), e);
                    }
                }
            }
            return new RapportException(ErrorCode.DUPLICATE_KEY, "Cannot insert duplicate key.", null,
                    java.util.Map.of(), e);
        }
        if ("57014".equals(state)) {
            // PostgreSQL's query_canceled and H2's statement-was-canceled: the statement timeout stopped it
            return new RapportException(ErrorCode.QUERY_TIMEOUT, "Sql error: the query ran longer than the "
                    + "statement timeout and was cancelled. Narrow the filter, join fewer tables or ask for fewer "
                    + "rows.", null, java.util.Map.of(), e);
        }
        if ("23503".equals(state)) {
            return new RapportException(ErrorCode.LOOKUP_TARGET_MISSING,
                    "The record refers to a record that does not exist, or is still referred to by other records.",
                    null, java.util.Map.of(), e);
        }
        return e;
    }

    private static String sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (c instanceof DataAccessException jooq && jooq.sqlState() != null && !"99999".equals(jooq.sqlState())) {
                return jooq.sqlState();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && !(c instanceof SQLException)) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage());
    }
}
