package io.rapport.bench;

import io.rapport.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL side of the cluster harness: the nodes' schema (on the machine's PostgreSQL, or on the throw-away
 * primary bench/cluster.sh starts with a streaming replica, through RAPPORT_TEST_PG_URL), the database's own ceiling,
 * and what the harness reads back in SQL (import and campaign progress, what was stored).
 */
final class ClusterDatabase {

    private final String schema = TestDatabases.newPostgresSchema();
    private final String jdbcUrl = TestDatabases.PG_URL + "?currentSchema=" + schema;

    String schema() {
        return schema;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** What the database alone did: statements and inserts per second, and the load average after. */
    record Ceiling(double statementsPerSecond, double insertsPerSecond, String loadAverage) {
    }

    /**
     * The database's own ceiling: from plain JDBC threads, the statements of one client round (a single-row INSERT
     * transaction, a 5-row SELECT, a COUNT of a small table) against bare tables, as fast as it goes.
     */
    static Ceiling ceiling(int threads, int seconds) throws Exception {
        // not the nodes' schema: Flyway wants that one empty
        String url = TestDatabases.PG_URL + "?currentSchema=" + TestDatabases.newPostgresSchema();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("create table bench_ceiling (id uuid primary key, name varchar(160) not null, "
                    + "createdon timestamp not null)");
            s.execute("create table bench_ceiling_small (id integer primary key)");
            s.execute("insert into bench_ceiling_small select generate_series(1, 20)");
        }
        AtomicLong inserts = new AtomicLong();
        AtomicLong statements = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                        PreparedStatement insert = c.prepareStatement(
                                "insert into bench_ceiling values (?, ?, current_timestamp)");
                        PreparedStatement list = c.prepareStatement("select id, name from bench_ceiling limit 5");
                        PreparedStatement count = c.prepareStatement("select count(*) from bench_ceiling_small")) {
                    while (!stop.get()) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "ceiling");
                        insert.executeUpdate();
                        inserts.incrementAndGet();
                        statements.incrementAndGet();
                        try (ResultSet rs = list.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(2);
                            }
                        }
                        statements.incrementAndGet();
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                        }
                        statements.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            w.start();
            workers.add(w);
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Ceiling(statements.get() / elapsed, inserts.get() / elapsed, ClusterReport.loadAverage());
    }

    /** The import's status, processed rows (its checkpoint) and the claim of the attempt running it. */
    Map<String, Object> importJob(String id) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestDatabases.PG_USER, "")) {
            return importJob(c, id, "");
        }
    }

    private static Map<String, Object> importJob(Connection c, String id, String lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "select status, processedrows, claimedby from sys_importjob where importjobid = ?" + lock)) {
            p.setObject(1, UUID.fromString(id));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                Map<String, Object> job = new LinkedHashMap<>();
                job.put("status", rs.getString(1));
                job.put("processed", rs.getInt(2));
                job.put("claimedby", rs.getString(3));
                return job;
            }
        }
    }

    /**
     * A row locked ({@code select ... for update}) in a transaction left open, and what the row held when it was
     * locked. A job that records its progress on that row waits at the end of its next page or batch (uncommitted)
     * until the lock is released, so it cannot finish before the harness kills its node, however fast it got; a
     * kill rolls the waiting page back.
     */
    static final class RowLock<T> implements AutoCloseable {

        final T row;
        private final Connection connection;

        private RowLock(T row, Connection connection) {
            this.row = row;
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }

    /** The import job's row, locked: the import stops before recording its next batch. */
    RowLock<Map<String, Object>> lockImportJob(String id) throws SQLException {
        return locked(c -> importJob(c, id, " for update"));
    }

    /** The campaign's bulkoperation, locked: its job stops before recording its next page. */
    RowLock<Campaign> lockCampaign(String id) throws SQLException {
        return locked(c -> campaign(c, id, " for update of b"));
    }

    /** A read of a row ({@code ... for update}) on the connection given. */
    private interface RowRead<T> {
        T read(Connection c) throws SQLException;
    }

    private <T> RowLock<T> locked(RowRead<T> read) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, TestDatabases.PG_USER, "");
        try {
            c.setAutoCommit(false);
            return new RowLock<>(read.read(c), c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A quick campaign as the database has it: its bulkoperation, and the node running its job (if any). */
    record Campaign(int status, int successCount, int failureCount, String pickedBy) {
    }

    Campaign campaign(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestDatabases.PG_USER, "")) {
            return campaign(c, id, "");
        }
    }

    private static Campaign campaign(Connection c, String id, String lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select b.statuscode, coalesce(b.successcount, 0), "
                + "coalesce(b.failurecount, 0), (select t.picked_by from sys_scheduled_tasks t "
                + "where t.task_name = 'marketing-quick-campaign' and t.task_instance = ? and t.picked) "
                + "from bulkoperation b where b.activityid = ?" + lock)) {
            p.setString(1, id);
            p.setObject(2, UUID.fromString(id));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new Campaign(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4));
            }
        }
    }

    /**
     * What the kill run left, counted in SQL in one connection: the names of the API clients' accounts, the imported
     * contacts (and distinct e-mail addresses), the import's status and claim, the campaign's tasks (and the distinct
     * contacts they regard).
     */
    record EndCounts(Set<String> stored, int imported, int distinct, String importStatus, String importClaim,
            int tasks, int regarded) {
    }

    EndCounts endCounts(String accountPrefix, String tag, String importId, String campaignTag, String taskSubject)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        int imported;
        int distinct;
        String status;
        String finishedBy;
        int tasks;
        int regarded;
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestDatabases.PG_USER, "")) {
            try (PreparedStatement p = c.prepareStatement("select name from account where name like ?")) {
                p.setString(1, accountPrefix + "%");
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "select count(*), count(distinct emailaddress1) from contact where lastname = ?")) {
                p.setString(1, tag);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    imported = rs.getInt(1);
                    distinct = rs.getInt(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "select status, claimedby from sys_importjob where importjobid = ?")) {
                p.setObject(1, UUID.fromString(importId));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    status = rs.getString(1);
                    finishedBy = rs.getString(2);
                }
            }
            // one task per selected contact: every task of the campaign regards one of its contacts, none twice
            try (PreparedStatement p = c.prepareStatement("select count(*), count(distinct t.regardingobjectid) "
                    + "from task t join contact m on m.contactid = t.regardingobjectid and m.lastname = ? "
                    + "where t.subject = ?")) {
                p.setString(1, campaignTag);
                p.setString(2, taskSubject);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    tasks = rs.getInt(1);
                    regarded = rs.getInt(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement("select count(*) from task where subject = ?")) {
                p.setString(1, taskSubject);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    // a task regarding anything else would be a bug too: count them all
                    tasks = Math.max(tasks, rs.getInt(1));
                }
            }
        }
        return new EndCounts(stored, imported, distinct, status, finishedBy, tasks, regarded);
    }
}
