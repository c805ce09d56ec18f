package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Dataverse search's {@code searchquery} action over HTTP as a Salesperson: the matches across tables of what the
 * caller may read (a case, which the Salesperson role may not read, never shows, not even in the count, while the
 * service agent who wrote it finds it), with
 * Dataverse's response string (Value with Id, EntityName, ObjectTypeCode, Attributes, Highlights, Score; Count),
 * per-table columns and filters, required and excluded words, phrases, paging; what it cannot answer as Dataverse's
 * index does is a 400 naming it.
 */
abstract class SearchQueryWebApiTest {

    @OnH2
    static class H2 extends SearchQueryWebApiTest {
    }

    @OnPostgres
    static class Postgres extends SearchQueryWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    Principals people;
    ApiClient seller;
    String run;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        run = "q" + UUID.randomUUID().toString().substring(0, 8);
        seller = ApiClient.signedIn(port, people, people.user("searcher", people.businessUnit("Search unit "
                + UUID.randomUUID(), people.rootUnit()), "Salesperson"));
    }

    private String create(ApiClient as, String set, String json) {
        Response r = as.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private JsonNode search(String body) throws Exception {
        return searchAs(seller, body);
    }

    private static JsonNode searchAs(ApiClient as, String body) throws Exception {
        Response r = as.post("searchquery", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("@odata.context").asText()).endsWith(
                "$metadata#Microsoft.Dynamics.CRM.searchqueryResponse");
        return ApiClient.JSON.readTree(r.json().path("response").asText());
    }

    private static List<String> ids(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("Value").forEach(v -> ids.add(v.path("Id").asText()));
        return ids;
    }

    @Test
    void findsWhatTheCallerMayReadAcrossTablesWithDataversesResponse() throws Exception {
        String ski = create(seller, "accounts", "{\"name\":\"Alpine " + run + " Ski House\",\"telephone1\":\"555\"}");
        String lodge = create(seller, "accounts", "{\"name\":\"Alpine " + run + " Lodge\"}");
        String maria = create(seller, "contacts", "{\"firstname\":\"Maria\",\"lastname\":\"" + run + "son\"}");
        // a case: a Salesperson holds no privilege on cases, so that table is left out of their search
        ApiClient agent = ApiClient.signedIn(port, people, people.user("agent", people.businessUnit(
                "Service " + UUID.randomUUID(), people.rootUnit()), "Customer Service Representative"));
        String hidden = create(agent, "incidents", "{\"title\":\"Alpine " + run + " Hidden\","
                + "\"customerid_account@odata.bind\":\"/accounts(" + ski + ")\"}");
        assertThat(seller.get("incidents(" + hidden + ")").status()).isEqualTo(403);
        assertThat(ids(searchAs(agent, "{\"search\":\"" + run + "\"}"))).contains(hidden, ski);

        JsonNode all = search("{\"search\":\"" + run + "\",\"count\":true}");
        assertThat(ids(all)).containsExactlyInAnyOrder(ski, lodge, maria);
        assertThat(all.path("Count").asLong()).isEqualTo(3);
        assertThat(all.path("Error").isNull()).isTrue();
        assertThat(all.path("Facets").isObject()).isTrue();
        JsonNode first = null;
        for (JsonNode v : all.path("Value")) {
            if (v.path("Id").asText().equals(ski)) {
                first = v;
            }
        }
        assertThat(first.path("EntityName").asText()).isEqualTo("account");
        assertThat(first.path("ObjectTypeCode").asInt()).isEqualTo(1);
        assertThat(first.path("Attributes").path("name").asText()).isEqualTo("Alpine " + run + " Ski House");
        assertThat(first.path("Highlights").path("name").get(0).asText())
                .isEqualTo("Alpine {crmhit}" + run + "{/crmhit} Ski House");
        assertThat(first.path("Score").asDouble()).isEqualTo(1.0);

        // a table of its own, with the columns to answer and search and its filter
        JsonNode phone = search("{\"search\":\"alpine\",\"entities\":\"[{\\\"name\\\":\\\"account\\\",\\\"selectColumns"
                + "\\\":[\\\"name\\\",\\\"telephone1\\\"],\\\"searchColumns\\\":[\\\"name\\\"],\\\"filter\\\":\\\"telephone1 "
                + "eq '555' and contains(name,'" + run + "')\\\"}]\"}");
        assertThat(ids(phone)).containsExactly(ski);
        assertThat(phone.path("Value").get(0).path("Attributes").path("telephone1").asText()).isEqualTo("555");
        assertThat(phone.path("Count").asLong()).isEqualTo(-1);

        // every word (searchmodelall), a word left out, a phrase, a prefix, paging by score then newest first
        assertThat(ids(search("{\"search\":\"" + run + " lodge\",\"options\":\"[\\\"searchmodelall\\\"]\"}")))
                .containsExactly(lodge);
        assertThat(ids(search("{\"search\":\"" + run + " -ski\"}"))).containsExactlyInAnyOrder(lodge, maria);
        assertThat(ids(search("{\"search\":\"\\\"" + run + " ski\\\"\"}"))).containsExactly(ski);
        assertThat(ids(search("{\"search\":\"" + run.substring(0, 6) + "*\"}"))).contains(ski, lodge, maria);
        String accounts = ",\"entities\":\"[{\\\"name\\\":\\\"account\\\"}]\"";
        JsonNode ranked = search("{\"search\":\"" + run + " lodge\"" + accounts + "}");
        assertThat(ids(ranked)).containsExactly(lodge, ski);
        assertThat(ranked.path("Value").get(0).path("Score").asDouble()).isEqualTo(2.0);
        assertThat(ranked.path("Value").get(1).path("Score").asDouble()).isEqualTo(1.0);
        JsonNode page = search("{\"search\":\"" + run + " lodge\",\"top\":1,\"skip\":1,\"count\":true" + accounts
                + "}");
        assertThat(ids(page)).containsExactly(ski);
        assertThat(page.path("Count").asLong()).isEqualTo(2);
    }

    @Test
    void whatTheDatabaseCannotAnswerAsDataversesIndexIsRefusedNamingIt() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("{\"search\":\"\"}", "search must hold the text to search for.");
        bodies.put("{\"search\":\"" + "x".repeat(101) + "\"}", "search has 101 characters; at most 100 are allowed.");
        bodies.put("{\"search\":\"hotel+(wifi | luxury)\"}", "search: grouping with ( ) and | is not supported by "
                + "Rapport's search; escape the character with \\ to search for it.");
        bodies.put("{\"search\":\"x\",\"facets\":\"[\\\"entityname,count:100\\\"]\"}", "facets are not supported by "
                + "Rapport's search; leave them out.");
        bodies.put("{\"search\":\"x\",\"filter\":\"account:revenue gt 5\"}", "filter across tables is not supported "
                + "by Rapport's search; give each table's filter in entities.");
        bodies.put("{\"search\":\"x\",\"options\":\"[\\\"lucene\\\"]\"}", "The option 'lucene' is not supported by "
                + "Rapport's search (only searchmodelall is).");
        bodies.put("{\"search\":\"x\",\"top\":101}", "top must be from 1 to 100, not 101.");
        bodies.put("{\"search\":\"x\",\"orderby\":\"[\\\"name asc\\\"]\"}", "orderby 'name asc': order by "
                + "@search.score, modifiedon or createdon, asc or desc.");
        bodies.put("{\"search\":\"x\",\"entities\":\"[{\\\"name\\\":\\\"nosuchtable\\\"}]\"}", "entities: there is no "
                + "table named 'nosuchtable' to search.");
        bodies.put("{\"search\":\"x\",\"entities\":\"[{\\\"name\\\":\\\"account\\\",\\\"searchColumns\\\":"
                + "[\\\"revenue\\\"]}]\"}", "entities: account.revenue holds no text to search (searchColumns).");
        bodies.put("{\"search\":\"x\",\"entities\":\"[{\\\"name\\\":\\\"account\\\",\\\"filter\\\":\\\"nosuch eq 1\\\""
                + "}]\"}", "entities: the filter of account: ");
        bodies.put("{\"search\":\"-only\"}", "search must hold at least one word to look for, not only words to "
                + "leave out.");
        for (Map.Entry<String, String> b : bodies.entrySet()) {
            Response r = seller.post("searchquery", b.getKey());
            assertThat(r.status()).as(b.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.errorMessage()).as(b.getKey()).startsWith(b.getValue());
        }
    }
}
