package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.security.AccessMatrixFixture.Reader;
import io.rapport.security.AccessMatrixFixture.Rec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/** The read paths of the access matrix over HTTP (Web API and UI) and the sales and activity messages. */
final class AccessMatrixPaths {

    private static final String API = "/api/data/v9.2/";
    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final AccessMatrixFixture fx;
    private final int port;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<UUID, Http> sessions = new HashMap<>();
    private final Map<UUID, String> tokens = new HashMap<>();
    private final Http http;

    AccessMatrixPaths(AccessMatrixFixture fx, int port) {
        this.fx = fx;
        this.port = port;
        this.http = new Http(port);
    }

    private HttpResponse<String> api(Reader r, String path) {
        return http.get(API + path, "Authorization", bearer(r), "Prefer", "odata.maxpagesize=5000");
    }

    /**
     * A personal access token the reader issues for themselves (read-write: the matrix posts $batch requests of
     * reads): one bcrypt check per reader instead of one per request (HTTP basic), which keeps the matrix fast on a
     * loaded machine.
     */
    private String bearer(Reader r) {
        return tokens.computeIfAbsent(r.id(), id -> {
            HttpResponse<String> issued = http.send("POST", "/api/rapport/tokens", "{\"name\":\"matrix\","
                    + "\"scope\":\"read-write\"}", "Authorization", Http.basic(r.login(), AccessMatrixFixture.PASSWORD));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            try {
                return "Bearer " + json.readTree(issued.body()).path("token").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A signed-in UI session of the reader (form sign-in, session cookie). */
    private Http ui(Reader r) {
        return sessions.computeIfAbsent(r.id(), id -> {
            Http http = new Http(port);
            assertThat(http.signIn(r.login(), AccessMatrixFixture.PASSWORD).statusCode()).isEqualTo(302);
            return http;
        });
    }

    private static boolean blind(Reader r) {
        return r.depth().equals("None");
    }

    /** Lists with $filter, $count, $apply (count and group by unit), FetchXML (rows and count), retrieve by id. */
    void api(List<DynamicTest> checks, Reader r, AccessMatrixRows row) {
        Set<UUID> expected = fx.visibleIds(r, row.entity());
        String filter = Http.enc(row.filter(fx.run));
        check(checks, r, "Web API $filter " + row.entitySet(), () -> {
            HttpResponse<String> res = api(r, row.entitySet() + "?$select=" + row.primaryId() + "&$filter=" + filter
                    + "&$count=true");
            if (denied(r, res)) {
                return;
            }
            JsonNode body = json.readTree(res.body());
            assertThat(ids(body.path("value"), row.primaryId())).isEqualTo(expected);
            assertThat(body.path("@odata.count").asInt()).as("$count").isEqualTo(expected.size());
        });
        check(checks, r, "Web API $apply count " + row.entitySet(), () -> {
            HttpResponse<String> res = api(r, row.entitySet() + "?$apply=" + Http.enc("filter(" + row.filter(fx.run)
                    + ")/aggregate($count as n)"));
            if (!denied(r, res)) {
                assertThat(json.readTree(res.body()).path("value").get(0).path("n").asInt())
                        .isEqualTo(expected.size());
            }
        });
        check(checks, r, "Web API $apply groupby owner " + row.entitySet(), () -> {
            HttpResponse<String> res = api(r, row.entitySet() + "?$apply=" + Http.enc("filter(" + row.filter(fx.run)
                    + ")/groupby((ownerid),aggregate($count as n))"));
            if (denied(r, res)) {
                return;
            }
            Map<UUID, Integer> counts = new HashMap<>();
            for (JsonNode v : json.readTree(res.body()).path("value")) {
                String owner = null;
                for (var field : (Iterable<Map.Entry<String, JsonNode>>) v::fields) {
                    if (field.getKey().contains("ownerid") && UUIDS.matcher(field.getValue().asText()).matches()) {
                        owner = field.getValue().asText();
                    }
                }
                assertThat(owner).as(v.toString()).isNotNull();
                counts.put(UUID.fromString(owner), v.path("n").asInt());
            }
            Map<UUID, Integer> want = new HashMap<>();
            fx.records.get(row.entity()).stream().filter(rec -> fx.visible(r, rec))
                    .forEach(rec -> want.merge(rec.owner(), 1, Integer::sum));
            assertThat(counts).isEqualTo(want);
        });
        check(checks, r, "FetchXML " + row.entitySet(), () -> {
            HttpResponse<String> res = api(r, row.entitySet() + "?fetchXml=" + Http.enc(row.fetchXml(fx.run, false)));
            if (!denied(r, res)) {
                assertThat(ids(json.readTree(res.body()).path("value"), row.primaryId())).isEqualTo(expected);
            }
        });
        check(checks, r, "FetchXML aggregate count " + row.entitySet(), () -> {
            HttpResponse<String> res = api(r, row.entitySet() + "?fetchXml=" + Http.enc(row.fetchXml(fx.run, true)));
            if (!denied(r, res)) {
                assertThat(json.readTree(res.body()).path("value").get(0).path("n").asInt())
                        .isEqualTo(expected.size());
            }
        });
        if (row.entity().equals("account") || row.entity().equals("contact")) {
            for (Rec rec : fx.records.get(row.entity())) {
                boolean visible = fx.visible(r, rec);
                check(checks, r, "Web API retrieve " + rec.name(), () -> assertThat(api(r, row.entitySet() + "("
                        + rec.id() + ")?$select=" + row.primaryId()).statusCode()).isEqualTo(visible ? 200 : 403));
            }
        }
    }

    /** One $batch per reader with a GET per entity set; each part shows exactly the visible records. */
    void batch(List<DynamicTest> checks, Reader r) {
        List<AccessMatrixRows> rows = AccessMatrixRows.all();
        check(checks, r, "$batch of every entity set", () -> {
            StringBuilder body = new StringBuilder();
            for (AccessMatrixRows row : rows) {
                body.append("--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ")
                        .append(API).append(row.entitySet()).append("?$select=").append(row.primaryId())
                        .append("&$filter=").append(Http.enc(row.filter(fx.run))).append(" HTTP/1.1\r\n")
                        .append("Accept: application/json\r\n\r\n");
            }
            body.append("--b--\r\n");
            HttpResponse<String> res = http.send("POST", API + "$batch", body.toString(), "Authorization", bearer(r),
                    "Content-Type", "multipart/mixed; boundary=b");
            // a part failing stops the batch, which then answers 400 (as Dataverse's without continue-on-error)
            assertThat(res.statusCode()).as(res.body()).isEqualTo(blind(r) ? 400 : 200);
            String boundary = res.headers().firstValue("Content-Type").orElseThrow().replaceAll(".*boundary=", "")
                    .replace("\"", "");
            List<String> parts = new ArrayList<>(List.of(res.body().split("--" + Pattern.quote(boundary))));
            parts.removeIf(p -> !p.contains("HTTP/1.1"));
            if (blind(r)) {
                assertThat(parts).singleElement().satisfies(p -> assertThat(p).contains("HTTP/1.1 403")
                        .doesNotContain(fx.run));
                return;
            }
            assertThat(parts).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String part = parts.get(i);
                JsonNode value = json.readTree(part.substring(part.indexOf('{'))).path("value");
                assertThat(ids(value, rows.get(i).primaryId())).as(rows.get(i).entitySet())
                        .isEqualTo(fx.visibleIds(r, rows.get(i).entity()));
            }
        });
    }

    /** $expand of a lookup and of a collection, and a FetchXML link-entity, between contacts and accounts. */
    void expandAndLinks(List<DynamicTest> checks, Reader r) {
        String contacts = Http.enc("contains(lastname,'" + fx.run + "')");
        check(checks, r, "$expand single-valued contact to account", () -> {
            HttpResponse<String> res = api(r, "contacts?$select=contactid&$filter=" + contacts
                    + "&$expand=parentcustomerid_account($select=accountid)");
            if (denied(r, res)) {
                return;
            }
            for (JsonNode c : json.readTree(res.body()).path("value")) {
                Rec contact = fx.record("contact", UUID.fromString(c.path("contactid").asText()));
                Rec parent = fx.record("account", contact.parent());
                JsonNode expanded = c.path("parentcustomerid_account");
                assertThat(expanded.isMissingNode() || expanded.isNull() ? null
                        : UUID.fromString(expanded.path("accountid").asText()))
                        .as(contact.name()).isEqualTo(fx.visible(r, parent) ? parent.id() : null);
            }
        });
        check(checks, r, "$expand collection account to contacts", () -> {
            HttpResponse<String> res = api(r, "accounts?$select=accountid&$filter=" + Http.enc("contains(name,'"
                    + fx.run + "')") + "&$expand=contact_customer_accounts($select=contactid)");
            if (denied(r, res)) {
                return;
            }
            for (JsonNode a : json.readTree(res.body()).path("value")) {
                UUID account = UUID.fromString(a.path("accountid").asText());
                Set<UUID> want = new HashSet<>();
                fx.records.get("contact").stream().filter(c -> account.equals(c.parent()) && fx.visible(r, c))
                        .forEach(c -> want.add(c.id()));
                assertThat(ids(a.path("contact_customer_accounts"), "contactid")).isEqualTo(want);
            }
        });
        check(checks, r, "FetchXML link-entity contact to account", () -> {
            String fetch = "<fetch><entity name=\"contact\"><attribute name=\"contactid\"/><filter><condition "
                    + "attribute=\"lastname\" operator=\"like\" value=\"%" + fx.run + "%\"/></filter><link-entity "
                    + "name=\"account\" from=\"accountid\" to=\"parentcustomerid\" alias=\"a\" link-type=\"inner\">"
                    + "<attribute name=\"name\"/></link-entity></entity></fetch>";
            HttpResponse<String> res = api(r, "contacts?fetchXml=" + Http.enc(fetch));
            if (denied(r, res)) {
                return;
            }
            Set<UUID> want = new HashSet<>();
            fx.records.get("contact").stream().filter(c -> fx.visible(r, c)
                    && fx.visible(r, fx.record("account", c.parent()))).forEach(c -> want.add(c.id()));
            assertThat(ids(json.readTree(res.body()).path("value"), "contactid")).isEqualTo(want);
        });
    }

    /** RetrieveDuplicates of each account's name, the hub's timeline, and global search. */
    void duplicatesTimelineAndSearch(List<DynamicTest> checks, Reader r) {
        OrganizationService as = fx.f.as(r.id());
        for (Rec account : fx.records.get("account")) {
            boolean visible = fx.visible(r, account);
            check(checks, r, "RetrieveDuplicates " + account.name(), () -> {
                // duplicate detection finds nothing (rather than failing) for a reader of no accounts
                assertThat(duplicates(as, account)).isEqualTo(visible ? Set.of(account.id()) : Set.of());
            });
        }
        check(checks, r, "RetrieveTimeline of the hub", () -> {
            Rec hub = fx.record("account", fx.hub());
            if (blind(r)) {
                AccessMatrixTest.assertDenied(() -> timeline(as, hub.id()));
                return;
            }
            Set<UUID> want = new HashSet<>();
            // the hub's activities (campaign activities and responses are regarding their campaign)
            for (String type : List.of("phonecall", "task", "annotation")) {
                fx.records.get(type).stream().filter(x -> fx.visible(r, x)).forEach(x -> want.add(x.id()));
            }
            assertThat(timeline(as, hub.id())).isEqualTo(want);
        });
        check(checks, r, "global search", () -> {
            HttpResponse<String> res = ui(r).get("/search?q=" + Http.enc("*" + fx.run));
            assertThat(res.statusCode()).isEqualTo(200);
            for (AccessMatrixRows row : AccessMatrixRows.all()) {
                if (!row.ui()) {
                    continue;
                }
                Set<UUID> hits = new HashSet<>();
                Matcher m = Pattern.compile("href=\"/app/" + row.entity() + "/(" + UUIDS.pattern() + ")\"")
                        .matcher(res.body());
                while (m.find()) {
                    hits.add(UUID.fromString(m.group(1)));
                }
                Set<UUID> visible = fx.visibleIds(r, row.entity());
                assertThat(visible).as(row.entity() + " hits").containsAll(hits);
                assertThat(hits).as(row.entity() + " hits").hasSize(Math.min(visible.size(), 5));
            }
        });
    }

    /** The UI list (data-id of each row) and the CSV export (names) of the row's entity. */
    void ui(List<DynamicTest> checks, Reader r, AccessMatrixRows row) {
        Set<UUID> expected = fx.visibleIds(r, row.entity());
        String query = "q=" + Http.enc("*" + fx.run);
        check(checks, r, "UI list /app/" + row.entity(), () -> {
            HttpResponse<String> res = ui(r).get("/app/" + row.entity() + "?" + query);
            if (blind(r)) {
                assertThat(res.statusCode()).isEqualTo(403);
                return;
            }
            assertThat(res.statusCode()).isEqualTo(200);
            Set<UUID> rows = new HashSet<>();
            Matcher m = Pattern.compile("data-id=\"(" + UUIDS.pattern() + ")\"").matcher(res.body());
            while (m.find()) {
                rows.add(UUID.fromString(m.group(1)));
            }
            assertThat(rows).isEqualTo(expected);
        });
        check(checks, r, "UI export CSV /app/" + row.entity(), () -> {
            HttpResponse<String> res = ui(r).get("/app/" + row.entity() + "/export?" + query + "&cols="
                    + row.nameAttribute());
            if (blind(r)) {
                assertThat(res.statusCode()).isEqualTo(403);
                return;
            }
            assertThat(res.statusCode()).isEqualTo(200);
            List<String> names = new ArrayList<>(res.body().lines().skip(1).toList());
            List<String> want = new ArrayList<>(fx.records.get(row.entity()).stream().filter(x -> fx.visible(r, x))
                    .map(Rec::name).toList());
            names.sort(null);
            want.sort(null);
            assertThat(names).isEqualTo(want);
        });
    }

    private Set<UUID> duplicates(OrganizationService as, Rec account) {
        EntityCollection found = (EntityCollection) as.execute(new ActionRequest("RetrieveDuplicates", Map.of(
                "BusinessEntity", new Entity("account").set("name", account.name()), "MatchingEntityName",
                "account"))).output("DuplicateCollection");
        return new HashSet<>(found.entities().stream().map(Entity::id).toList());
    }

    private Set<UUID> timeline(OrganizationService as, UUID hub) {
        EntityCollection page = (EntityCollection) as.execute(new ActionRequest("RetrieveTimeline", Map.of(
                "Target", new EntityReference("account", hub), "PageSize", 250))).output("Timeline");
        assertThat(page.moreRecords()).isFalse();
        return new HashSet<>(page.entities().stream().map(Entity::id).toList());
    }

    /** True (and checked) when the reader holds no read privilege and the answer is 403. */
    private boolean denied(Reader r, HttpResponse<String> res) {
        if (blind(r)) {
            assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
            return true;
        }
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return false;
    }

    private static Set<UUID> ids(JsonNode values, String attribute) {
        Set<UUID> ids = new HashSet<>();
        values.forEach(v -> ids.add(UUID.fromString(v.path(attribute).asText())));
        return ids;
    }

    private static void check(List<DynamicTest> checks, Reader r, String what, Executable body) {
        checks.add(DynamicTest.dynamicTest(r + " " + what, body));
    }
}
