package io.rapport.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

/** The audit sequence of an upgraded database continues after the numbers its history already holds. */
class AuditSequenceMigrationTest {

    @Test
    void startsAfterTheHighestStoredNumber() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:audit-sequence;DATABASE_TO_LOWER=TRUE");
                Statement s = c.createStatement()) {
            s.execute("create table sys_audit (sequencenumber bigint not null)");
            s.execute("insert into sys_audit values (17), (4711), (12)");

            new AuditSequenceMigration().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return c;
                }
            });

            try (ResultSet r = s.executeQuery("select next value for sys_audit_sequence")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(4712);
            }
        }
    }
}
