package io.rapport.bench;

import io.rapport.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The PostgreSQL database benchmarks run on: a fresh schema for short runs (one per JVM, shared by every suite, as
 * the full run's database is), or the persistent database {@code rapport_bench} (created if missing) for full runs,
 * so that generated data is reused between runs.
 */
final class BenchDatabase {

    private static Map<String, String> freshSchema;

    private BenchDatabase() {
    }

    /** Spring datasource properties, from the system property {@code bench.database} ("fresh" or a db name). */
    static Map<String, String> properties() {
        Map<String, String> properties = new java.util.HashMap<>(database());
        // as in production: a node checks for metadata published elsewhere once a second, not per request
        properties.put("rapport.metadata.refresh-interval", "1s");
        properties.put("rapport.web.ui-version-check-interval", "250ms");
        properties.put("spring.datasource.hikari.maximum-pool-size", "20");
        return properties;
    }

    /**
     * The properties of a single-process probe ({@link UiPageCost}, {@link QuoteProbe}): {@link #properties()}, or with
     * the system property {@code bench.schema} a PostgreSQL schema kept between runs (created if missing), so that a
     * second start skips the migrations.
     */
    static Map<String, String> probeProperties() throws SQLException {
        Map<String, String> properties = new java.util.HashMap<>(properties());
        String schema = System.getProperty("bench.schema");
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
                    Statement st = c.createStatement()) {
                st.execute("create schema if not exists " + schema);
            }
            properties.putAll(TestDatabases.postgres(schema));
        }
        return properties;
    }

    /** Whether these are the properties of the short run's fresh schema (which suites may share an instance on). */
    static boolean isShortRunSchema(Map<String, String> properties) {
        return System.getProperty("bench.database", "fresh").equals("fresh")
                && properties.get("spring.datasource.url").equals(freshSchema().get("spring.datasource.url"));
    }

    private static synchronized Map<String, String> freshSchema() {
        if (freshSchema == null) {
            Map<String, String> fresh = new java.util.HashMap<>(TestDatabases.postgres());
            fresh.put("spring.datasource.url", fresh.get("spring.datasource.url") + "&reWriteBatchedInserts=true");
            freshSchema = Map.copyOf(fresh);
        }
        return freshSchema;
    }

    private static Map<String, String> database() {
        String database = System.getProperty("bench.database", "fresh");
        if (database.equals("fresh")) {
            return freshSchema();
        }
        String server = TestDatabases.PG_URL.substring(0, TestDatabases.PG_URL.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(server + "postgres", TestDatabases.PG_USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
            if (!rs.next()) {
                s.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the benchmark database " + database, e);
        }
        return Map.of("spring.datasource.url", server + database + "?reWriteBatchedInserts=true",
                "spring.datasource.username", TestDatabases.PG_USER,
                "spring.datasource.password", "");
    }
}
