package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.webapi.ApiClient.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Associations through $ref, $batch with change sets, and actions and functions over HTTP. */
abstract class WebApiOperationsTest {

    @OnH2
    static class H2 extends WebApiOperationsTest {
    }

    @OnPostgres
    static class Postgres extends WebApiOperationsTest {
    }

    @LocalServerPort
    int port;

    ApiClient api;
    String run;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private String ref(String set, String id) {
        return "{\"@odata.id\":\"" + api.root() + set + "(" + id + ")\"}";
    }

    @Test
    void associateAndDisassociateThroughRef() {
        String account = create("accounts", "{\"name\":\"Ref " + run + "\"}");
        String contact = create("contacts", "{\"lastname\":\"Ref " + run + "\"}");
        assertThat(api.post("accounts(" + account + ")/contact_customer_accounts/$ref", ref("contacts", contact))
                .status()).isEqualTo(204);
        assertThat(api.get("contacts(" + contact + ")?$select=_parentcustomerid_value").json()
                .path("_parentcustomerid_value").asText()).isEqualTo(account);
        assertThat(api.delete("accounts(" + account + ")/contact_customer_accounts(" + contact + ")/$ref").status())
                .isEqualTo(204);
        assertThat(api.get("contacts(" + contact + ")?$select=_parentcustomerid_value").json()
                .path("_parentcustomerid_value").isNull()).isTrue();

        assertThat(api.put("contacts(" + contact + ")/parentcustomerid_account/$ref", ref("accounts", account))
                .status()).isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")/contact_customer_accounts?$select=lastname").json()
                .path("value")).hasSize(1);
        assertThat(api.delete("contacts(" + contact + ")/parentcustomerid_account/$ref").status()).isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")/contact_customer_accounts").json().path("value")).isEmpty();

        Response noId = api.post("accounts(" + account + ")/contact_customer_accounts/$ref", "{}");
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.errorMessage()).contains("@odata.id");
        Response wrongType = api.post("accounts(" + account + ")/contact_customer_accounts/$ref",
                ref("accounts", account));
        assertThat(wrongType.status()).isEqualTo(400);
        Response missing = api.post("accounts(" + account + ")/contact_customer_accounts/$ref",
                ref("contacts", UUID.randomUUID().toString()));
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void manyToManyAssociationsThroughRef() {
        JsonNode me = api.get("WhoAmI").json();
        String user = me.path("UserId").asText();
        String team = create("teams", "{\"name\":\"Team " + run + "\",\"businessunitid@odata.bind\":\"/businessunits("
                + me.path("BusinessUnitId").asText() + ")\"}");
        String path = "teams(" + team + ")/teammembership_association";
        assertThat(api.post(path + "/$ref", ref("systemusers", user)).status()).isEqualTo(204);
        JsonNode members = api.get(path + "?$select=fullname").json().path("value");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).path("systemuserid").asText()).isEqualTo(user);
        JsonNode expanded = api.get("teams(" + team + ")?$select=name&$expand=teammembership_association($select="
                + "fullname)").json();
        assertThat(expanded.path("teammembership_association")).hasSize(1);
        Response twice = api.post(path + "/$ref", ref("systemusers", user));
        assertThat(twice.status()).isEqualTo(412);
        assertThat(api.delete(path + "/$ref?$id=" + ApiClient.enc(api.root() + "systemusers(" + user + ")")).status())
                .isEqualTo(204);
        assertThat(api.get(path).json().path("value")).isEmpty();
    }

    private static String batchBody(String boundary, String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append("--").append(boundary).append("\r\n").append(p).append("\r\n");
        }
        return b.append("--").append(boundary).append("--\r\n").toString();
    }

    private String httpPart(String contentId, String requestLine, String json) {
        return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
                + (contentId == null ? "" : "Content-ID: " + contentId + "\r\n") + "\r\n" + requestLine
                + " HTTP/1.1\r\n" + (json == null ? "Accept: application/json\r\n\r\n" : "Content-Type: application/json"
                + "\r\n\r\n" + json + "\r\n");
    }

    @Test
    void batchWithChangeSetsCommitsOrRollsBackAsAWhole() {
        String changeSet = batchBody("changeset_1",
                httpPart("1", "POST " + api.root() + "accounts", "{\"name\":\"Batch " + run + "\"}"),
                httpPart("2", "POST $1/contact_customer_accounts", "{\"lastname\":\"Batch " + run + "\"}"),
                httpPart("3", "PATCH $1", "{\"telephone1\":\"555\"}"));
        String body = batchBody("batch_1",
                "Content-Type: multipart/mixed; boundary=changeset_1\r\n\r\n" + changeSet,
                httpPart(null, "GET accounts?$select=name,telephone1&$filter=" + ApiClient.enc("name eq 'Batch " + run
                        + "'"), null));
        Response r = api.post("$batch", body, "Content-Type", "multipart/mixed; boundary=batch_1");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("multipart/mixed; boundary=batchresponse_");
        String text = r.body();
        assertThat(text).contains("boundary=changesetresponse_").contains("Content-ID: 1")
                .contains("HTTP/1.1 204 No Content").contains("OData-EntityId: " + api.root() + "accounts(")
                .contains("HTTP/1.1 200 OK").contains("\"telephone1\":\"555\"");
        JsonNode contacts = api.get("contacts?$select=lastname&$expand=parentcustomerid_account($select=name)&$filter="
                + ApiClient.enc("lastname eq 'Batch " + run + "'")).json().path("value");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).path("parentcustomerid_account").path("name").asText()).isEqualTo("Batch " + run);

        String failing = batchBody("changeset_2",
                httpPart("1", "POST accounts", "{\"name\":\"Rollback " + run + "\"}"),
                httpPart("2", "POST contacts", "{\"firstname\":\"no last name\"}"));
        Response rolledBack = api.post("$batch", batchBody("batch_2",
                "Content-Type: multipart/mixed; boundary=changeset_2\r\n\r\n" + failing,
                httpPart(null, "GET WhoAmI", null)), "Content-Type", "multipart/mixed;boundary=batch_2");
        assertThat(rolledBack.status()).isEqualTo(400);
        assertThat(rolledBack.body()).contains("HTTP/1.1 400 Bad Request").contains("0x80040200")
                .doesNotContain("HTTP/1.1 204").doesNotContain("UserId");
        assertThat(api.get("accounts?$filter=" + ApiClient.enc("name eq 'Rollback " + run + "'")).json().path("value"))
                .isEmpty();

        Response continued = api.post("$batch", batchBody("batch_3",
                httpPart(null, "GET accounts(" + UUID.randomUUID() + ")", null), httpPart(null, "GET WhoAmI", null)),
                "Content-Type", "multipart/mixed;boundary=batch_3", "Prefer", "odata.continue-on-error");
        assertThat(continued.status()).isEqualTo(200);
        assertThat(continued.body()).contains("HTTP/1.1 404 Not Found").contains("UserId");

        Response notMultipart = api.post("$batch", "{}");
        assertThat(notMultipart.status()).isEqualTo(415);
        assertThat(notMultipart.errorMessage()).contains("multipart/mixed");
    }

    @Test
    void functionsAndActionsFromTheCatalog() {
        Response who = api.get("WhoAmI()");
        assertThat(who.status()).isEqualTo(200);
        JsonNode me = who.json();
        assertThat(me.path("@odata.context").asText()).isEqualTo(api.root()
                + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
        assertThat(me.path("UserId").asText()).matches("[0-9a-f-]{36}");
        assertThat(me.path("BusinessUnitId").asText()).matches("[0-9a-f-]{36}");
        assertThat(me.path("OrganizationId").asText()).matches("[0-9a-f-]{36}");
        Response post = api.post("WhoAmI", "{}");
        assertThat(post.status()).isEqualTo(404);
        assertThat(api.get("RetrieveVersion()").json().path("Version").asText()).startsWith("9.2");

        String account = create("accounts", "{\"name\":\"Echo " + run + "\"}");
        Response echo = api.post("rapport_Echo", "{\"Text\":\"hi\",\"Count\":3,\"Amount\":1.5,\"Account\":{"
                + "\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"" + account + "\"},"
                + "\"NewAccount\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"name\":\"Made " + run + "\"}}");
        assertThat(echo.status()).as(echo.body()).isEqualTo(200);
        assertThat(echo.json().path("Text").asText()).isEqualTo("hi|3|1.5|account(" + account + ")");
        assertThat(echo.json().path("Created").path("@odata.type").asText())
                .isEqualTo("#Microsoft.Dynamics.CRM.account");
        String made = echo.json().path("Created").path("accountid").asText();
        assertThat(api.get("accounts(" + made + ")?$select=name").json().path("name").asText()).isEqualTo("Made " + run);

        Response bound = api.get("accounts(" + account + ")/Microsoft.Dynamics.CRM.rapport_Describe(Suffix=@s)?@s="
                + ApiClient.enc("'!'"));
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertThat(bound.json().path("Text").asText()).isEqualTo("ECHO " + run.toUpperCase() + "!");
        Response inline = api.get("accounts(" + account + ")/Microsoft.Dynamics.CRM.rapport_Describe(Suffix='.')");
        assertThat(inline.json().path("Text").asText()).endsWith(".");

        Response missingParameter = api.post("rapport_Echo", "{\"Count\":3}");
        assertThat(missingParameter.status()).isEqualTo(400);
        assertThat(missingParameter.errorMessage()).isEqualTo("The parameter 'Text' of rapport_Echo is required.");
        Response wrongType = api.post("rapport_Echo", "{\"Text\":\"x\",\"Count\":\"three\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        Response unknownParameter = api.post("rapport_Echo", "{\"Text\":\"x\",\"Colour\":1}");
        assertThat(unknownParameter.status()).isEqualTo(400);
        Response wrongBinding = api.get("contacts(" + UUID.randomUUID() + ")/Microsoft.Dynamics.CRM.rapport_Describe("
                + "Suffix='x')");
        assertThat(wrongBinding.status()).isEqualTo(404);
    }
}
