package io.rapport.bench;

import io.rapport.datagen.DataGenProperties;
import io.rapport.datagen.DataGenerator;
import io.rapport.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 2: the Web API (retrieve by id; a list with $select, $filter, $orderby and $top=50) against the same
 * reads as hand-written SQL over JDBC, with the same number of concurrent clients.
 */
final class WebApiSuite {

    static final int MAX_SETTLE_ROUNDS = 6;

    private static final String LETTERS = "ABCDEFGHIJKLMNOPRSTW";

    private WebApiSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.webapi.rate-limit-requests", "100000000");
        props.put("rapport.webapi.concurrency-limit", "1000");
        // the floor endpoints of issue 19 (test sources only): the same SQL behind the same API filter chain
        props.put("rapport.bench.floor-endpoints", "true");
        int threads = Integer.getInteger("bench.threads", 8);
        List<BenchResult> results = new ArrayList<>();
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            ensureAccounts(app, db, s.accounts());
            List<UUID> ids = sampleIds(db, 2000);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
                    + "/api/data/v9.2/";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = "Bearer " + token(http, base);
            int warm = s.full() ? 10 : 0;
            int secs = s.full() ? 30 : 1;

            List<String> byId = ids.stream().map(id -> "/api/data/v9.2/accounts(" + id
                    + ")?$select=name,accountnumber,revenue").toList();
            List<String> floorById = ids.stream().map(id -> FloorEndpoints.BY_ID + id).toList();
            List<String> lists = LETTERS.chars().mapToObj(c -> "/api/data/v9.2/accounts?$select=name,accountnumber,"
                    + "revenue,address1_city&$filter=statecode%20eq%200%20and%20startswith(name,'" + (char) c
                    + "')&$orderby=name&$top=50").toList();
            List<String> floorLists = LETTERS.chars().mapToObj(c -> FloorEndpoints.LIST + "?letter=" + (char) c)
                    .toList();
            // the JIT compiles for about half a minute after a start: every kind is sent until it has settled, so
            // that neither side of a ratio is measured while the compiler takes a core (as BulkSuite does)
            int settled = s.full() && WrkDriver.available()
                    ? settle(origin(base), List.of(byId, floorById, lists, floorLists), auth, threads) : 0;
            LoadDriver.Result api = WrkDriver.available()
                    ? WrkDriver.run(origin(base), byId, auth, threads, warm, secs)
                    : LoadDriver.run(threads, warm, secs, (t, n) -> get(http, origin(base)
                            + byId.get((int) ((n * 31 + t * 997) % byId.size())), auth));
            LoadDriver.Result sql = LoadDriver.run(threads, warm, secs, (t, n) -> {
                try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "select accountid, name, accountnumber, revenue, versionnumber from account where accountid = ?")) {
                    ps.setObject(1, ids.get((int) ((n * 31 + t * 997) % ids.size())));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
            });
            LoadDriver.Result floor = WrkDriver.available()
                    ? WrkDriver.run(origin(base), floorById, auth, threads, warm, secs)
                    : LoadDriver.run(threads, warm, secs, (t, n) -> get(http, origin(base)
                            + floorById.get((int) ((n * 31 + t * 997) % floorById.size())), auth));
            double byIdRatio = api.p50() / floor.p50();
            results.add(new BenchResult("Web API retrieve by id", "GET accounts(id)", api.p50(),
                    "minimal endpoint, same SELECT over JDBC, same API filter chain", floor.p50(), "ms p50",
                    byIdRatio, "<= 1.5x the floor's latency and >= 3,000 req/s",
                    byIdRatio <= 1.5 && api.throughput() >= 3000,
                    floorNote(api, floor, threads) + "; SQL by primary key in process " + rate(sql)
                            + "; JIT settled after " + settled + " rounds of every kind"));

            LoadDriver.Result apiList = WrkDriver.available()
                    ? WrkDriver.run(origin(base), lists, auth, threads, warm, secs)
                    : LoadDriver.run(threads, warm, secs, (t, n) -> get(http, origin(base)
                            + lists.get((int) ((n + t) % lists.size())), auth));
            LoadDriver.Result sqlList = LoadDriver.run(threads, warm, secs, (t, n) -> {
                try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "select accountid, name, accountnumber, revenue, address1_city, versionnumber from account "
                                + "where statecode = 0 and lower(name) >= ? and lower(name) < ? "
                                + "order by lower(name) limit 50")) {
                    // the hand-written form of a case-insensitive starts-with, on the same lower(name) index
                    String letter = letter(t, n).toLowerCase(java.util.Locale.ROOT);
                    ps.setString(1, letter);
                    ps.setString(2, String.valueOf((char) (letter.charAt(0) + 1)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(2);
                        }
                    }
                }
            });
            LoadDriver.Result floorList = WrkDriver.available()
                    ? WrkDriver.run(origin(base), floorLists, auth, threads, warm, secs)
                    : LoadDriver.run(threads, warm, secs, (t, n) -> get(http, origin(base)
                            + floorLists.get((int) ((n + t) % floorLists.size())), auth));
            double listRatio = apiList.p50() / floorList.p50();
            results.add(new BenchResult("Web API list ($top=50)", "GET accounts?$filter&$orderby", apiList.p50(),
                    "minimal endpoint, hand-written SQL (range on lower(name), ORDER BY, LIMIT), same API filter chain",
                    floorList.p50(), "ms p50", listRatio, "<= 2x the floor's latency and p95 <= 25 ms",
                    listRatio <= 2 && apiList.p95() <= 25,
                    floorNote(apiList, floorList, threads) + "; the SQL in process " + rate(sqlList)));
        }
        return results;
    }

    private static String origin(String base) {
        return base.substring(0, base.indexOf("/api/"));
    }

    private static String letter(int thread, long n) {
        return String.valueOf(LETTERS.charAt((int) ((n + thread) % LETTERS.length())));
    }

    /**
     * Rounds of 3 s of wrk per kind of request until the JIT has settled ({@link LoadDriver#untilJitSettles}), at
     * most {@value #MAX_SETTLE_ROUNDS}; answers the rounds sent.
     */
    static int settle(String origin, List<List<String>> kinds, String auth, int threads) throws Exception {
        return LoadDriver.untilJitSettles(MAX_SETTLE_ROUNDS, round -> {
            for (List<String> paths : kinds) {
                WrkDriver.run(origin, paths, auth, threads, 0, 3);
            }
        }).passes();
    }

    /** Latencies and throughput of a candidate and its floor endpoint, both driven the same way. */
    private static String floorNote(LoadDriver.Result candidate, LoadDriver.Result floor, int threads) {
        return String.format(java.util.Locale.ROOT, "%d clients (%s) each; p50/p95/p99 %.1f/%.1f/%.1f ms vs "
                + "%.1f/%.1f/%.1f ms; %.0f vs %.0f req/s", threads, WrkDriver.available() ? "wrk" : "Java client",
                candidate.p50(), candidate.p95(), candidate.p99(), floor.p50(), floor.p95(), floor.p99(),
                candidate.throughput(), floor.throughput());
    }

    private static String rate(LoadDriver.Result sql) {
        return String.format(java.util.Locale.ROOT, "%.0f req/s, p50/p95 %.1f/%.1f ms", sql.throughput(), sql.p50(),
                sql.p95());
    }

    private static void get(HttpClient http, String url, String auth) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url.replace(" ", "%20")))
                .header("Authorization", auth).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " for " + url + ": " + new String(r.body()));
        }
    }

    static String token(HttpClient http, String base) throws Exception {
        String basic = Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD)
                .getBytes());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base.replace("data/v9.2/", "rapport/tokens")))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("No token: HTTP " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static void ensureAccounts(ConfigurableApplicationContext app, DataSource db, int accounts) throws Exception {
        long existing;
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from account")) {
            rs.next();
            existing = rs.getLong(1);
        }
        if (existing < accounts) {
            app.getBean(DataGenerator.class).generate(new DataGenProperties(false, accounts - (int) existing, 0.0,
                    0.0, 0.0, 0.0, 0.0, 3, 10, existing + 1, 1000, false));
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("vacuum analyze");
            }
        }
    }

    private static List<UUID> sampleIds(DataSource db, int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select accountid from account order by accountnumber limit " + count)) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }
}
