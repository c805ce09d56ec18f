package io.rapport.bench;

import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mixed soak of issue 19: 50 users over the Web API for 10 minutes (-Dbench.soakSeconds, default 600; a few
 * seconds in short mode), each in a loop of reads by id (40 %), lists (30 %), updates (20 %) and creates (10 %) with
 * a think time between requests (-Dbench.soakThinkMillis, default 100), and one CSV import of contacts started a
 * quarter into the run. Users come in pairs on one shared account, one updating {@code numberofemployees}, the other
 * {@code telephone2}, each with an increasing counter: after the run SQL must show each writer's last acknowledged
 * value (a stale whole-row write by the other would lose it), and as many soak contacts as creates were
 * acknowledged. Reports errors, lost updates and the p95 of each request type.
 */
final class SoakSuite {

    enum Kind {
        READ("read by id"), LIST("list ($top=50)"), UPDATE("update (PATCH)"), CREATE("create (POST contacts)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final String LETTERS = "ABCDEFGHIJKLMNOPRSTW";
    private static final Pattern ENTITY_ID = Pattern.compile("\\(([0-9a-f-]{36})\\)");

    private SoakSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        int users = Integer.getInteger("bench.soakUsers", 50);
        int seconds = Integer.getInteger("bench.soakSeconds", s.full() ? 600 : 5);
        long think = Long.getLong("bench.soakThinkMillis", 100);
        int importRows = Integer.getInteger("bench.soakImportRows", s.full() ? 10_000 : 200);
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.webapi.rate-limit-requests", "100000000");
        props.put("rapport.webapi.concurrency-limit", "1000");
        // All simulated users share one token: Dataverse's per-user combined execution time (20 minutes per
        // 5-minute window) would throttle 50 users acting as one; the soak measures the server, not that limit.
        props.put("rapport.webapi.execution-time-limit", "100000h");
        String tag = "Soak " + Long.toString(System.currentTimeMillis(), 36);
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            WebApiSuite.ensureAccounts(app, db, s.accounts());
            List<UUID> ids = sample(db);
            String api = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
                    + "/api/data/v9.2/";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = "Bearer " + WebApiSuite.token(http, api);
            int pairs = (users + 1) / 2;
            List<UUID> shared = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                shared.add(create(http, api, auth, "accounts", "{\"name\":\"" + tag + " " + i + "\"}"));
            }

            Stats stats = new Stats();
            long[] lastAcknowledged = new long[users];
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(users);
            List<Future<?>> running = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                running.add(pool.submit(() -> {
                    user(http, api, auth, user, pairs, shared, ids, tag, think, end, stats, lastAcknowledged);
                    return null;
                }));
            }
            Thread.sleep(seconds * 250L);
            ImportService imports = app.getBean(ImportService.class);
            long i0 = System.nanoTime();
            ImportJob job = imports.start("contact", "soak.csv", ImportSuite.contacts(importRows,
                    "@" + tag.replace(' ', '-').toLowerCase(Locale.ROOT) + ".bench.example"), null,
                    ImportOptions.defaults());
            ImportJob done = await(imports, job);
            double importSeconds = (System.nanoTime() - i0) / 1e9;
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            boolean importOk = done.created() == importRows;
            if (!importOk) {
                stats.error("import created " + done.created() + " of " + importRows + ": " + done.message());
            }

