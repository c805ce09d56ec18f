package io.rapport.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fresh databases for tests: an in-memory (or file) H2 database, or a new schema in the PostgreSQL server on
 * 127.0.0.1:5432 (database {@code test}, trust authentication; override with RAPPORT_TEST_PG_URL and
 * RAPPORT_TEST_PG_USER). PostgreSQL being unreachable fails the test: the PostgreSQL half of the suite is
 * never skipped silently.
 */
public final class TestDatabases {

    public static final String PG_URL = env("RAPPORT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = env("RAPPORT_TEST_PG_USER", "postgres");
    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    private TestDatabases() {
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /**
     * Spring properties for a new in-memory H2 database that stays until the JVM ends (for tests that start the
     * application more than once on it).
     */
    public static Map<String, String> h2() {
        return h2At(h2MemoryUrl() + ";DB_CLOSE_DELAY=-1");
    }

    /** Spring properties for the H2 database at this address (user sa, no password). */
    public static Map<String, String> h2At(String url) {
        return Map.of("spring.datasource.url", url, "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    /**
     * The address of a new in-memory H2 database that H2 drops when its last connection closes (no
     * {@code DB_CLOSE_DELAY}): whoever uses it holds a connection open for as long as it needs the data.
     */
    public static String h2MemoryUrl() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Spring properties for an H2 file database at the given path (for restart tests). */
    public static Map<String, String> h2File(String path) {
        return h2At("jdbc:h2:file:" + path + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    /** Spring properties for a new, empty PostgreSQL schema. */
    public static Map<String, String> postgres() {
        return postgres(newPostgresSchema());
    }

    public static Map<String, String> postgres(String schema) {
        return Map.of("spring.datasource.url", PG_URL + "?currentSchema=" + schema,
                "spring.datasource.username", PG_USER, "spring.datasource.password", "");
    }

    public static String newPostgresSchema() {
        String schema = "rt_" + (System.currentTimeMillis() / 1000) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                Statement s = c.createStatement()) {
            if (CLEANED.compareAndSet(false, true)) {
                dropStaleSchemas(s);
            }
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for the tests and is not reachable at " + PG_URL
                    + " as " + PG_USER + ": " + e.getMessage(), e);
        }
        return schema;
    }

    /** Schemas of test runs that ended more than an hour ago. */
    private static void dropStaleSchemas(Statement s) throws SQLException {
        long cutoff = System.currentTimeMillis() / 1000 - 3600;
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select nspname from pg_namespace where nspname like 'rt\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.split("_");
                if (parts.length >= 3 && parts[1].matches("\\d+") && Long.parseLong(parts[1]) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            s.execute("drop schema if exists " + name + " cascade");
        }
    }
}
