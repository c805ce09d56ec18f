package io.rapport.bench;

import io.rapport.contactsync.AppPasswords;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.Principals;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 8: CardDAV over HTTP as a mail client syncs a salesperson's address book. A full sync (PROPFIND depth 1
 * for the ETags, then addressbook-multiget of every card in batches of 500) of 5,000 contacts, against reading the
 * same rows with hand-written SQL; and an incremental sync-collection REPORT that finds 10 changed contacts with their
 * cards, against the same version-range read in SQL. Targets: full sync at most 5 s, incremental p95 at most 100 ms.
 */
final class CardDavSuite {

    static final int CHANGED = 10;
    private static final Pattern HREF = Pattern.compile("<d:href>([^<]+\\.vcf)</d:href>");

    private CardDavSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.change-tracking.commit-lag", "0s");
        int contacts = s.full() ? 5_000 : 200;
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            OrganizationService org = app.getBean(OrganizationService.class);
            Principals principals = new Principals(org);
            UUID ann = principals.user("bench-dav", principals.rootUnit(), "Salesperson");
            OrganizationService asAnn = principals.as(ann);
            List<UUID> ids = new ArrayList<>();
            List<Entity> made = new ArrayList<>();
            for (int i = 0; i < contacts; i++) {
                made.add(new Entity("contact").set("firstname", "First" + i).set("lastname", "Last" + i)
                        .set("emailaddress1", "c" + i + "@bench.example").set("telephone1", "+1 555 " + i)
                        .set("address1_city", "City " + (i % 50)));
            }
            for (int i = 0; i < made.size(); i += 500) { // CreateMultiple: the same pipeline, fewer round trips
                ids.addAll(asAnn.execute(new io.rapport.pipeline.Messages.CreateMultipleRequest(
                        made.subList(i, Math.min(made.size(), i + 500)))).ids());
            }
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                // as autovacuum would (it is off on the bench machine): without statistics PostgreSQL takes the new
                // contacts for one row and joins the card's parent contact by scanning every contact per row
                st.execute("analyze contact");
                st.execute("analyze account");
            }
            String secret = principals.signedIn(ann, () -> app.getBean(AppPasswords.class).create("bench")).secret();
            Dav dav = new Dav(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")),
                    principals.userName(ann), secret, ann);
            int warm = s.full() ? 2 : 0;
            int secs = s.full() ? 20 : 1;
            int synced = dav.fullSync();
            if (synced != contacts) {
                throw new IllegalStateException("The full sync read " + synced + " cards, not " + contacts);
            }
            LoadDriver.Result full = LoadDriver.run(1, warm, secs, (t, n) -> dav.fullSync());
            LoadDriver.Result fullSql = LoadDriver.run(1, warm, secs, (t, n) -> ownedBy(db, ann));

            long before = maxVersion(db);
            long now = System.currentTimeMillis();
            String token = "http://rapport.io/ns/sync/" + URLEncoder.encode(before + "!" + now + "!" + before + "!"
                    + before + "!" + now, StandardCharsets.UTF_8);
            for (UUID id : ids.subList(0, CHANGED)) {
                asAnn.update(new Entity("contact", id).set("jobtitle", "Changed " + before));
            }
            int changed = dav.incremental(token);
            if (changed != CHANGED) {
                throw new IllegalStateException("The incremental sync found " + changed + " cards, not " + CHANGED);
            }
            LoadDriver.Result delta = LoadDriver.run(1, warm, secs, (t, n) -> dav.incremental(token));
            LoadDriver.Result deltaSql = LoadDriver.run(1, warm, secs, (t, n) -> changedSince(db, before));
            return List.of(
                    new BenchResult("CardDAV full sync (" + contacts + " contacts)", "PROPFIND + multiget",
                            full.throughput(), "hand-written SQL", fullSql.throughput(), "syncs/s",
                            fullSql.throughput() / full.throughput(), "<= 5 s", full.p95() <= 5_000.0,
                            String.format(Locale.ROOT, "1 client over HTTP; p95 %.0f ms vs %.1f ms", full.p95(),
                                    fullSql.p95())),
                    new BenchResult("CardDAV incremental sync (" + CHANGED + " changed)", "sync-collection",
                            delta.throughput(), "hand-written SQL", deltaSql.throughput(), "syncs/s",
                            deltaSql.throughput() / delta.throughput(), "p95 <= 100 ms", delta.p95() <= 100.0,
                            String.format(Locale.ROOT, "1 client over HTTP; p95 %.1f ms vs %.1f ms", delta.p95(),
                                    deltaSql.p95())));
        }
    }

    /** A CardDAV client over HTTP. */
    private record Dav(int port, String user, String password, UUID userId) {

        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        int fullSync() throws Exception {
            String book = "/dav/addressbooks/" + userId + "/contacts/";
            String listing = send("PROPFIND", book, "1", "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/>"
                    + "</d:prop></d:propfind>");
            List<String> hrefs = new ArrayList<>();
            Matcher m = HREF.matcher(listing);
            while (m.find()) {
                hrefs.add(m.group(1));
            }
            int cards = 0;
            for (int i = 0; i < hrefs.size(); i += 500) {
                StringBuilder body = new StringBuilder("<c:addressbook-multiget xmlns:d=\"DAV:\" "
                        + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:prop><d:getetag/><c:address-data/></d:prop>");
                hrefs.subList(i, Math.min(hrefs.size(), i + 500)).forEach(h -> body.append("<d:href>").append(h)
                        .append("</d:href>"));
                cards += count(send("REPORT", book, "1", body.append("</c:addressbook-multiget>").toString()));
            }
            return cards;
        }

        int incremental(String token) throws Exception {
            return count(send("REPORT", "/dav/addressbooks/" + userId + "/contacts/", "1", "<d:sync-collection "
                    + "xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:sync-token>" + token
                    + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/><c:address-data/></d:prop>"
                    + "</d:sync-collection>"));
        }

        private static int count(String body) {
            int n = 0;
            for (int i = body.indexOf("BEGIN:VCARD"); i >= 0; i = body.indexOf("BEGIN:VCARD", i + 1)) {
                n++;
            }
            return n;
        }

        private String send(String method, String path, String depth, String body) throws Exception {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Depth", depth)
                    .header("Content-Type", "application/xml").header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 207) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
    }

    private static void ownedBy(DataSource db, UUID user) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select contactid, "
                + "versionnumber, firstname, lastname, emailaddress1, telephone1, address1_city from contact "
                + "where ownerid = ? and statecode = 0 order by contactid")) {
            ps.setObject(1, user);
            drain(ps);
        }
    }

    private static void changedSince(DataSource db, long after) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select contactid, "
                + "versionnumber, firstname, lastname, emailaddress1, jobtitle from contact where versionnumber > ? "
                + "order by versionnumber limit 5001")) {
            ps.setLong(1, after);
            drain(ps);
        }
    }

    private static void drain(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private static long maxVersion(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select max(versionnumber) from contact")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
