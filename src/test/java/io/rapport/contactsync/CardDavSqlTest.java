package io.rapport.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the CardDAV REPORTs cost in SQL, counted with a jOOQ listener on the server's request threads, for a salesperson
 * with 1,001 contacts (one more than a page): a multiget takes the same statements for 500 cards as for 5 (no read per
 * card), an addressbook-query on FN, EMAIL or TEL narrows the book in SQL (one read of the matching contacts, not every
 * page of the book), and bad requests are refused with 4xx, never 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CardDavSqlTest {

    @OnH2
    static class H2 extends CardDavSqlTest {
    }

    @OnPostgres
    static class Postgres extends CardDavSqlTest {
    }

    static final int CONTACTS = 1001;
    /**
     * Statements of a multiget whatever its size (up to 1,000 cards): the person signing in, the names stored for
     * cards, the sync filter setting, the contacts with their account's name (one pipeline read), their stored cards,
     * the merge bases already kept.
     */
    static final int MULTIGET_STATEMENTS = 6;

    @Autowired
    OrganizationService org;

    @Autowired
    AppPasswords appPasswords;

    @Autowired
    DSLContext dsl;

    @LocalServerPort
    int port;

    Principals principals;
    UUID ann;
    DavClient dav;
    String run;
    List<UUID> ids = new ArrayList<>();

    @BeforeAll
    void aSalespersonWithMoreContactsThanAPage() {
        principals = new Principals(org);
        run = principals.run();
        ann = principals.user("ann", principals.rootUnit(), "Salesperson");
        String secret = principals.signedIn(ann, () -> appPasswords.create("Client")).secret();
        dav = new DavClient(port, principals.userName(ann), secret);
        OrganizationService asAnn = principals.as(ann);
        UUID account = asAnn.create(new Entity("account").set("name", "Northwind " + run));
        List<Entity> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(new Entity("contact").set("firstname", "Card" + i).set("lastname", "Holder " + run)
                    .set("emailaddress1", "card" + i + "." + run + "@example.com")
                    .set("telephone1", "+1 555 " + (10_000 + i))
                    .set("parentcustomerid", new EntityReference("account", account)));
        }
        for (int i = 0; i < contacts.size(); i += 500) {
            ids.addAll(asAnn.execute(new Messages.CreateMultipleRequest(
                    contacts.subList(i, Math.min(contacts.size(), i + 500)))).ids());
        }
    }

    private String book() {
        return "/dav/addressbooks/" + ann + "/contacts/";
    }

    private HttpResponse<String> multiget(List<String> names) {
        StringBuilder body = new StringBuilder("<c:addressbook-multiget xmlns:d=\"DAV:\" "
                + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:prop><d:getetag/><c:address-data/></d:prop>");
        names.forEach(n -> body.append("<d:href>").append(book()).append(n).append("</d:href>"));
        return dav.report(book(), body.append("</c:addressbook-multiget>").toString());
    }

    private HttpResponse<String> query(String filter) {
        return query("anyof", filter);
    }

    private HttpResponse<String> query(String test, String filter) {
        return dav.report(book(), "<c:addressbook-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\">"
                + "<d:prop><d:getetag/><c:address-data/></d:prop><c:filter test=\"" + test + "\">" + filter
                + "</c:filter></c:addressbook-query>");
    }

    private static List<String> names(List<UUID> contacts) {
        return contacts.stream().map(id -> id + ".vcf").toList();
    }

    private static int count(String body, String text) {
        int n = 0;
        for (int i = body.indexOf(text); i >= 0; i = body.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The statements the server's request threads run for the request (SQL text), leaving out the ones a request
     * runs only now and then, whatever it asks: a node's checks for metadata or security changed elsewhere (at most
     * every refresh interval) and an app password's last-used time (written at most once a minute).
     */
    private List<String> statements(Runnable request) {
        List<String> sql = Collections.synchronizedList(new ArrayList<>());
        ExecuteListener listener = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (Thread.currentThread().getName().contains("-exec-")) {
                    sql.add(ctx.sql() != null ? ctx.sql() : String.join(";", ctx.batchSQL()));
                }
            }
        };
        ExecuteListenerProvider[] before = dsl.configuration().executeListenerProviders();
        ExecuteListenerProvider[] with = java.util.Arrays.copyOf(before, before.length + 1);
        with[before.length] = new DefaultExecuteListenerProvider(listener);
        dsl.configuration().set(with);
        try {
            request.run();
        } finally {
            dsl.configuration().set(before);
        }
        return sql.stream().filter(s -> !s.contains("sys_metadata_version") && !s.contains("sys_security_version")
                && !s.contains("lastusedon")).toList();
    }

    @Test
    void aMultigetTakesTheSameStatementsForFiveHundredCardsAsForFive() {
        multiget(names(ids.subList(0, 5))); // caches of the pipeline warm, merge bases of these cards kept
        multiget(names(ids.subList(0, 500)));
        List<String> five = new ArrayList<>();
        List<String> fiveHundred = new ArrayList<>();
        List<String> missing = List.of(UUID.randomUUID() + ".vcf", "not-a-card.vcf");
        List<HttpResponse<String>> answers = new ArrayList<>();
        five.addAll(statements(() -> answers.add(multiget(concat(names(ids.subList(0, 5)), missing)))));
        fiveHundred.addAll(statements(() -> answers.add(multiget(concat(names(ids.subList(0, 500)), missing)))));

        assertThat(answers.get(1).statusCode()).isEqualTo(207);
        assertThat(count(answers.get(0).body(), "BEGIN:VCARD")).isEqualTo(5);
        assertThat(count(answers.get(1).body(), "BEGIN:VCARD")).isEqualTo(500);
        assertThat(count(answers.get(1).body(), "ORG:Northwind " + run)).isEqualTo(500);
        assertThat(count(answers.get(1).body(), "HTTP/1.1 404 Not Found")).isEqualTo(2);
        assertThat(answers.get(1).body()).contains("<d:href>" + book() + "not-a-card.vcf</d:href><d:status>HTTP/1.1 "
                + "404 Not Found</d:status>");
        assertThat(fiveHundred).as(String.join("\n", fiveHundred)).hasSize(MULTIGET_STATEMENTS);
        assertThat(five).as(String.join("\n", five)).hasSize(MULTIGET_STATEMENTS);
    }

    @Test
    void anAddressbookQueryOnEmailReadsOnlyTheMatchingContacts() {
        String email = "card7." + run + "@example.com";
        List<HttpResponse<String>> answer = new ArrayList<>();
        List<String> sql = statements(() -> answer.add(query("<c:prop-filter name=\"EMAIL\"><c:text-match "
                + "match-type=\"equals\">" + email.toUpperCase(java.util.Locale.ROOT) + "</c:text-match>"
                + "</c:prop-filter>")));
        assertThat(hrefs(answer.get(0))).containsExactly(ids.get(7).toString());
        List<String> contactReads = contactReads(sql);
        assertThat(contactReads).as(String.join("\n", sql)).hasSize(1);
        assertThat(contactReads.get(0)).contains("\"emailaddress1\"", "\"emailaddress3\"");

        // a filter the columns cannot decide (a property Rapport does not map) reads every page of the book
        List<String> all = statements(() -> answer.add(query("<c:prop-filter name=\"X-SPOUSE\"><c:is-not-defined/>"
                + "</c:prop-filter>")));
        assertThat(hrefs(answer.get(1))).hasSize(CONTACTS);
        assertThat(contactReads(all)).as(String.join("\n", all)).hasSize(2);
    }

    @Test
    void anAddressbookQueryMatchesFullNamesAndPhonesInSqlAndCardsExactly() {
        List<HttpResponse<String>> answer = new ArrayList<>();
        List<String> sql = statements(() -> answer.add(query("<c:prop-filter name=\"FN\"><c:text-match "
                + "match-type=\"starts-with\">card12 holder</c:text-match></c:prop-filter>")));
        assertThat(hrefs(answer.get(0))).containsExactly(ids.get(12).toString());
        assertThat(contactReads(sql)).hasSize(1);
        assertThat(hrefs(query("<c:prop-filter name=\"TEL\"><c:text-match match-type=\"ends-with\">555 10999"
                + "</c:text-match></c:prop-filter>"))).containsExactly(ids.get(999).toString());
        // jOOQ escapes LIKE's wildcards: they are text to match
        assertThat(hrefs(query("<c:prop-filter name=\"EMAIL\"><c:text-match>card_%." + run + "</c:text-match>"
                + "</c:prop-filter>"))).isEmpty();
        // allof: one prop-filter narrows in SQL, the other (negated) is matched on the narrowed cards
        assertThat(hrefs(query("allof", "<c:prop-filter name=\"EMAIL\"><c:text-match match-type=\"starts-with\">"
                + "card99</c:text-match></c:prop-filter><c:prop-filter name=\"FN\"><c:text-match "
                + "negate-condition=\"yes\">card990</c:text-match></c:prop-filter>")))
                .containsExactlyInAnyOrder(ids.get(99).toString(), ids.get(991).toString(), ids.get(992).toString(),
                        ids.get(993).toString(), ids.get(994).toString(), ids.get(995).toString(),
                        ids.get(996).toString(), ids.get(997).toString(), ids.get(998).toString(),
                        ids.get(999).toString());
    }

    @Test
    void anAddressbookQueryFindsAnEmailTheClientKeptInItsCard() {
        String kept = "kept." + run + "@fourth.example";
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:kept-" + run + "\r\nFN:Four Mails\r\nN:Mails;Four;;;\r\n"
                + "EMAIL;TYPE=work:one." + run + "@example.com\r\nEMAIL;TYPE=home:two." + run + "@example.com\r\n"
                + "EMAIL:three." + run + "@example.com\r\nEMAIL;TYPE=other:" + kept + "\r\nEND:VCARD\r\n";
        String url = book() + "kept-" + run + ".vcf";
        assertThat(dav.put(url, card, "If-None-Match", "*").statusCode()).isEqualTo(201);
        try {
            HttpResponse<String> found = query("<c:prop-filter name=\"EMAIL\"><c:text-match>KEPT." + run
                    + "</c:text-match></c:prop-filter>");
            assertThat(found.statusCode()).isEqualTo(207);
            assertThat(found.body()).contains("<d:href>" + url + "</d:href>", kept);
            assertThat(count(found.body(), "BEGIN:VCARD")).isEqualTo(1);
        } finally {
            // out of the book again (deactivated), so the other tests count the book's 1,001 contacts
            assertThat(dav.send("DELETE", url, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void badRequestsAreRefusedWithAClientErrorNeverAServerError() {
        assertThat(dav.report(book(), "<c:addressbook-query xmlns:c=\"urn:ietf:params:xml:ns:carddav\">")
                .statusCode()).isEqualTo(400);
        assertThat(dav.report(book(), "not xml at all").statusCode()).isEqualTo(400);
        assertThat(dav.report(book(), "").statusCode()).isEqualTo(400);
        HttpResponse<String> entities = dav.report(book(), "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol "
                + "\"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><c:addressbook-query xmlns:c=\"urn:ietf:params:xml:"
                + "ns:carddav\"><c:filter><c:prop-filter name=\"FN\"><c:text-match>&lol2;</c:text-match>"
                + "</c:prop-filter></c:filter></c:addressbook-query>");
        assertThat(entities.statusCode()).isEqualTo(400);
        String huge = "<c:addressbook-query xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><c:filter>"
                + "<c:prop-filter name=\"FN\"><c:text-match>" + "a".repeat(1 << 20) + "</c:text-match>"
                + "</c:prop-filter></c:filter></c:addressbook-query>";
        HttpResponse<String> tooLarge = dav.report(book(), huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).isEqualTo("The request body is larger than 1048576 bytes.");

        HttpResponse<String> unknownFilter = query("<c:comp-filter name=\"VCARD\"/>");
        assertThat(unknownFilter.statusCode()).isEqualTo(403);
        assertThat(unknownFilter.body()).contains("<card:supported-filter/>");
        HttpResponse<String> unknownInProp = query("<c:prop-filter name=\"FN\"><c:time-range start=\"x\"/>"
                + "</c:prop-filter>");
        assertThat(unknownInProp.statusCode()).isEqualTo(403);
        assertThat(unknownInProp.body()).contains("<card:supported-filter/>");
        assertThat(query("<c:prop-filter><c:text-match>a</c:text-match></c:prop-filter>").statusCode())
                .isEqualTo(403);
        assertThat(query("<c:prop-filter name=\"FN\" test=\"sometimes\"/>").statusCode()).isEqualTo(403);
        HttpResponse<String> report = dav.report(book(), "<d:expand-property xmlns:d=\"DAV:\"/>");
        assertThat(report.statusCode()).isEqualTo(403);
        assertThat(report.body()).contains("<d:supported-report/>");
        assertThat(dav.propfind(book(), "0", "<d:prop xmlns:d=\"DAV:\"/>").statusCode()).isEqualTo(400);

        // long or odd texts are data: matched, not errors
        assertThat(hrefs(query("<c:prop-filter name=\"FN\"><c:text-match match-type=\"equals\">"
                + "x".repeat(5000) + "</c:text-match></c:prop-filter>"))).isEmpty();
        assertThat(hrefs(query("<c:prop-filter name=\"TEL\"><c:text-match>'; drop table contact; --"
                + "</c:text-match></c:prop-filter>"))).isEmpty();
        assertThat(hrefs(query("<c:prop-filter name=\"EMAIL\"><c:text-match>a,b;c\\d</c:text-match>"
                + "</c:prop-filter>"))).isEmpty();
        assertThat(hrefs(query("<c:prop-filter name=\"FN\"><c:text-match></c:text-match></c:prop-filter>")))
                .hasSize(CONTACTS);
        assertThat(multiget(List.of("%zz", "..%2F..%2Fetc%2Fpasswd", "")).statusCode()).isEqualTo(207);
    }

    private List<String> hrefs(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<d:href>" + Pattern.quote(book()) + "([^<]+)\\.vcf</d:href>").matcher(r.body());
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The statements that read contacts (the pipeline's reads of the address book). */
    private static List<String> contactReads(List<String> sql) {
        return sql.stream().filter(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith("select")
                && s.contains("\"contact\"") && s.contains("\"fullname\"")).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
