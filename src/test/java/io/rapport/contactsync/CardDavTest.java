package io.rapport.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CardDAV server over HTTP as a salesperson's mail client uses it: discovery, listing, reading, creating, changing
 * (with ETags and the field-level merge), deleting, sync-collection; app passwords as the only way in.
 */
abstract class CardDavTest {

    @OnH2
    static class H2 extends CardDavTest {
    }

    @OnPostgres
    static class Postgres extends CardDavTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    AppPasswords appPasswords;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    Principals principals;
    UUID ann;
    UUID bob;
    String annSecret;
    DavClient dav;

    @BeforeEach
    void setUp() {
        principals = new Principals(org);
        UUID unit = principals.rootUnit();
        ann = principals.user("ann", unit, "Salesperson");
        bob = principals.user("bob", unit, "Salesperson");
        annSecret = principals.signedIn(ann, () -> appPasswords.create("Thunderbird")).secret();
        dav = new DavClient(port, principals.userName(ann), annSecret);
    }

    private String book() {
        return "/dav/addressbooks/" + ann + "/contacts/";
    }

    private UUID contact(UUID owner, String first, String last, String email) {
        return principals.as(owner).create(new Entity("contact").set("firstname", first).set("lastname", last)
                .set("emailaddress1", email));
    }

    private static String etagOf(HttpResponse<String> r) {
        return r.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void discoveryLeadsFromTheWellKnownAddressToTheAddressBook() {
        HttpResponse<String> wellKnown = dav.send("PROPFIND", "/.well-known/carddav", null, "Depth", "0");
        assertThat(wellKnown.statusCode()).isEqualTo(301);
        assertThat(wellKnown.headers().firstValue("Location")).hasValue("/dav/");
        HttpResponse<String> root = dav.propfind("/dav/", "0", "<d:propfind xmlns:d=\"DAV:\"><d:prop>"
                + "<d:current-user-principal/></d:prop></d:propfind>");
        assertThat(root.statusCode()).isEqualTo(207);
        assertThat(root.body()).contains("<d:current-user-principal><d:href>/dav/principals/" + ann + "/</d:href>");
        HttpResponse<String> principal = dav.propfind("/dav/principals/" + ann + "/", "0",
                "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:prop>"
                        + "<c:addressbook-home-set/></d:prop></d:propfind>");
        assertThat(principal.body()).contains("<card:addressbook-home-set><d:href>/dav/addressbooks/" + ann
                + "/</d:href>");
        HttpResponse<String> home = dav.propfind("/dav/addressbooks/" + ann + "/", "1",
                "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/></d:prop></d:propfind>");
        assertThat(home.body()).contains("<d:href>" + book() + "</d:href><d:propstat><d:prop><d:resourcetype>"
                + "<d:collection/><card:addressbook/></d:resourcetype>");
        assertThat(dav.propfind("/dav/addressbooks/" + bob + "/contacts/", "1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAppPasswordsSignIn() {
        assertThat(new DavClient(port, principals.userName(ann), Principals.PASSWORD).propfind("/dav/", "0", null)
                .statusCode()).isEqualTo(401);
        assertThat(new DavClient(port, null, null).propfind("/dav/", "0", null).statusCode()).isEqualTo(401);
        assertThat(new DavClient(port, principals.userName(bob), annSecret).propfind("/dav/", "0", null)
                .statusCode()).isEqualTo(401);
        assertThat(dav.propfind("/dav/", "0", null).statusCode()).isEqualTo(207);
        assertThat(dav.propfind("/dav/", "0", null).headers().firstValue("WWW-Authenticate")).isEmpty();

        String hash = jdbc.queryForObject("select passwordhash from sys_dav_app_password where systemuserid = ?",
                String.class, ann);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(annSecret);
        UUID id = principals.signedIn(ann, () -> appPasswords.mine(1, 10)).get(0).id();
        assertThat(principals.signedIn(ann, () -> appPasswords.mine(1, 10)).get(0).lastUsedOn()).isNotNull();
        principals.signedIn(ann, () -> {
            appPasswords.revoke(id);
            return null;
        });
        HttpResponse<String> revoked = dav.propfind("/dav/", "0", null);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Rapport CardDAV\", "
                + "charset=\"UTF-8\"");
        assertThat(jdbc.queryForObject("select count(*) from sys_dav_app_password where systemuserid = ?",
                Integer.class, ann)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sys_audit where objectid = ? and operation in "
                + "('AppPasswordCreated', 'AppPasswordRevoked')", Integer.class, ann)).isEqualTo(2);
    }

    @Test
    void theAddressBookHoldsTheActiveContactsThePersonOwns() {
        UUID mine = contact(ann, "Ada", "Lovelace", "ada@example.com");
        UUID inactive = contact(ann, "Old", "Friend", "old@example.com");
        principals.as(ann).execute(new io.rapport.pipeline.Messages.SetStateRequest(
                new EntityReference("contact", inactive), 1, 2));
        UUID bobs = contact(bob, "Bob's", "Customer", "secret@example.com");
        HttpResponse<String> list = dav.propfind(book(), "1", "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/>"
                + "<d:getcontenttype/></d:prop></d:propfind>");
        assertThat(list.statusCode()).isEqualTo(207);
        assertThat(list.body()).contains(book() + mine + ".vcf").doesNotContain(inactive.toString())
                .doesNotContain(bobs.toString()).contains("<d:getcontenttype>text/vcard; charset=utf-8");
        HttpResponse<String> card = dav.send("GET", book() + mine + ".vcf", null);
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body()).contains("FN:Ada Lovelace", "N:Lovelace;Ada", "EMAIL;TYPE=work:ada@example.com",
                "UID:" + mine);
        assertThat(list.body()).contains("<d:getetag>" + etagOf(card).replace("\"", "&quot;") + "</d:getetag>");
        assertThat(dav.send("GET", book() + bobs + ".vcf", null).statusCode()).isEqualTo(404);
        HttpResponse<String> multiget = dav.report(book(), "<c:addressbook-multiget xmlns:d=\"DAV:\" "
                + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:prop><d:getetag/><c:address-data/></d:prop>"
                + "<d:href>" + book() + mine + ".vcf</d:href><d:href>" + book() + bobs + ".vcf</d:href>"
                + "</c:addressbook-multiget>");
        assertThat(multiget.statusCode()).isEqualTo(207);
        assertThat(multiget.body()).contains("FN:Ada Lovelace").doesNotContain("secret@example.com")
                .contains("<d:href>" + book() + bobs + ".vcf</d:href><d:status>HTTP/1.1 404 Not Found");
    }

