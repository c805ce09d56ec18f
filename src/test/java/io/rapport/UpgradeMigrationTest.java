package io.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Upgrading an installation: each module owns a band of migration versions, so a release can bring a migration
 * numbered below one the database already has (an installation at V167 receiving a new V99). Rapport must apply it
 * and start, not refuse on validation (found on 2 December 2026 when the benchmark database would not start).
 */
class UpgradeMigrationTest {

    @Test
    void appliesAModulesNewMigrationBelowTheInstallationsNewest() throws Exception {
        String schema = TestDatabases.newPostgresSchema();
        try (ConfigurableApplicationContext first = AppInstances.start(TestDatabases.postgres(schema))) {
            assertThat(first.isRunning()).isTrue();
        }
        // The installation as the previous release left it: every migration up to the newest except V99.
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("delete from " + schema + ".flyway_schema_history where version = '99'");
            s.execute("drop table " + schema + ".sys_offline_setting");
            assertThat(count(s, "select count(*) from " + schema + ".flyway_schema_history where version::int > 99"
                    + " and success")).isPositive();
        }

        try (ConfigurableApplicationContext upgraded = AppInstances.start(TestDatabases.postgres(schema))) {
            assertThat(upgraded.isRunning()).isTrue();
        }
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
                Statement s = c.createStatement()) {
            assertThat(count(s, "select count(*) from " + schema + ".flyway_schema_history where version = '99'"
                    + " and success")).isEqualTo(1);
            assertThat(count(s, "select count(*) from " + schema + ".sys_offline_setting")).isZero();
            s.execute("drop schema " + schema + " cascade");
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
