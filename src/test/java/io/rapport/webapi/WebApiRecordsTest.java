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

/** Create, retrieve, update, upsert and delete of records over HTTP, with ETags, lookups and annotations. */
abstract class WebApiRecordsTest {

    @OnH2
    static class H2 extends WebApiRecordsTest {
    }

    @OnPostgres
    static class Postgres extends WebApiRecordsTest {
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

    private String createAccount(String json) {
        Response r = api.post("accounts", json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    @Test
    void createAnswers204WithEntityIdAndTheRecordReadsBack() {
        Response created = api.post("accounts", "{\"name\":\"Contoso " + run + "\",\"accountnumber\":\"A-" + run
                + "\",\"revenue\":1250000.5,\"numberofemployees\":250,\"industrycode\":18,\"creditonhold\":false}");
        assertThat(created.status()).isEqualTo(204);
        assertThat(created.header("OData-EntityId")).matches(api.root() + "accounts\\([0-9a-f-]{36}\\)");
        assertThat(created.header("OData-Version")).isEqualTo("4.0");
        String id = ApiClient.idOf(created);

        Response read = api.get("accounts(" + id + ")?$select=name,revenue,industrycode,accountnumber");
        assertThat(read.status()).isEqualTo(200);
        JsonNode body = read.json();
        assertThat(body.path("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#accounts(name,revenue,industrycode,accountnumber)/$entity");
        assertThat(body.path("@odata.etag").asText()).matches("W/\"\\d+\"");
        assertThat(read.header("ETag")).isEqualTo(body.path("@odata.etag").asText());
        assertThat(body.path("accountid").asText()).isEqualTo(id);
        assertThat(body.path("name").asText()).isEqualTo("Contoso " + run);
        assertThat(body.path("revenue").decimalValue()).isEqualByComparingTo("1250000.5");
        assertThat(body.path("industrycode").asInt()).isEqualTo(18);
        assertThat(body.has("numberofemployees")).isFalse();
        assertThat(body.has("name@OData.Community.Display.V1.FormattedValue")).isFalse();

        Response byKey = api.get("accounts(accountnumber='A-" + run + "')?$select=name");
        assertThat(byKey.status()).isEqualTo(200);
        assertThat(byKey.json().path("accountid").asText()).isEqualTo(id);

        Response notModified = api.get("accounts(" + id + ")?$select=name,revenue,industrycode,accountnumber",
                "If-None-Match", read.header("ETag"));
        assertThat(notModified.status()).isEqualTo(304);
    }

    @Test
    void createWithReturnRepresentationAnswers201WithTheSelectedColumns() {
        Response r = api.post("accounts?$select=name,accountnumber", "{\"name\":\"Rep " + run
                + "\",\"accountnumber\":\"R-" + run + "\"}", "Prefer", "return=representation");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Preference-Applied")).isEqualTo("return=representation");
        JsonNode body = r.json();
        assertThat(body.path("@odata.context").asText()).endsWith("$metadata#accounts(name,accountnumber)/$entity");
        assertThat(body.path("name").asText()).isEqualTo("Rep " + run);
        assertThat(body.path("accountid").asText()).isNotEmpty();
        assertThat(body.has("revenue")).isFalse();
    }

    @Test
    void patchUpdatesAndUpsertsAndHonoursConditions() {
        String id = createAccount("{\"name\":\"Patch " + run + "\"}");
        Response updated = api.patch("accounts(" + id + ")", "{\"telephone1\":\"555-0100\"}");
        assertThat(updated.status()).isEqualTo(204);
        assertThat(updated.header("OData-EntityId")).endsWith("accounts(" + id + ")");
        assertThat(api.get("accounts(" + id + ")?$select=telephone1").json().path("telephone1").asText())
                .isEqualTo("555-0100");

        String newId = UUID.randomUUID().toString();
        Response upserted = api.patch("accounts(" + newId + ")", "{\"name\":\"Upserted " + run + "\"}");
        assertThat(upserted.status()).isEqualTo(204);
        assertThat(api.get("accounts(" + newId + ")?$select=name").json().path("name").asText())
                .isEqualTo("Upserted " + run);

        Response updateOnly = api.patch("accounts(" + UUID.randomUUID() + ")", "{\"name\":\"x\"}", "If-Match", "*");
        assertThat(updateOnly.status()).isEqualTo(404);
        assertThat(updateOnly.errorCode()).isEqualTo("0x80040217");

        Response createOnly = api.patch("accounts(" + id + ")", "{\"name\":\"x\"}", "If-None-Match", "*");
        assertThat(createOnly.status()).isEqualTo(412);
        assertThat(createOnly.errorCode()).isEqualTo("0x80040237");
        assertThat(api.get("accounts(" + id + ")?$select=name").json().path("name").asText())
                .isEqualTo("Patch " + run);

        String etag = api.get("accounts(" + id + ")?$select=name").header("ETag");
        assertThat(api.patch("accounts(" + id + ")", "{\"name\":\"Changed " + run + "\"}", "If-Match", etag)
                .status()).isEqualTo(204);
        Response stale = api.patch("accounts(" + id + ")", "{\"name\":\"Stale\"}", "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo("0x80060882");
        assertThat(stale.errorMessage()).contains("version");

        Response representation = api.patch("accounts(" + id + ")?$select=name", "{\"name\":\"Rep2 " + run + "\"}",
                "Prefer", "return=representation");
        assertThat(representation.status()).isEqualTo(200);
        assertThat(representation.json().path("name").asText()).isEqualTo("Rep2 " + run);
    }

    @Test
    void upsertByAlternateKeyCreatesThenUpdates() {
        String key = "accounts(accountnumber='K-" + run + "')";
        assertThat(api.patch(key, "{\"name\":\"Keyed " + run + "\"}").status()).isEqualTo(204);
        JsonNode first = api.get(key + "?$select=name,accountnumber").json();
        assertThat(first.path("accountnumber").asText()).isEqualTo("K-" + run);
        assertThat(api.patch(key, "{\"name\":\"Keyed again " + run + "\"}").status()).isEqualTo(204);
        JsonNode second = api.get(key + "?$select=name").json();
        assertThat(second.path("accountid").asText()).isEqualTo(first.path("accountid").asText());
        assertThat(second.path("name").asText()).isEqualTo("Keyed again " + run);
        Response missing = api.get("accounts(accountnumber='missing-" + run + "')");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorMessage()).contains("does not exist");
    }

    @Test
    void deleteWithAndWithoutETag() {
        String id = createAccount("{\"name\":\"Delete " + run + "\"}");
        String etag = api.get("accounts(" + id + ")?$select=name").header("ETag");
        api.patch("accounts(" + id + ")", "{\"name\":\"Touched " + run + "\"}");
        Response stale = api.delete("accounts(" + id + ")", "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.delete("accounts(" + id + ")").status()).isEqualTo(204);
        Response gone = api.get("accounts(" + id + ")");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("0x80040217");
        assertThat(gone.errorMessage()).isEqualTo("account With Id = " + id + " Does Not Exist");
        assertThat(api.delete("accounts(" + id + ")").status()).isEqualTo(404);
    }

    @Test
    void singlePropertyGetPutDelete() {
        String id = createAccount("{\"name\":\"Prop " + run + "\",\"description\":\"Some text\"}");
        Response name = api.get("accounts(" + id + ")/name");
        assertThat(name.status()).isEqualTo(200);
        assertThat(name.json().path("value").asText()).isEqualTo("Prop " + run);
        assertThat(name.json().path("@odata.context").asText()).endsWith("$metadata#accounts(" + id + ")/name");
        assertThat(api.get("accounts(" + id + ")/name/$value").body()).isEqualTo("Prop " + run);
        assertThat(api.put("accounts(" + id + ")/name", "{\"value\":\"Renamed " + run + "\"}").status())
                .isEqualTo(204);
        assertThat(api.get("accounts(" + id + ")/name").json().path("value").asText()).isEqualTo("Renamed " + run);
        assertThat(api.delete("accounts(" + id + ")/description").status()).isEqualTo(204);
        assertThat(api.get("accounts(" + id + ")/description").status()).isEqualTo(204);
        Response unknown = api.get("accounts(" + id + ")/nosuchproperty");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorMessage()).contains("nosuchproperty");
        Response wrongType = api.put("accounts(" + id + ")/numberofemployees", "{\"value\":\"many\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorCode()).isEqualTo("0x80048d19");
    }

    @Test
    void lookupsAreBoundAndReadWithAnnotations() {
        String parent = createAccount("{\"name\":\"Parent " + run + "\",\"industrycode\":18,\"revenue\":1000}");
        String child = createAccount("{\"name\":\"Child " + run + "\",\"parentaccountid@odata.bind\":\"/accounts("
                + parent + ")\"}");
        Response contact = api.post("contacts", "{\"lastname\":\"Doe " + run + "\",\"firstname\":\"Jane\","
                + "\"parentcustomerid_account@odata.bind\":\"" + api.root() + "accounts(" + parent + ")\"}");
        assertThat(contact.status()).as(contact.body()).isEqualTo(204);
        String contactId = ApiClient.idOf(contact);

        JsonNode plain = api.get("contacts(" + contactId + ")?$select=_parentcustomerid_value").json();
        assertThat(plain.path("_parentcustomerid_value").asText()).isEqualTo(parent);
        assertThat(plain.has("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname")).isFalse();

        Response annotated = api.get("contacts(" + contactId + ")?$select=_parentcustomerid_value,fullname",
                "Prefer", "odata.include-annotations=\"*\"");
        JsonNode a = annotated.json();
        assertThat(annotated.header("Preference-Applied")).isEqualTo("odata.include-annotations=\"*\"");
        assertThat(a.path("_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText())
                .isEqualTo("account");
        assertThat(a.path("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").asText())
                .isEqualTo("parentcustomerid_account");
        assertThat(a.path("_parentcustomerid_value@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("Parent " + run);
        assertThat(a.path("fullname").asText()).isEqualTo("Jane Doe " + run);

        JsonNode formatted = api.get("accounts(" + parent + ")?$select=industrycode,revenue",
                "Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"").json();
        assertThat(formatted.path("industrycode@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("Technology");
        assertThat(formatted.path("revenue@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("$1,000.00");

        assertThat(api.get("accounts(" + child + ")?$select=_parentaccountid_value").json()
                .path("_parentaccountid_value").asText()).isEqualTo(parent);
        Response unbind = api.patch("accounts(" + child + ")", "{\"parentaccountid@odata.bind\":null}");
        assertThat(unbind.status()).isEqualTo(204);
        assertThat(api.get("accounts(" + child + ")?$select=_parentaccountid_value").json()
                .path("_parentaccountid_value").isNull()).isTrue();

        Response wrongTarget = api.post("accounts", "{\"name\":\"x\",\"parentaccountid@odata.bind\":\"/contacts("
                + contactId + ")\"}");
        assertThat(wrongTarget.status()).isEqualTo(400);
        Response missingTarget = api.post("accounts", "{\"name\":\"x\",\"parentaccountid@odata.bind\":\"/accounts("
                + UUID.randomUUID() + ")\"}");
        assertThat(missingTarget.status()).isEqualTo(404);
    }

    @Test
    void deepInsertCreatesRelatedRecordsInOneTransaction() {
        Response r = api.post("accounts", "{\"name\":\"Deep " + run + "\",\"primarycontactid\":{\"lastname\":\"Primary "
                + run + "\"},\"contact_customer_accounts\":[{\"lastname\":\"Child1 " + run + "\"},{\"lastname\":\"Child2 "
                + run + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        String id = ApiClient.idOf(r);
        JsonNode read = api.get("accounts(" + id + ")?$select=name&$expand=primarycontactid($select=lastname),"
                + "contact_customer_accounts($select=lastname;$orderby=lastname)").json();
        assertThat(read.path("primarycontactid").path("lastname").asText()).isEqualTo("Primary " + run);
        assertThat(read.path("contact_customer_accounts")).hasSize(2);
        assertThat(read.path("contact_customer_accounts").get(0).path("lastname").asText()).isEqualTo("Child1 " + run);

        Response failing = api.post("accounts", "{\"name\":\"Deep fail " + run + "\",\"contact_customer_accounts\":"
                + "[{\"lastname\":\"Ok " + run + "\"},{\"firstname\":\"no last name\"}]}");
        assertThat(failing.status()).isEqualTo(400);
        assertThat(api.get("contacts?$filter=" + ApiClient.enc("lastname eq 'Ok " + run + "'")).json().path("value"))
                .isEmpty();
    }

    @Test
    void badPayloadsAreRejectedPreciselyAndChangeNothing() {
        Response malformed = api.post("accounts", "{\"name\":\"Bad " + run + "\",");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("0x80060891");
        assertThat(malformed.errorMessage()).startsWith("The request body is not valid JSON at line 1");

        Response unknown = api.post("accounts", "{\"name\":\"Bad " + run + "\",\"foo\":1}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorMessage())
                .isEqualTo("Invalid property 'foo' was found in entity 'Microsoft.Dynamics.CRM.account'.");

        Response wrongType = api.post("accounts", "{\"name\":\"Bad " + run + "\",\"numberofemployees\":\"ten\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorCode()).isEqualTo("0x80048d19");
        assertThat(wrongType.errorMessage()).contains("'\"ten\"'").contains("Edm.Int32").contains("numberofemployees");

        Response notAnObject = api.post("accounts", "[1,2]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.errorMessage()).contains("JSON object");

        Response badOption = api.post("accounts", "{\"name\":\"Bad " + run + "\",\"industrycode\":999}");
        assertThat(badOption.status()).isEqualTo(400);
        assertThat(badOption.errorCode()).isEqualTo("0x8004431a");

        Response lookupByName = api.post("accounts", "{\"name\":\"Bad " + run + "\",\"parentaccountid\":\"x\"}");
        assertThat(lookupByName.status()).isEqualTo(400);
        assertThat(lookupByName.errorMessage()).contains("parentaccountid@odata.bind");

        Response huge = api.post("accounts", "{\"name\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("0x8006089a");

        assertThat(api.get("accounts?$filter=" + ApiClient.enc("name eq 'Bad " + run + "'")).json().path("value"))
                .isEmpty();
    }

    @Test
    void unknownResourcesAndMethodsGetDataverseErrors() {
        Response segment = api.get("Account");
        assertThat(segment.status()).isEqualTo(404);
        assertThat(segment.errorCode()).isEqualTo("0x8006088a");
        assertThat(segment.errorMessage()).isEqualTo("Resource not found for the segment 'Account'.");
        Response method = api.put("accounts", "{}");
        assertThat(method.status()).isEqualTo(405);
        Response badKey = api.get("accounts(notaguid)");
        assertThat(badKey.status()).isEqualTo(400);
        Response serviceDocument = api.get("");
        assertThat(serviceDocument.status()).isEqualTo(200);
        assertThat(serviceDocument.json().path("value").toString()).contains("\"name\":\"accounts\"");
    }
}
