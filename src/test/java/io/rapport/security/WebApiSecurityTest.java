package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.TestUsers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Row security through the Web API: list with $filter, $expand, FetchXML and $batch show a salesperson only their
 * own records and the administrator all; a denied write answers 403 with the Dataverse code and changes nothing;
 * sharing through GrantAccess shows the record to exactly the grantee; SQL in $filter and FetchXML is harmless.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebApiSecurityTest {

    @OnH2
    static class H2 extends WebApiSecurityTest {
    }

    @OnPostgres
    static class Postgres extends WebApiSecurityTest {
    }

    private static final String PASSWORD = "salesperson password";
    private static final String API = "/api/data/v9.2/";

    @Autowired
    OrganizationService org;

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    SecurityFixture f;
    Http http;
    UUID alice;
    UUID bob;
    UUID alices;
    UUID bobs;
    String asAlice;
    String asBob;
    String asAdmin;

    @BeforeAll
    void organization() {
        http = new Http(port);
        f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Web API", f.rootUnit());
        alice = f.user("alice", unit, SecurityFixture.OWN_RECORDS);
        bob = f.user("bob", unit, SecurityFixture.OWN_RECORDS);
        for (UUID u : List.of(alice, bob)) {
            org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", u),
                    Map.of("Password", PASSWORD)));
        }
        asAlice = Http.basic("alice-" + f.run, PASSWORD);
        asBob = Http.basic("bob-" + f.run, PASSWORD);
        asAdmin = Http.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        alices = f.account(alice, "alice");
        bobs = f.account(bob, "bob");
        org.create(new Entity("contact").set("lastname", "Bob's contact " + f.run)
                .set("parentcustomerid", new EntityReference("account", alices))
                .set("ownerid", new EntityReference("systemuser", bob)));
    }

    @Test
    void listAndFilterShowOnlyTheRecordsTheCallerMaySee() throws Exception {
        String path = "accounts?$select=name&$orderby=name&$filter=" + Http.enc("endswith(name,'" + f.run
                + "') and name ne 'shared " + f.run + "'");
        assertThat(names(get(path, asAlice))).containsExactly("alice " + f.run);
        assertThat(names(get(path, asAdmin))).containsExactly("alice " + f.run, "bob " + f.run);
        assertThat(get("accounts(" + bobs + ")?$select=name", asAlice).statusCode()).isEqualTo(403);
    }

    @Test
    void expandShowsOnlyRelatedRecordsTheCallerMaySee() throws Exception {
        String path = "accounts(" + alices + ")?$select=name&$expand=contact_customer_accounts($select=lastname)";
        assertThat(body(get(path, asAlice)).path("contact_customer_accounts")).isEmpty();
        assertThat(body(get(path, asAdmin)).path("contact_customer_accounts")).hasSize(1);
    }

    @Test
    void fetchXmlShowsOnlyTheRecordsTheCallerMaySee() throws Exception {
        String fetch = "<fetch><entity name=\"account\"><attribute name=\"name\"/><filter><condition "
                + "attribute=\"name\" operator=\"like\" value=\"%" + f.run + "\"/></filter></entity></fetch>";
        assertThat(names(get("accounts?fetchXml=" + Http.enc(fetch), asAlice))).contains("alice " + f.run)
                .doesNotContain("bob " + f.run);
        assertThat(names(get("accounts?fetchXml=" + Http.enc(fetch), asAdmin))).contains("alice " + f.run,
                "bob " + f.run);
        String injected = "<fetch><entity name=\"account\"><attribute name=\"name\"/><filter><condition "
                + "attribute=\"name\" operator=\"eq\" value=\"x' or '1'='1\"/></filter></entity></fetch>";
        assertThat(names(get("accounts?fetchXml=" + Http.enc(injected), asAlice))).isEmpty();
    }

    @Test
    void batchReadsAreFilteredAndADeniedWriteInAChangeSetChangesNothing() {
        String read = part("GET " + API + "accounts?$select=name&$filter=" + Http.enc("endswith(name,'" + f.run
                + "')"), null);
        String changeSet = "--cs\r\n" + part("PATCH " + API + "accounts(" + bobs + ")", "{\"name\":\"taken\"}")
                + "\r\n--cs--\r\n";
        String batch = "--b\r\n" + read + "\r\n--b\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n" + changeSet
                + "\r\n--b--\r\n";
        HttpResponse<String> r = http.send("POST", API + "$batch", batch, "Authorization", asAlice,
                "Content-Type", "multipart/mixed; boundary=b");
        // like Dataverse, a batch whose change set failed answers 400; each part carries its own status
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("alice " + f.run).doesNotContain("\"bob " + f.run)
                .contains("403").contains("0x80042f06");
        assertThat(org.retrieve("account", bobs, ColumnSet.of("name")).getString("name")).isEqualTo("bob " + f.run);
    }

    @Test
    void aDeniedWriteAnswers403WithTheDataverseCodeAndChangesNothing() throws Exception {
        HttpResponse<String> r = http.send("PATCH", API + "accounts(" + bobs + ")", "{\"name\":\"taken\"}",
                "Authorization", asAlice);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json.readTree(r.body()).at("/error/code").asText()).isEqualTo("0x80042f06");
        assertThat(json.readTree(r.body()).at("/error/message").asText()).contains("prvWriteAccount");
        HttpResponse<String> noPrivilege = http.send("POST", API + "roles", "{\"name\":\"mine\"}",
                "Authorization", asAlice);
        assertThat(noPrivilege.statusCode()).isEqualTo(403);
        assertThat(json.readTree(noPrivilege.body()).at("/error/code").asText()).isEqualTo("0x80040220");
        assertThat(org.retrieve("account", bobs, ColumnSet.of("name")).getString("name")).isEqualTo("bob " + f.run);
    }

    @Test
    void grantAccessOverTheWebApiShowsTheRecordToExactlyTheGrantee() throws Exception {
        UUID shared = f.account(alice, "shared");
        String list = "accounts?$select=name&$filter=" + Http.enc("name eq 'shared " + f.run + "'");
        assertThat(names(get(list, asBob))).isEmpty();
        String grant = "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"" + shared
                + "\"},\"PrincipalAccess\":{\"Principal\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.systemuser\","
                + "\"systemuserid\":\"" + bob + "\"},\"AccessMask\":\"ReadAccess\"}}";
        HttpResponse<String> r = http.send("POST", API + "GrantAccess", grant, "Authorization", asAlice);
        // GrantAccess and RevokeAccess return nothing: 204 No Content, as in Dataverse
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(names(get(list, asBob))).containsExactly("shared " + f.run);
        String revoke = "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"" + shared
                + "\"},\"Revokee\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.systemuser\",\"systemuserid\":\"" + bob
                + "\"}}";
        assertThat(http.send("POST", API + "RevokeAccess", revoke, "Authorization", asAlice).statusCode())
                .isEqualTo(204);
        assertThat(names(get(list, asBob))).isEmpty();
    }

    @Test
    void sqlInFilterIsHarmless() throws Exception {
        String quoted = "accounts?$select=name&$filter=" + Http.enc("name eq 'x'' or ''1''=''1'");
        assertThat(names(get(quoted, asAlice))).isEmpty();
        assertThat(get("accounts?$filter=" + Http.enc("name eq 'x') or (1 eq 1"), asAlice).statusCode())
                .isEqualTo(400);
        assertThat(get("accounts?$select=" + Http.enc("name,(select passwordhash from sys_credential)"), asAlice)
                .statusCode()).isEqualTo(400);
        assertThat(names(get("accounts?$select=name&$filter=" + Http.enc("endswith(name,'" + f.run + "')"),
                asAdmin))).contains("alice " + f.run, "bob " + f.run);
    }

    private HttpResponse<String> get(String path, String authorization) {
        return http.get(API + path, "Authorization", authorization, "Accept", "application/json");
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private List<String> names(HttpResponse<String> r) throws Exception {
        List<String> names = new ArrayList<>();
        body(r).path("value").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    private static String part(String requestLine, String jsonBody) {
        return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" + requestLine
                + " HTTP/1.1\r\n" + (jsonBody == null ? "Accept: application/json\r\n\r\n"
                : "Content-Type: application/json\r\n\r\n" + jsonBody + "\r\n");
    }
}
