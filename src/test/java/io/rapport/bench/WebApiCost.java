package io.rapport.bench;

import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What one Web API read costs the server next to its floor (benchmark 2), independent of the machine's load: the
 * request thread's CPU time and allocated bytes from the first filter to the last byte written ({@link
 * UiPageCost.Meter}), one client, requests one after another, in the same JVM for the four requests of the suite:
 * {@code GET accounts(id)?$select=name,accountnumber,revenue}, the floor endpoint's by-id read, the list ({@code
 * $select,$filter=statecode eq 0 and startswith(name,'X'),$orderby=name,$top=50}) and the floor's list. The
 * requests are interleaved (one of each kind in turn), so that a change in the machine's load hits all four alike.
 *
 * <pre>
 * ./mvnw -q -B test-compile &amp;&amp; ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * java -Xmx1g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *   -Dbench.requests=2000 -Dbench.schema=webapi_probe io.rapport.bench.WebApiCost
 * </pre>
 * Properties: {@code bench.requests} (measured per kind, default 2000, after as many warm-up requests), {@code
 * bench.accounts} (default 2000), {@code bench.database}, {@code bench.schema} (a PostgreSQL schema kept between
 * runs instead of a fresh one).
 */
public final class WebApiCost {

    private static final Logger log = LoggerFactory.getLogger(WebApiCost.class);
    private static final String LETTERS = "ABCDEFGHIJKLMNOPRSTW";

    private WebApiCost() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 2000);
        int accounts = Integer.getInteger("bench.accounts", 2000);
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.webapi.rate-limit-requests", "100000000");
        props.put("rapport.webapi.concurrency-limit", "1000");
        props.put("rapport.bench.floor-endpoints", "true");
        String schema = System.getProperty("bench.schema");
        if (schema != null) {
            try (Connection c = java.sql.DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
                    Statement st = c.createStatement()) {
                st.execute("create schema if not exists " + schema);
            }
            props.putAll(TestDatabases.postgres(schema));
        }
        UiPageCost.Meter meter = new UiPageCost.Meter();
        meter.path = "/api/";
        try (ConfigurableApplicationContext app = AppInstances.start(props, ctx -> ctx.getBeanFactory()
                .registerSingleton("webApiCostMeter", UiPageCost.registration(meter)))) {
            DataSource db = app.getBean(DataSource.class);
            WebApiSuite.ensureAccounts(app, db, accounts);
            List<UUID> ids = new ArrayList<>();
            try (Connection c = db.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select accountid from account order by accountnumber limit 500")) {
                while (rs.next()) {
                    ids.add((UUID) rs.getObject(1));
                }
            }
            String origin = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = "Bearer " + WebApiSuite.token(http, origin + "/api/data/v9.2/");
            String[] kinds = {"api by id", "floor by id", "api list", "floor list"};
            List<List<long[]>> samples = new ArrayList<>();
            for (int k = 0; k < kinds.length; k++) {
                samples.add(new ArrayList<>());
            }
            int[] lengths = new int[kinds.length];
            for (int round = 0; round < 2; round++) {
                for (List<long[]> s : samples) {
                    s.clear();
                }
                for (int i = 0; i < requests; i++) {
                    UUID id = ids.get(i % ids.size());
                    char letter = LETTERS.charAt(i % LETTERS.length());
                    String[] urls = {
                        "/api/data/v9.2/accounts(" + id + ")?$select=name,accountnumber,revenue",
                        FloorEndpoints.BY_ID + id,
                        "/api/data/v9.2/accounts?$select=name,accountnumber,revenue,address1_city&$filter=statecode%20eq"
                                + "%200%20and%20startswith(name,'" + letter + "')&$orderby=name&$top=50",
                        FloorEndpoints.LIST + "?letter=" + letter};
                    for (int k = 0; k < kinds.length; k++) {
                        meter.samples.clear();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + urls[k]))
                                .header("Authorization", auth).header("Accept", "application/json").build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode() + " for " + urls[k] + ": "
                                    + r.body());
                        }
                        lengths[k] = r.body().length();
                        // the meter records after the last byte is flushed: the client may read it a moment earlier
                        for (int wait = 0; meter.samples.isEmpty() && wait < 1000; wait++) {
                            Thread.sleep(1);
                        }
                        samples.get(k).addAll(meter.samples);
                    }
                }
            }
            for (int k = 0; k < kinds.length; k++) {
                long[] cpu = samples.get(k).stream().mapToLong(x -> x[0]).sorted().toArray();
                long[] alloc = samples.get(k).stream().mapToLong(x -> x[1]).sorted().toArray();
                log.info(String.format(Locale.ROOT, "Web API cost %-11s: %d requests, body %d chars; request thread "
                        + "CPU p50 %.3f ms, mean %.3f ms; allocated p50 %.1f KiB, mean %.1f KiB", kinds[k], cpu.length,
                        lengths[k], cpu[cpu.length / 2] / 1e6, UiPageCost.mean(cpu) / 1e6,
                        alloc[alloc.length / 2] / 1024.0, UiPageCost.mean(alloc) / 1024.0));
            }
        }
    }
}
