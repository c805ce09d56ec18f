package io.rapport.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Reads a statement with PostgreSQL's generic plan (rls19b). The server caches the plan of a statement pgjdbc has
 * prepared (from its fifth execution on a connection), but with {@code plan_cache_mode = auto} it uses that plan
 * only when its estimated cost is no higher than the custom plans' average; a parameter's selectivity is a guess
 * (an equality on a column of two values is taken as half the rows, where the actual value matches nearly all), so
 * a statement whose plan does not depend on its values can still be planned again on every execution. For such a
 * statement the setting is {@code force_generic_plan} for that statement only: set and reset around it on the
 * same connection (or {@code set local} inside a transaction), never left on a pooled connection.
 */
final class GenericPlans {

    private GenericPlans() {
    }

    static Result<Record> fetch(DSLContext dsl, ResultQuery<Record> query) {
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return query.fetch();
        }
        return dsl.connectionResult(connection -> {
            // the same listeners and settings, on the one connection the setting is made on
            DSLContext on = dsl.configuration().derive(new DefaultConnectionProvider(connection)).dsl();
            if (!connection.getAutoCommit()) {
                set(connection, "set local plan_cache_mode = force_generic_plan");
                return on.fetch(query);
            }
            set(connection, "set plan_cache_mode = force_generic_plan");
            try {
                return on.fetch(query);
            } finally {
                set(connection, "reset plan_cache_mode");
            }
        });
    }

    private static void set(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
