package io.rapport.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 7: accounts created over the Web API with {@code CreateMultiple} (1,000 per request: validation,
 * plugins, privilege checks and audit per record, one batched INSERT and one audit batch per request) against
 * PostgreSQL's COPY of the same rows into a table of the same columns, in the same run. Unmeasured passes of as many
 * other accounts, sent the same way, warm the server first until the JIT compiler has settled ({@link #warmUp}, as a
 * benchmark's warm-up iterations do); the requests are sent by {@code bench.bulkClients} concurrent clients (2 by
 * default, as Dataverse advises sending bulk requests in parallel).
 */
final class BulkSuite {

    static final int PER_REQUEST = 1000;

    /** Unmeasured passes before the measured one: at most this many in full mode (one in short mode). */
    static final int MAX_WARMUP_PASSES = 6;

    private BulkSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        int rows = Integer.getInteger("bench.bulkRows", s.full() ? 10_000 : 500);
        String tag = Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.webapi.rate-limit-requests", "100000000");
        props.put("rapport.webapi.execution-time-limit", "100000h");
        List<BenchResult> results = new ArrayList<>();
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            double copy = copyRowsPerSecond(db, rows, tag);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
                    + "/api/data/v9.2/";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = "Bearer " + WebApiSuite.token(http, base);
            int clients = Integer.getInteger("bench.bulkClients", 2);
            // the account table's statistics first brought up to date, as autovacuum (off on the benchmark machine)
            // keeps them: the rows earlier runs added would otherwise have the first request analyse the table
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("analyze account");
            }
            // unmeasured passes of as many other rows first, sent the same way, until the JIT compiler has settled:
            // on a freshly started JVM it compiles for half a minute and more, most of a core the measured pass would
            // otherwise share (a cold first pass is reported in the note)
            Warmup warmup = warmUp(http, base, auth, tag, rows, clients, s.full() ? MAX_WARMUP_PASSES : 1);
            double seconds = createMultiple(http, base, auth, tag, rows, clients);
            double rate = rows / seconds;
            long audited = count(db, "select count(*) from sys_audit a join account x on x.accountid = a.objectid "
                    + "where a.operation = 'Create' and x.accountnumber like 'B" + tag + "-%'");
            if (audited != rows) {
                throw new IllegalStateException("Audit has " + audited + " of " + rows + " creations");
            }
            results.add(new BenchResult("create " + rows + " accounts (CreateMultiple)", "Web API CreateMultiple",
                    rate, "PostgreSQL COPY", copy, "rows/s", copy / rate, ">= 10,000 rows/s", rate >= 10_000,
                    PER_REQUEST + " per request from " + clients + " concurrent clients, as the administrator; plugins "
                    + "and audit per record; after " + warmup.describe(rows)));
        }
        return results;
    }

    /** The warm-up: how many passes, the first one's rate (a cold server's) and the JIT's share of the last. */
    record Warmup(int passes, double firstRate, double lastCompileShare) {

        String describe(int rows) {
            return String.format(java.util.Locale.ROOT, "%d unmeasured pass%s of %d other rows sent the same way "
                    + "(the first, on a cold JIT, %.0f rows/s; JIT compilation during the last %.0f %% of its time)",
                    passes, passes == 1 ? "" : "es", rows, firstRate, 100 * lastCompileShare);
        }
    }

    /**
     * Passes of {@code rows} other accounts (tagged {@code W<n><tag>}), as the measured pass sends them, until the JIT
     * has settled ({@link LoadDriver#untilJitSettles}) or {@code maxPasses} passes: the measured pass then finds the
     * bulk path compiled, as on a server that has been running.
     */
    static Warmup warmUp(HttpClient http, String base, String auth, String tag, int rows, int clients, int maxPasses)
            throws Exception {
        double[] firstRate = {0};
        LoadDriver.Settling settling = LoadDriver.untilJitSettles(maxPasses, pass -> {
            double seconds = createMultiple(http, base, auth, "W" + pass + tag, rows, clients);
            if (pass == 0) {
                firstRate[0] = rows / seconds;
            }
        });
        return new Warmup(settling.passes(), firstRate[0], settling.lastCompileShare());
    }

    /**
     * Sends the CreateMultiple requests of {@code rows} accounts tagged {@code tag}, {@link #PER_REQUEST} per request,
     * from {@code clients} concurrent clients (client {@code c} sends requests {@code c}, {@code c + clients}, ...
     * one after another); answers the seconds from the first request sent to the last answered.
     */
    static double createMultiple(HttpClient http, String base, String auth, String tag, int rows, int clients)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            long t0 = System.nanoTime();
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                sent.add(pool.submit(() -> {
                    for (int from = client * PER_REQUEST; from < rows; from += clients * PER_REQUEST) {
                        send(http, base, auth, tag, from, Math.min(rows, from + PER_REQUEST));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One CreateMultiple request of accounts {@code from} to {@code to} (exclusive); fails unless it answers 200. */
    static void send(HttpClient http, String base, String auth, String tag, int from, int to) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                        + "accounts/Microsoft.Dynamics.CRM.CreateMultiple")).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(tag, from, to))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("CreateMultiple answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The CreateMultiple body of accounts {@code from} to {@code to} (exclusive) of a run tagged {@code tag}. */
    static String body(String tag, int from, int to) {
        StringBuilder body = new StringBuilder("{\"Targets\":[");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\","
                    + "\"name\":\"Bulk ").append(tag).append(' ').append(i).append("\",\"accountnumber\":\"B")
                    .append(tag).append('-').append(i).append("\",\"telephone1\":\"+1 555 ").append(i)
                    .append("\",\"address1_city\":\"Lisbon\"}");
        }
        return body.append("]}").toString();
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The ceiling of row 7 on this database: COPY of the same rows into the real {@code account} table (its 21
     * indexes, unique account number and foreign keys) with the columns a CreateMultiple writes, the row versions
     * drawn in one statement as the store draws them, and with {@code audit} one audit entry per row into
     * {@code sys_audit} (its three indexes) as the audit log copies them; in one transaction, rolled back after.
     * Rows per second of the whole.
     */
    static double accountCopyRowsPerSecond(DataSource db, int rows, String tag, boolean audit) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            UUID user;
            UUID unit;
            try (ResultSet rs = st.executeQuery("select systemuserid, businessunitid from systemuser "
                    + "where businessunitid is not null order by createdon limit 1")) {
                rs.next();
                user = rs.getObject(1, UUID.class);
                unit = rs.getObject(2, UUID.class);
            }
            c.setAutoCommit(false);
            try {
                long t0 = System.nanoTime();
                long[] versions = new long[rows];
                try (ResultSet rs = st.executeQuery("select nextval('sys_row_version') from generate_series(1, "
                        + rows + ")")) {
                    for (int i = 0; rs.next(); i++) {
                        versions[i] = rs.getLong(1);
                    }
                }
                long[] sequence = new long[rows];
                try (ResultSet rs = st.executeQuery("select nextval('sys_audit_sequence') from generate_series(1, "
                        + rows + ")")) {
                    for (int i = 0; rs.next(); i++) {
                        sequence[i] = rs.getLong(1);
                    }
                }
                String now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).toString();
                StringBuilder accounts = new StringBuilder(rows * 256);
                StringBuilder audits = new StringBuilder(rows * 512);
                for (int i = 0; i < rows; i++) {
                    UUID id = io.rapport.record.Ids.newId();
                    String name = "CopyIx " + tag + " " + i;
                    String number = "X" + tag + "-" + i;
                    accounts.append(id).append('\t').append(name).append('\t').append(number).append("\t+1 555 ")
                            .append(i).append("\tLisbon\t0\t1\t").append(user).append("\tsystemuser\t").append(unit)
                            .append('\t').append(now).append('\t').append(user).append('\t').append(now).append('\t')
                            .append(user).append('\t').append(versions[i]).append('\n');
                    audits.append(io.rapport.record.Ids.newId()).append('\t').append(sequence[i]).append('\t')
                            .append(now).append('\t').append(user).append("\tCreate\taccount\t").append(id)
                            .append("\tWEB_API\t{").append(created("name", '"' + name + '"')).append(',')
                            .append(created("accountnumber", '"' + number + '"')).append(',')
                            .append(created("telephone1", "\"+1 555 " + i + '"')).append(',')
                            .append(created("address1_city", "\"Lisbon\"")).append(',')
                            .append(created("statecode", "0")).append(',').append(created("statuscode", "1"))
                            .append(',').append(created("ownerid", "{\"logicalName\":\"systemuser\",\"id\":\""
                                    + user + "\"}")).append("}\n");
                }
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                long copied = copy.copyIn("copy account (accountid, name, accountnumber, telephone1, address1_city, "
                        + "statecode, statuscode, ownerid, owneridtype, owningbusinessunit, createdon, createdby, "
                        + "modifiedon, modifiedby, versionnumber) from stdin",
                        new java.io.StringReader(accounts.toString()));
                if (audit) {
                    copy.copyIn("copy sys_audit (auditid, sequencenumber, createdon, userid, operation, "
                            + "objecttypecode, objectid, channel, changedata) from stdin",
                            new java.io.StringReader(audits.toString()));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (copied != rows) {
                    throw new IllegalStateException("COPY loaded " + copied + " accounts of " + rows);
                }
                return rows / seconds;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static String created(String attribute, String json) {
        return "\"" + attribute + "\":{\"oldValue\":null,\"newValue\":" + json + "}";
    }

    static double copyRowsPerSecond(DataSource db, int rows, String tag) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            csv.append(java.util.UUID.randomUUID()).append(",Copy ").append(tag).append(' ').append(i).append(",C")
                    .append(tag).append('-').append(i).append(",+1 555 ").append(i).append(",Lisbon\n");
        }
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("create temporary table bench_bulk_copy (accountid uuid primary key, name varchar(160), "
                    + "accountnumber varchar(20), telephone1 varchar(50), address1_city varchar(80))");
            long t0 = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_bulk_copy from stdin with "
                    + "(format csv)", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            st.execute("drop table bench_bulk_copy");
            if (copied != rows) {
                throw new IllegalStateException("COPY loaded " + copied + " rows of " + rows);
            }
            return rows / seconds;
        }
    }
}
