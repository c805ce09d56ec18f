package io.rapport.bench;

import io.rapport.testing.TestUsers;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 5: the first page of the default account list view ("Active Accounts", 50 rows by name) as a
 * signed-in user, server time measured by the load driver, against the SQL that reads the same page.
 */
final class UiListSuite {

    private UiListSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        int threads = Integer.getInteger("bench.threads", 8);
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            WebApiSuite.ensureAccounts(app, db, s.accounts());
            String origin = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            String session = signIn(origin);
            // -Dbench.warmup / -Dbench.seconds lengthen a short run enough for a before/after comparison
            int warm = Integer.getInteger("bench.warmup", s.full() ? 10 : 0);
            int secs = Integer.getInteger("bench.seconds", s.full() ? 30 : 1);
            List<String> page = List.of("/app/account");
            LoadDriver.Result ui = WrkDriver.available()
                    ? WrkDriver.run(origin, page, null, session, threads, warm, secs)
                    : LoadDriver.run(threads, warm, secs, (t, n) -> get(origin + page.get(0), session));
            LoadDriver.Result sql = LoadDriver.run(threads, warm, secs, (t, n) -> {
                try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "select a.accountid, a.name, a.telephone1, a.address1_city, a.emailaddress1, a.revenue, "
                                + "p.fullname from account a left join contact p on p.contactid = a.primarycontactid "
                                + "where a.statecode = 0 order by lower(a.name) limit 51")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(2);
                        }
                    }
                }
            });
            return List.of(new BenchResult("UI list, first page (" + s.accounts() + " accounts)", "GET /app/account",
                    ui.p50(), "SQL of the same page", sql.p50(), "ms p50", ui.p50() / sql.p50(),
                    "p50 <= 25 ms", ui.p50() <= 25, String.format(java.util.Locale.ROOT,
                            "%d clients (%s); p95 %.1f ms vs %.1f ms; %.0f pages/s", threads,
                            WrkDriver.available() ? "wrk" : "Java client", ui.p95(), sql.p95(), ui.throughput())));
        }
    }

    private static void get(String url, String cookie) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("list-title")) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " for " + url);
        }
    }

    /** Signs in through the login form and returns the session cookie header. */
    static String signIn(String origin) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(origin + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("The login page carries no CSRF token");
        }
        String body = "username=" + enc(TestUsers.ADMIN) + "&password=" + enc(TestUsers.ADMIN_PASSWORD) + "&_csrf="
                + enc(csrf.group(1));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Sign-in failed: HTTP " + r.statusCode());
        }
        StringBuilder header = new StringBuilder();
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            header.append(header.length() == 0 ? "" : "; ").append(c.getName()).append('=').append(c.getValue());
        }
        return header.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
