package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.audit.AuditLog;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * CreateMultiple, UpdateMultiple, UpsertMultiple and DeleteMultiple over HTTP as Dataverse's actions bound to an
 * entity set, as a salesperson (Salesperson role only, child business unit): each record runs its own plugins
 * (contact full names), privilege check and audit entry; one failing record answers the Dataverse error and leaves
 * every record as it was.
 */
abstract class BulkMessagesWebApiTest {

    @OnH2
    static class H2 extends BulkMessagesWebApiTest {
    }

    @OnPostgres
    static class Postgres extends BulkMessagesWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    @Autowired
    AuditLog audit;

    ApiClient api;
    Principals people;
    UUID seller;
    String run;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        UUID unit = people.businessUnit("Bulk", people.rootUnit());
        seller = people.user("bulk", unit, "Salesperson");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(seller) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private static String contact(String first, String last) {
        return "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"firstname\":\"" + first + "\",\"lastname\":\""
                + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(last)) + "\"}";
    }

    private List<String> createContacts(String... lastNames) {
        StringBuilder body = new StringBuilder("{\"Targets\":[");
        for (int i = 0; i < lastNames.length; i++) {
            body.append(i == 0 ? "" : ",").append(contact("Ann", lastNames[i]));
        }
        Response r = api.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple", body.append("]}").toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("@odata.context").asText())
                .endsWith("$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse");
        List<String> ids = new ArrayList<>();
        r.json().path("Ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(lastNames.length);
        return ids;
    }

    private JsonNode contact(String id) {
        Response r = api.get("contacts(" + id + ")?$select=fullname,lastname,_ownerid_value");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void createMultipleRunsEachRecordsPluginsAndAuditAndReturnsTheIds() {
        List<String> ids = createContacts("Alpha " + run, "Beta " + run, "Gamma " + run);
        JsonNode first = contact(ids.get(0));
        assertThat(first.path("fullname").asText()).isEqualTo("Ann Alpha " + run);
        assertThat(first.path("_ownerid_value").asText()).isEqualTo(seller.toString());
        assertThat(contact(ids.get(2)).path("fullname").asText()).isEqualTo("Ann Gamma " + run);
        assertThat(audit.history("contact", UUID.fromString(ids.get(1)), 1, 10))
                .singleElement().satisfies(e -> {
                    assertThat(e.operation()).isEqualTo("Create");
                    assertThat(e.userId()).isEqualTo(seller);
                });
    }

    @Test
    void aLargeCreateMultipleRunsTheCreatePluginOnEveryRecordAndAuditsEveryRecord() {
        // 40 records: on PostgreSQL the rows and their audit entries go through COPY
        String[] lastNames = new String[40];
        for (int i = 0; i < lastNames.length; i++) {
            lastNames[i] = "Many " + run + " " + i;
        }
        // what JSON and COPY's text format both escape: written and audited as sent
        lastNames[7] = "Many " + run + " 7 back\\slash \"quoted\" tab\tend";
        List<String> ids = createContacts(lastNames);
        JsonNode rows = api.get("contacts?$select=fullname,lastname,_ownerid_value,versionnumber&$filter="
                + ApiClient.enc("startswith(lastname,'Many " + run + " ')")).json().path("value");
        assertThat(rows).hasSize(40);
        java.util.Set<Long> versions = new java.util.HashSet<>();
        for (JsonNode row : rows) {
            assertThat(row.path("fullname").asText()).isEqualTo("Ann " + row.path("lastname").asText());
            assertThat(row.path("_ownerid_value").asText()).isEqualTo(seller.toString());
            versions.add(row.path("versionnumber").asLong());
        }
        assertThat(versions).hasSize(40).doesNotContain(0L);
        for (String id : ids) {
            assertThat(audit.history("contact", UUID.fromString(id), 1, 10)).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo("Create");
                assertThat(e.userId()).isEqualTo(seller);
                assertThat(e.changes().get("lastname").newValue()).asString().startsWith("Many " + run + " ");
            });
        }
        assertThat(audit.history("contact", UUID.fromString(ids.get(7)), 1, 10).get(0).changes().get("lastname")
                .newValue()).isEqualTo(lastNames[7]);
        assertThat(api.get("contacts(" + ids.get(7) + ")?$select=lastname").json().path("lastname").asText())
                .isEqualTo(lastNames[7]);
    }

    @Test
    void aRowTheDatabaseRefusesRollsBackTheWholeBatch() {
        StringBuilder body = new StringBuilder("{\"Targets\":[");
        for (int i = 0; i < 20; i++) {
            // the last record repeats the first one's account number, which the alternate key keeps unique
            body.append(i == 0 ? "" : ",").append("{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"name\":"
                    + "\"Refused ").append(run).append("\",\"accountnumber\":\"R").append(run).append('-')
                    .append(i == 19 ? 0 : i).append("\"}");
        }
        Response r = api.post("accounts/Microsoft.Dynamics.CRM.CreateMultiple", body.append("]}").toString());
        assertThat(r.status()).as(r.body()).isEqualTo(412);
        assertThat(r.errorCode()).isEqualTo("0x80060892");
        assertThat(api.get("accounts?$select=name&$filter=" + ApiClient.enc("name eq 'Refused " + run + "'")).json()
                .path("value")).isEmpty();
    }

    @Test
    void updateMultipleChangesEveryRecordThroughItsUpdateStages() {
        List<String> ids = createContacts("One " + run, "Two " + run);
        Response r = api.post("contacts/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"contactid\":\"" + ids.get(0)
                + "\",\"firstname\":\"Bea\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"contactid\":\"" + ids.get(1)
                + "\",\"jobtitle\":\"Buyer\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(contact(ids.get(0)).path("fullname").asText()).isEqualTo("Bea One " + run);
        assertThat(api.get("contacts(" + ids.get(1) + ")?$select=jobtitle").json().path("jobtitle").asText())
                .isEqualTo("Buyer");
        assertThat(audit.history("contact", UUID.fromString(ids.get(0)), 1, 10)).extracting(e -> e.operation())
                .containsExactlyInAnyOrder("Create", "Update");
    }

    @Test
    void upsertMultipleUpdatesWhatExistsAndCreatesTheRestByIdOrAlternateKey() {
        String number = "BULK-" + run;
        Response r = api.post("accounts/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"@odata.id\":\"accounts(accountnumber='"
                + number + "')\",\"name\":\"Keyed " + run + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        JsonNode created = api.get("accounts?$select=name,accountnumber&$filter="
                + ApiClient.enc("accountnumber eq '" + number + "'"))
                .json().path("value");
        assertThat(created).hasSize(1);
        assertThat(created.get(0).path("name").asText()).isEqualTo("Keyed " + run);
        String id = created.get(0).path("accountid").asText();
        String fresh = UUID.randomUUID().toString();
        r = api.post("accounts/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"@odata.id\":\"accounts(accountnumber='"
                + number + "')\",\"name\":\"Keyed again " + run + "\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"" + fresh
                + "\",\"name\":\"By id " + run + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(api.get("accounts(" + id + ")?$select=name").json().path("name").asText())
                .isEqualTo("Keyed again " + run);
        assertThat(api.get("accounts(" + fresh + ")?$select=name").json().path("name").asText())
                .isEqualTo("By id " + run);
    }

    @Test
    void deleteMultipleDeletesOwnRecordsAndNothingWhenOneIsNotTheCallers() {
        List<String> ids = createContacts("Del1 " + run, "Del2 " + run);
        UUID others = org.create(new Entity("contact").set("lastname", "Admin's " + run));
        Response denied = api.post("contacts/Microsoft.Dynamics.CRM.DeleteMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"contactid\":\"" + ids.get(0) + "\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"contactid\":\"" + others + "\"}]}");
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("0x80042f06");
        assertThat(api.get("contacts(" + ids.get(0) + ")").status()).isEqualTo(200);

        Response r = api.post("contacts/Microsoft.Dynamics.CRM.DeleteMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"contactid\":\"" + ids.get(0) + "\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"@odata.id\":\"contacts(" + ids.get(1)
                + ")\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(api.get("contacts(" + ids.get(0) + ")").status()).isEqualTo(404);
        assertThat(api.get("contacts(" + ids.get(1) + ")").status()).isEqualTo(404);
        assertThat(audit.history("contact", UUID.fromString(ids.get(1)), 1, 10)).extracting(e -> e.operation())
                .contains("Delete");
    }

    @Test
    void aRecordTheCallerMayNotWriteFailsTheWholeUpdate() {
        UUID own = people.as(seller).create(new Entity("task").set("subject", "Own " + run));
        UUID rootTask = org.create(new Entity("task").set("subject", "Root unit " + run));
        Response r = api.post("tasks/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.task\",\"activityid\":\"" + own
                + "\",\"subject\":\"Changed\"},"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.task\",\"activityid\":\"" + rootTask
                + "\",\"subject\":\"Changed\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("0x80042f06");
        assertThat(org.retrieve("task", own, io.rapport.query.ColumnSet.of("subject")).getString("subject"))
                .isEqualTo("Own " + run);
    }

    @Test
    void oneInvalidRecordCreatesNothing() {
        Response r = api.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple", "{\"Targets\":["
                + contact("Ok", "Rolled back " + run) + ","
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"firstname\":\"No last name\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("0x80040200");
        assertThat(api.get("contacts?$select=lastname&$filter="
                + ApiClient.enc("lastname eq 'Rolled back " + run + "'")).json()
                .path("value")).isEmpty();
    }

    @Test
    void badTargetsAnswer400WithTheReason() {
        Response untyped = api.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple",
                "{\"Targets\":[{\"lastname\":\"x\"}]}");
        assertThat(untyped.status()).isEqualTo(400);
        assertThat(untyped.errorMessage()).contains("@odata.type");
        Response wrongType = api.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple",
                "{\"Targets\":[{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"name\":\"x\"}]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorMessage()).contains("does not belong to the entity set contacts");
        Response noTargets = api.post("contacts/Microsoft.Dynamics.CRM.UpdateMultiple", "{}");
        assertThat(noTargets.status()).isEqualTo(400);
        assertThat(noTargets.errorMessage()).contains("'Targets'");
        Response get = api.get("contacts/Microsoft.Dynamics.CRM.CreateMultiple");
        assertThat(get.status()).isEqualTo(405);
        Response missing = api.post("contacts/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":[{"
                + "\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\",\"contactid\":\"" + UUID.randomUUID()
                + "\",\"lastname\":\"x\"}]}");
        assertThat(missing.status()).isEqualTo(404);
    }
}