    @Test
    void aNewCardCreatesAContactAndUnknownPropertiesComeBack() {
        String card = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:new-card-1\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
                + "EMAIL;TYPE=work:grace-" + principals.run() + "@example.com\r\nTEL;TYPE=cell:+1 555 0100\r\nX-SPOUSE:Vincent\r\n"
                + "IMPP:xmpp:grace-" + principals.run() + "@example.com\r\nBDAY:19061209\r\nEND:VCARD\r\n";
        HttpResponse<String> created = dav.put(book() + "new-card-1.vcf", card, "If-None-Match", "*");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Entity contact = org.retrieveMultiple(io.rapport.query.QueryExpression.from("contact")
                .columns(ColumnSet.of("firstname", "lastname", "emailaddress1", "mobilephone", "birthdate",
                        "ownerid"))
                .where(io.rapport.query.Condition.eq("emailaddress1", "grace-" + principals.run() + "@example.com")).build())
                .entities().get(0);
        assertThat(contact.getString("firstname")).isEqualTo("Grace");
        assertThat(contact.getString("mobilephone")).isEqualTo("+1 555 0100");
        assertThat(contact.get("birthdate")).isEqualTo(java.time.LocalDate.of(1906, 12, 9));
        assertThat(contact.getReference("ownerid").id()).isEqualTo(ann);
        assertThat(jdbc.queryForObject("select count(*) from sys_audit where objectid = ? and operation = 'Create'",
                Integer.class, contact.id())).isEqualTo(1);
        assertThat(dav.put(book() + "new-card-1.vcf", card, "If-None-Match", "*").statusCode()).isEqualTo(412);

        HttpResponse<String> back = dav.send("GET", book() + "new-card-1.vcf", null);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.body()).contains("X-SPOUSE:Vincent", "IMPP:xmpp:grace-" + principals.run() + "@example.com", "UID:new-card-1",
                "VERSION:4.0");
        principals.as(ann).update(new Entity("contact", contact.id()).set("jobtitle", "Rear Admiral"));
        HttpResponse<String> changed = dav.send("GET", book() + "new-card-1.vcf", null);
        assertThat(changed.body()).contains("TITLE:Rear Admiral", "X-SPOUSE:Vincent");
        assertThat(etagOf(changed)).isNotEqualTo(etagOf(back));
        assertThat(dav.put(book() + "new-card-1.vcf", card, "If-Match", etagOf(back)).statusCode()).isEqualTo(412);
    }

    @Test
    void aCardChangedOnBothSidesKeepsBothSidesFields() {
        UUID id = contact(ann, "Alan", "Turing", "alan@example.com");
        String url = book() + id + ".vcf";
        String served = dav.send("GET", url, null).body();
        principals.as(ann).update(new Entity("contact", id).set("jobtitle", "Mathematician"));
        String edited = served.replace("EMAIL;TYPE=work:alan@example.com", "EMAIL;TYPE=work:alan@bletchley.uk");
        String current = etagOf(dav.send("GET", url, null));
        HttpResponse<String> put = dav.put(url, edited, "If-Match", current);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        Entity after = org.retrieve("contact", id, ColumnSet.of("emailaddress1", "jobtitle"));
        assertThat(after.getString("emailaddress1")).isEqualTo("alan@bletchley.uk");
        assertThat(after.getString("jobtitle")).isEqualTo("Mathematician");
    }

    @Test
    void deletingACardDeactivatesTheContactAndSyncCollectionReportsIt() {
        UUID keep = contact(ann, "Keep", "Me", "keep@example.com");
        UUID gone = contact(ann, "Delete", "Me", "delete@example.com");
        HttpResponse<String> first = dav.report(book(), "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token/>"
                + "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(207);
        assertThat(first.body()).contains(keep + ".vcf", gone + ".vcf");
        String token = token(first.body());
        assertThat(dav.send("DELETE", book() + gone + ".vcf", null, "If-Match", "\"stale\"").statusCode())
                .isEqualTo(412);
        assertThat(dav.send("DELETE", book() + gone + ".vcf", null).statusCode()).isEqualTo(204);
        assertThat(org.retrieve("contact", gone, ColumnSet.of("statecode")).get("statecode")).isEqualTo(1);
        assertThat(dav.send("GET", book() + gone + ".vcf", null).statusCode()).isEqualTo(404);
        HttpResponse<String> next = dav.report(book(), "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>"
                + token + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
                + "</d:sync-collection>");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(207);
        assertThat(next.body()).contains("<d:href>" + book() + gone + ".vcf</d:href><d:status>HTTP/1.1 404");
        HttpResponse<String> bad = dav.report(book(), "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>"
                + "http://example.com/other</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/>"
                + "</d:prop></d:sync-collection>");
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.body()).contains("<d:valid-sync-token/>");
    }

    @Test
    void renamingTheAccountChangesItsContactsCardsAndSyncCollectionReportsThem() {
        UUID account = principals.as(ann).create(new Entity("account").set("name", "Contoso " + principals.run()));
        UUID employee = principals.as(ann).create(new Entity("contact").set("firstname", "Eve").set("lastname", "Works")
                .set("parentcustomerid", new EntityReference("account", account)));
        UUID other = contact(ann, "Free", "Lancer", "free@example.com");
        HttpResponse<String> before = dav.send("GET", book() + employee + ".vcf", null);
        assertThat(before.body()).contains("ORG:Contoso " + principals.run());
        // a token past both contacts (a first pass's token may overlap recent changes, which would hide the point)
        long seen = jdbc.queryForObject("select max(versionnumber) from contact", Long.class);
        long now = System.currentTimeMillis();
        String token = "http://rapport.io/ns/sync/" + java.net.URLEncoder.encode(seen + "!" + now + "!" + seen + "!"
                + seen + "!" + now, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(dav.report(book(), "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>" + token
                + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>")
                .body()).doesNotContain(employee.toString()).doesNotContain(other.toString());

        principals.as(ann).update(new Entity("account", account).set("name", "Fabrikam " + principals.run()));

        HttpResponse<String> after = dav.send("GET", book() + employee + ".vcf", null);
        assertThat(after.body()).contains("ORG:Fabrikam " + principals.run());
        assertThat(etagOf(after)).isNotEqualTo(etagOf(before));
        HttpResponse<String> next = dav.report(book(), "<d:sync-collection xmlns:d=\"DAV:\" "
                + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:sync-token>" + token + "</d:sync-token>"
                + "<d:sync-level>1</d:sync-level><d:prop><d:getetag/><c:address-data/></d:prop></d:sync-collection>");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(207);
        assertThat(next.body()).contains("<d:href>" + book() + employee + ".vcf</d:href>")
                .contains("<d:getetag>" + etagOf(after).replace("\"", "&quot;") + "</d:getetag>")
                .contains("ORG:Fabrikam " + principals.run()).doesNotContain(other.toString());
    }

    private HttpResponse<String> query(String filter, String limit) {
        return dav.report(book(), "<c:addressbook-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\">"
                + "<d:prop><d:getetag/><c:address-data version=\"4.0\"/></d:prop>" + filter
                + (limit == null ? "" : "<c:limit><c:nresults>" + limit + "</c:nresults></c:limit>")
                + "</c:addressbook-query>");
    }

    private List<String> hrefs(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
        List<String> found = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("<d:href>" + Pattern.quote(book()) + "([^<]+)\\.vcf</d:href>").matcher(r.body());
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void addressbookQueryFiltersCardsByTheirProperties() {
        UUID ada = contact(ann, "Ada", "Lovelace", "ada@example.com");
        UUID alan = contact(ann, "Alan", "Turing", "alan@bletchley.uk");
        UUID grace = contact(ann, "Grace", "Hopper", "grace@navy.mil");
        principals.as(ann).update(new Entity("contact", alan).set("jobtitle", "Mathematician"));
        UUID bobs = contact(bob, "Ada", "Other", "ada@other.example");

        HttpResponse<String> byName = query("<c:filter><c:prop-filter name=\"FN\"><c:text-match>ADA</c:text-match>"
                + "</c:prop-filter></c:filter>", null);
        assertThat(hrefs(byName)).containsExactly(ada.toString());
        assertThat(byName.body()).contains("FN:Ada Lovelace", "VERSION:4.0").doesNotContain(bobs.toString());

        assertThat(hrefs(query("<c:filter test=\"anyof\"><c:prop-filter name=\"FN\"><c:text-match "
                + "match-type=\"starts-with\">grace</c:text-match></c:prop-filter><c:prop-filter name=\"EMAIL\">"
                + "<c:text-match match-type=\"ends-with\">@bletchley.uk</c:text-match></c:prop-filter></c:filter>",
                null))).containsExactlyInAnyOrder(alan.toString(), grace.toString());
        assertThat(hrefs(query("<c:filter test=\"allof\"><c:prop-filter name=\"FN\"><c:text-match>a"
                + "</c:text-match></c:prop-filter><c:prop-filter name=\"EMAIL\"><c:text-match match-type=\"equals\">"
                + "ada@example.com</c:text-match></c:prop-filter></c:filter>", null))).containsExactly(ada.toString());
        assertThat(hrefs(query("<c:filter><c:prop-filter name=\"EMAIL\"><c:text-match negate-condition=\"yes\">"
                + "example.com</c:text-match></c:prop-filter></c:filter>", null)))
                .containsExactlyInAnyOrder(alan.toString(), grace.toString());
        assertThat(hrefs(query("<c:filter><c:prop-filter name=\"TITLE\"><c:is-not-defined/></c:prop-filter>"
                + "</c:filter>", null))).containsExactlyInAnyOrder(ada.toString(), grace.toString());
        assertThat(hrefs(query("<c:filter><c:prop-filter name=\"EMAIL\"><c:param-filter name=\"TYPE\">"
                + "<c:text-match match-type=\"equals\">work</c:text-match></c:param-filter></c:prop-filter>"
                + "</c:filter>", null))).containsExactlyInAnyOrder(ada.toString(), alan.toString(), grace.toString());
        assertThat(hrefs(query("<c:filter><c:prop-filter name=\"FN\"><c:text-match collation=\"i;octet\">"
                + "ada</c:text-match></c:prop-filter></c:filter>", null))).isEmpty();
        assertThat(hrefs(query("", null))).containsExactlyInAnyOrder(ada.toString(), alan.toString(),
                grace.toString());

        HttpResponse<String> limited = query("<c:filter><c:prop-filter name=\"FN\"><c:text-match>a</c:text-match>"
                + "</c:prop-filter></c:filter>", "2");
        assertThat(hrefs(limited)).hasSize(2);
        assertThat(limited.body()).contains("<d:response><d:href>" + book() + "</d:href><d:status>HTTP/1.1 507 "
                + "Insufficient Storage</d:status><d:error><d:number-of-matches-within-limits/></d:error>");

        HttpResponse<String> collation = query("<c:filter><c:prop-filter name=\"FN\"><c:text-match "
                + "collation=\"i;klingon\">a</c:text-match></c:prop-filter></c:filter>", null);
        assertThat(collation.statusCode()).isEqualTo(403);
        assertThat(collation.body()).contains("<card:supported-collation/>");
        HttpResponse<String> matchType = query("<c:filter><c:prop-filter name=\"FN\"><c:text-match "
                + "match-type=\"regex\">a</c:text-match></c:prop-filter></c:filter>", null);
        assertThat(matchType.statusCode()).isEqualTo(403);
        assertThat(matchType.body()).contains("<card:supported-filter/>");
        assertThat(query("", "none").statusCode()).isEqualTo(400);
        assertThat(dav.propfind(book(), "0", "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:supported-report-set/>"
                + "</d:prop></d:propfind>").body()).contains("<card:addressbook-query/>");
    }

    private static String token(String body) {
        Matcher m = Pattern.compile("<d:sync-token>([^<]+)</d:sync-token>").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
