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
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Merge over the Web API as Dataverse's unbound action: a salesperson merges two accounts (the subordinate's
 * contacts, activities and notes move to the master, audited; the subordinate is deactivated with masterid and
 * merged), parenting checks refuse different parents and change nothing, and a customer service representative
 * merges two cases (the subordinate becomes Canceled / Merged).
 */
abstract class MergeWebApiTest {

    @OnH2
    static class H2 extends MergeWebApiTest {
    }

    @OnPostgres
    static class Postgres extends MergeWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    @Autowired
    AuditLog audit;

    Principals people;
    String run;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private ApiClient as(String role) {
        UUID unit = people.businessUnit("Merge " + role, people.rootUnit());
        UUID user = people.user("merger", unit, role);
        return new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static String create(ApiClient api, String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private static String merge(String entity, String target, String subordinate, String content, boolean checks) {
        return "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM." + entity + "\",\"" + entity + "id\":\""
                + target + "\"},\"Subordinate\":{\"@odata.type\":\"Microsoft.Dynamics.CRM." + entity + "\",\""
                + entity + "id\":\"" + subordinate + "\"}," + (content == null ? "" : "\"UpdateContent\":" + content
                + ",") + "\"PerformParentingChecks\":" + checks + "}";
    }

    @Test
    void aSalespersonMergesTwoAccountsAndTheirRecordsMoveToTheMaster() {
        ApiClient api = as("Salesperson");
        String master = create(api, "accounts", "{\"name\":\"Contoso " + run + "\"}");
        String duplicate = create(api, "accounts", "{\"name\":\"Contoso Ltd " + run + "\",\"telephone1\":\"555 0100\"}");
        String contact = create(api, "contacts", "{\"lastname\":\"Moved " + run + "\","
                + "\"parentcustomerid_account@odata.bind\":\"/accounts(" + duplicate + ")\"}");
        // someone else's activity and note, which the salesperson may not write: the move runs as the system
        EntityReference dup = new EntityReference("account", UUID.fromString(duplicate));
        UUID task = org.create(new Entity("task").set("subject", "Call " + run).set("regardingobjectid", dup));
        UUID note = org.create(new Entity("annotation").set("subject", "Note " + run).set("objectid", dup));

        Response r = api.post("Merge", merge("account", master, duplicate,
                "{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"telephone1\":\"555 0100\"}", false));
        assertThat(r.status()).as(r.body()).isEqualTo(204);

        assertThat(api.get("contacts(" + contact + ")?$select=_parentcustomerid_value").json()
                .path("_parentcustomerid_value").asText()).isEqualTo(master);
        assertThat(api.get("tasks(" + task + ")?$select=_regardingobjectid_value").json()
                .path("_regardingobjectid_value").asText()).isEqualTo(master);
        assertThat(api.get("annotations(" + note + ")?$select=_objectid_value").json()
                .path("_objectid_value").asText()).isEqualTo(master);
        JsonNode sub = api.get("accounts(" + duplicate + ")?$select=statecode,statuscode,merged,_masterid_value")
                .json();
        assertThat(sub.path("statecode").asInt()).isEqualTo(1);
        assertThat(sub.path("statuscode").asInt()).isEqualTo(2);
        assertThat(sub.path("merged").asBoolean()).isTrue();
        assertThat(sub.path("_masterid_value").asText()).isEqualTo(master);
        assertThat(api.get("accounts(" + master + ")?$select=telephone1").json().path("telephone1").asText())
                .isEqualTo("555 0100");
        assertThat(audit.history("contact", UUID.fromString(contact), 1, 10)).extracting(e -> e.operation())
                .contains("Update");
    }

    @Test
    void parentingChecksRefuseRecordsWithDifferentParentsAndChangeNothing() {
        ApiClient api = as("Salesperson");
        String parent = create(api, "accounts", "{\"name\":\"Parent " + run + "\"}");
        String master = create(api, "accounts", "{\"name\":\"Child A " + run + "\","
                + "\"parentaccountid@odata.bind\":\"/accounts(" + parent + ")\"}");
        String duplicate = create(api, "accounts", "{\"name\":\"Child B " + run + "\"}");
        Response r = api.post("Merge", merge("account", master, duplicate, null, true));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("0x80040265");
        assertThat(r.errorMessage()).contains("different parents");
        assertThat(api.get("accounts(" + duplicate + ")?$select=statecode").json().path("statecode").asInt())
                .isZero();

        Response self = api.post("Merge", merge("account", master, master, null, false));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.errorMessage()).contains("into itself");
        Response unsupported = api.post("Merge", merge("opportunity", master, duplicate, null, false));
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.errorMessage()).contains("accounts, contacts, leads and cases");
    }

    @Test
    void aRepresentativeMergesTwoCases() {
        ApiClient api = as("Customer Service Representative");
        String account = create(api, "accounts", "{\"name\":\"Fabrikam " + run + "\"}");
        String master = create(api, "incidents", "{\"title\":\"No internet " + run + "\","
                + "\"customerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
        String duplicate = create(api, "incidents", "{\"title\":\"Internet down " + run + "\","
                + "\"customerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
        Response r = api.post("Merge", merge("incident", master, duplicate, null, false));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        JsonNode sub = api.get("incidents(" + duplicate + ")?$select=statecode,statuscode,merged,_masterid_value")
                .json();
        assertThat(sub.path("statecode").asInt()).isEqualTo(2);
        assertThat(sub.path("statuscode").asInt()).isEqualTo(2000);
        assertThat(sub.path("merged").asBoolean()).isTrue();
        assertThat(sub.path("_masterid_value").asText()).isEqualTo(master);
        assertThat(api.get("incidents(" + master + ")?$select=statecode").json().path("statecode").asInt()).isZero();
    }
}