            long lost = lostUpdates(db, tag, shared, pairs, users, lastAcknowledged, stats);
            return results(users, seconds, think, importRows, importSeconds, stats, lost, pairs);
        }
    }

    /** One user's loop until the end of the soak. */
    private static void user(HttpClient http, String api, String auth, int user, int pairs, List<UUID> shared,
            List<UUID> ids, String tag, long think, long end, Stats stats, long[] lastAcknowledged)
            throws InterruptedException {
        UUID mine = shared.get(user % pairs);
        boolean numeric = user < pairs;
        long counter = 0;
        for (long n = 0; System.nanoTime() < end; n++) {
            // users start at different points of the cycle, so that even a short run sends every kind of request
            int step = (int) ((n + user) % 10);
            Kind kind = switch (step) {
                case 1, 5, 8 -> Kind.LIST;
                case 3, 7 -> Kind.UPDATE;
                case 9 -> Kind.CREATE;
                default -> Kind.READ;
            };
            long t0 = System.nanoTime();
            try {
                switch (kind) {
                    case READ -> expect(http.send(get(api + "accounts(" + ids.get((int) ((n * 31 + user * 997)
                            % ids.size())) + ")?$select=name,accountnumber,revenue", auth),
                            HttpResponse.BodyHandlers.ofString()), 200);
                    case LIST -> expect(http.send(get(api + "accounts?$select=name,accountnumber,revenue,"
                            + "address1_city&$filter=statecode%20eq%200%20and%20startswith(name,'"
                            + LETTERS.charAt((int) ((n + user) % LETTERS.length())) + "')&$orderby=name&$top=50",
                            auth), HttpResponse.BodyHandlers.ofString()), 200);
                    case UPDATE -> {
                        long value = ++counter;
                        String body = numeric ? "{\"numberofemployees\":" + value + "}"
                                : "{\"telephone2\":\"" + value + "\"}";
                        expect(http.send(HttpRequest.newBuilder(URI.create(api + "accounts(" + mine + ")"))
                                .timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                                .header("Content-Type", "application/json").header("If-Match", "*")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString()), 204);
                        lastAcknowledged[user] = value;
                    }
                    case CREATE -> create(http, api, auth, "contacts", "{\"firstname\":\"U" + user + " N" + n
                            + "\",\"lastname\":\"" + tag + "\"}");
                }
                stats.ok(kind, System.nanoTime() - t0);
            } catch (Exception e) {
                stats.error(kind.label + ": " + e.getMessage());
            }
            if (think > 0) {
                Thread.sleep(think);
            }
        }
    }

    /** Writers whose last acknowledged value is not in the database, plus acknowledged creates missing. */
    private static long lostUpdates(DataSource db, String tag, List<UUID> shared, int pairs, int users,
            long[] lastAcknowledged, Stats stats) throws Exception {
        long lost = 0;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select numberofemployees, telephone2 from account where accountid = ?")) {
            for (int i = 0; i < pairs; i++) {
                ps.setObject(1, shared.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long employees = rs.getLong(1);
                    String phone = rs.getString(2);
                    if (lastAcknowledged[i] > 0 && employees != lastAcknowledged[i]) {
                        lost++;
                        stats.error("account " + i + ": numberofemployees " + employees + ", last acknowledged "
                                + lastAcknowledged[i]);
                    }
                    int other = i + pairs;
                    if (other < users && lastAcknowledged[other] > 0
                            && !String.valueOf(lastAcknowledged[other]).equals(phone)) {
                        lost++;
                        stats.error("account " + i + ": telephone2 " + phone + ", last acknowledged "
                                + lastAcknowledged[other]);
                    }
                }
            }
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from contact where lastname = ?")) {
            ps.setString(1, tag);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long stored = rs.getLong(1);
                long acknowledged = stats.count(Kind.CREATE);
                stats.storedCreates = stored;
                if (stored < acknowledged) {
                    lost += acknowledged - stored;
                    stats.error(acknowledged + " creates acknowledged, " + stored + " stored");
                }
            }
        }
        return lost;
    }

    private static List<BenchResult> results(int users, int seconds, long think, int importRows,
            double importSeconds, Stats stats, long lost, int pairs) {
        String name = "mixed soak (" + users + " users, " + seconds + " s)";
        long requests = 0;
        for (Kind k : Kind.values()) {
            requests += stats.count(k);
        }
        List<BenchResult> rows = new ArrayList<>();
        long errors = stats.errors.get();
        rows.add(new BenchResult(name, "errors and lost updates", errors + lost, "—", Double.NaN, "count",
                Double.NaN, "0 errors, no lost update", errors == 0 && lost == 0, String.format(Locale.ROOT,
                        "%d requests acknowledged over the Web API (think time %d ms) and an import of %d contacts "
                                + "(%.1f s, %.0f rows/s) a quarter in; %d errors, %d lost; checked in SQL: the last "
                                + "acknowledged value of each of %d writers on %d shared accounts, %d of %d "
                                + "acknowledged creates stored%s", requests, think, importRows, importSeconds,
                        importRows / importSeconds, errors, lost, users, pairs, stats.storedCreates,
                        stats.count(Kind.CREATE), stats.firstErrors.isEmpty() ? ""
                                : "; first errors: " + String.join(" | ", stats.firstErrors))));
        for (Kind k : Kind.values()) {
            long[] sorted = stats.sorted(k);
            rows.add(new BenchResult(name + ": " + k.label, "Web API, " + users + " users", pct(sorted, 0.95),
                    "—", Double.NaN, "ms p95", Double.NaN, "p95 reported; no error", stats.errors(k) == 0,
                    String.format(Locale.ROOT, "%d requests, %d errors; p50/p95/p99 %.1f/%.1f/%.1f ms", sorted.length,
                            stats.errors(k), pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99))));
        }
        return rows;
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Latencies and errors per request type, from all users. */
    private static final class Stats {
        private final Map<Kind, ConcurrentLinkedQueue<Long>> latencies = new EnumMap<>(Kind.class);
        private final Map<Kind, AtomicLong> errorsByKind = new EnumMap<>(Kind.class);
        final AtomicLong errors = new AtomicLong();
        final List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        long storedCreates;

        Stats() {
            for (Kind k : Kind.values()) {
                latencies.put(k, new ConcurrentLinkedQueue<>());
                errorsByKind.put(k, new AtomicLong());
            }
        }

        void ok(Kind kind, long nanos) {
            latencies.get(kind).add(nanos);
        }

        void error(String message) {
            errors.incrementAndGet();
            for (Kind k : Kind.values()) {
                if (message.startsWith(k.label + ":")) {
                    errorsByKind.get(k).incrementAndGet();
                }
            }
            if (firstErrors.size() < 3) {
                firstErrors.add(message);
            }
        }

        long count(Kind kind) {
            return latencies.get(kind).size();
        }

        long errors(Kind kind) {
            return errorsByKind.get(kind).get();
        }

        long[] sorted(Kind kind) {
            return latencies.get(kind).stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    private static HttpRequest get(String url, String auth) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                .header("Accept", "application/json").build();
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " " + r.body().substring(0,
                    Math.min(200, r.body().length())));
        }
    }

    /** Creates a record over the Web API and returns its id from the OData-EntityId header. */
    private static UUID create(HttpClient http, String api, String auth, String set, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + set))
                .timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(r, 204);
        Matcher m = ENTITY_ID.matcher(r.headers().firstValue("OData-EntityId").orElse(""));
        if (!m.find()) {
            throw new IllegalStateException("No OData-EntityId in the answer to POST " + set);
        }
        return UUID.fromString(m.group(1));
    }

    private static List<UUID> sample(DataSource db) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select accountid from account order by accountnumber limit 2000")) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }

    private static ImportJob await(ImportService imports, ImportJob job) throws InterruptedException {
        while (true) {
            ImportJob current = imports.job(job.id()).orElseThrow();
            if (current.status().isFinal()) {
                return current;
            }
            Thread.sleep(100);
        }
    }
}
