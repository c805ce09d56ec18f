package io.rapport.webapi;

import static io.rapport.webapi.ApiClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.webapi.ApiClient.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 21, defect 4: every input that used to answer 5xx answers a 4xx with a Dataverse error body that says
 * what is wrong, on both databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputTest {

    @OnH2
    static class H2 extends BadInputTest {
    }

    @OnPostgres
    static class Postgres extends BadInputTest {
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeAll
    void client() {
        api = new ApiClient(port);
    }

    private Response filter(String filter) {
        return api.get("accounts?$select=name&$filter=" + enc(filter));
    }

    private static void rejected(Response r, int status, String code, String... fragments) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.errorMessage()).as(r.body()).contains(fragments);
        assertThat(r.body()).doesNotContainIgnoringCase("select ").doesNotContain("SQL").doesNotContain("Exception");
    }

    @Test
    void numbersOutsideTheAttributesRange() {
        rejected(filter("revenue gt 1e400"), 400, "0x80040203", "'revenue'", "out of range");
        rejected(filter("numberofemployees eq 99999999999999999999999"), 400, "0x80040203",
                "'numberofemployees'", "out of range");
        rejected(filter("numberofemployees eq 3000000000"), 400, "0x80040203", "'numberofemployees'", "out of range");
        // found by ActionFuzzTest: 2^63 has the 19 digits of a long and is not one; it reached Long.parseLong
        rejected(filter("numberofemployees eq 9223372036854775808"), 400, "0x80040203", "'numberofemployees'",
                "out of range");
        Response address = api.get("FormatAddress(Line1=@p1)?@p1=9223372036854775808");
        assertThat(address.status()).as(address.body()).isEqualTo(400);
        assertThat(address.body()).doesNotContain("unexpected");
        // found by WriteFuzzTest: Jackson cannot hold this exponent in a BigDecimal and threw past the JSON errors
        rejected(api.post("accounts", "{\"name\":\"x\",\"revenue\":1e9999999999}"), 400, "0x80060891",
                "exponent is out of range");
    }

    @Test
    void datesThatDoNotExist() {
        rejected(filter("createdon gt 2020-13-45"), 400, "0x80060888", "'2020-13-45' is not a valid date");
        rejected(filter("Microsoft.Dynamics.CRM.On(PropertyName='createdon',PropertyValue='garbage')"), 400,
                "0x80040203", "'garbage'", "'createdon'");
        rejected(filter("Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=2000000000)"), 400,
                "0x80040203", "LAST_X_DAYS");
    }

    @Test
    void fetchXmlWithBadDatesAndGroupings() {
        String on = "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='createdon' "
                + "operator='on' value='yesterday-ish'/></filter></entity></fetch>";
        rejected(api.get("accounts?fetchXml=" + enc(on)), 400, "0x80040203", "'yesterday-ish'", "'createdon'");
        String century = "<fetch aggregate='true'><entity name='account'><attribute name='createdon' groupby='true' "
                + "dategrouping='century' alias='c'/><attribute name='accountid' aggregate='count' alias='n'/>"
                + "</entity></fetch>";
        rejected(api.get("accounts?fetchXml=" + enc(century)), 400, "0x80040203", "'century'",
                "day, week, month, quarter, year");
    }

    @Test
    void deepNestingIsRefusedBeforeItOverflowsTheStack() {
        rejected(batchGet("accounts?$filter=" + enc("(".repeat(3000) + "name eq 'x'" + ")".repeat(3000))), 400,
                "0x80060888", "nested more than");
        rejected(batchGet("accounts?$filter=" + enc("not ".repeat(5000) + "name eq 'x'")), 400, "0x80060888",
                "nested more than");
        StringBuilder expand = new StringBuilder("parentaccountid");
        for (int i = 0; i < 99; i++) {
            expand.insert(0, "parentaccountid($expand=").append(')');
        }
        rejected(batchGet("accounts?$expand=" + enc(expand.toString())), 400, "0x8004430d",
                "Number of link entities in query exceeded maximum limit");
        String filters = "<filter>".repeat(5000) + "<condition attribute='name' operator='eq' value='x'/>"
                + "</filter>".repeat(5000);
        rejected(batchGet("accounts?fetchXml=" + enc("<fetch><entity name='account'>" + filters
                + "</entity></fetch>")), 400, "0x80040203", "nested more than");
    }

    @Test
    void fiveHundredNestedLinkEntitiesAreRefusedFast() {
        String links = "<link-entity name='account' from='accountid' to='parentaccountid'>".repeat(500)
                + "</link-entity>".repeat(500);
        long start = System.nanoTime();
        Response r = batchGet("accounts?fetchXml=" + enc("<fetch><entity name='account'>" + links
                + "</entity></fetch>"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        rejected(r, 400, "0x8004430d", "Number of link entities in query exceeded maximum limit", "15");
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void nulCharactersAreRefusedInValuesAndFilters() {
        Response create = api.post("accounts", "{\"name\":\"a\\u0000b\"}");
        rejected(create, 400, "0x80040203", "'name'", "NUL");
        rejected(filter("name eq 'a\u0000b'"), 400, "0x80040203", "'name'", "NUL");
        rejected(batchGet("accounts?$filter=" + enc("name eq 'a\u0000b'")), 400, "0x80040203", "'name'", "NUL");
        rejected(batchGet("accounts(accountnumber='a%00b')"), 400, "0x80040203", "NUL");
    }

    @Test
    void exportsCheckEntityColumnsOrderAndFormatBeforeTheyStream() {
        String exports = "http://localhost:" + port + "/api/rapport/exports/";
        rejected(api.get(exports + "nosuchentity"), 404, "0x80041002", "nosuchentity");
        rejected(api.get(exports + "account?select=name,nosuchcolumn"), 400, "0x80041103", "nosuchcolumn");
        rejected(api.get(exports + "account?orderby=nosuchcolumn%20desc"), 400, "0x80041103", "nosuchcolumn");
        rejected(api.get(exports + "account?format=pdf"), 400, "0x80040203", "'pdf'", "csv, xlsx");
    }

    @Test
    void importListsAndReportsAnswerWithDataverseErrors() {
        String imports = "http://localhost:" + port + "/api/rapport/imports";
        rejected(api.get(imports + "?page=-1"), 400, "0x80040203", "page");
        rejected(api.get(imports + "?page=abc"), 400, "0x80040203", "page");
        rejected(api.get(imports + "/" + UUID.randomUUID() + "/errors.csv"), 404, "0x80040217", "importjob");
        rejected(api.get(imports + "/not-a-uuid"), 400, "0x80040203", "not-a-uuid");
        rejected(api.post(imports, "{}"), 400, "0x80040203", "'entity'");
        // a mapping that is not JSON, holds no column, or a column without its place in the file: 400, nothing queued
        int before = api.get(imports).body().length();
        rejected(upload(imports, "[{\"header\":"), 400, "0x80040203", "The mapping is not a JSON list of columns");
        rejected(upload(imports, "[null]"), 400, "0x80040203", "column number");
        rejected(upload(imports, "[{\"column\": -1, \"header\": \"Email\", \"attribute\": \"emailaddress1\"}]"),
                400, "0x80040203", "column number");
        rejected(upload(imports, "[]"), 400, "0x80040203", "No column of the file is mapped");
        assertThat(api.get(imports).body().length()).as("no import queued").isEqualTo(before);
        rejected(api.get("http://localhost:" + port + "/api/rapport/nothing-here"), 404, "0x8006088a", "nothing-here");
    }

    /** A multipart upload of a small contact file with the given {@code mapping} parameter. */
    private Response upload(String url, String mapping) {
        String boundary = "rapport-bad-input";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"entity\"\r\n\r\ncontact\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n" + mapping + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nLast Name,Email\r\nBad,bad@example.com\r\n"
                + "--" + boundary + "--\r\n";
        return api.post(url, body, "Content-Type", "multipart/form-data; boundary=" + boundary);
    }

    @Test
    void requestsTheFirewallRefusesGetADataverseBody() {
        rejected(api.get("accounts;x=1"), 400, "0x80040203", "The request was rejected");
        rejected(api.get("accounts//x"), 400, "0x80040203", "The request was rejected");
        // refused by Tomcat before any servlet: its HTML page used to reach the client
        rejected(api.get("accounts(accountnumber='a%00b')"), 400, "0x80040203", "The request was rejected");
        rejected(api.get("accounts(accountnumber='a%2Fb')"), 400, "0x80040203", "The request was rejected");
        // found by ActionFuzzTest: a request line longer than Tomcat reads got Tomcat's HTML page, stack trace included
        rejected(api.get("accounts?$filter=" + "x".repeat(70_000)), 400, "0x80040203", "larger than the server "
                + "accepts", "$batch");
        Response page = api.get("http://localhost:" + port + "/app/account?q=" + "x".repeat(70_000));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("Exception").doesNotContain("Tomcat").doesNotContain("at org.");
    }

    @Test
    void malformedPercentEscapesAreSyntaxErrors() {
        String before = api.get("accounts?$select=name&$count=true&$top=1").body();
        // found by WriteFuzzTest: an @odata.bind URL or a $batch part's URL with a broken escape reached the decoder
        rejected(api.post("accounts", "{\"name\":\"x\",\"parentaccountid@odata.bind\":\"%\"}"), 400,
                "0x80060888", "'%'", "percent-encoded");
        rejected(api.post("accounts", "{\"name\":\"x\",\"parentaccountid@odata.bind\":\"/accounts(%zz)\"}"), 400,
                "0x80060888", "percent-encoded");
        // a part whose request line cannot be read fails the whole $batch, as a part without a request line does
        rejected(api.post("$batch", "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
                + "\r\nGET accounts?$filter=% HTTP/1.1\r\n\r\n\r\n--b--\r\n", "Content-Type",
                "multipart/mixed; boundary=b"), 400, "0x80060888", "query string", "percent-encoded");
        rejected(batchGet("accounts(%)"), 400, "0x80060888", "percent-encoded");
        assertThat(api.get("accounts?$select=name&$count=true&$top=1").body()).isEqualTo(before);
    }

    @Test
    void theErrorPathItselfIsNotAServerError() {
        Response page = api.get("http://localhost:" + port + "/error");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("timestamp").doesNotContain("Exception");
    }

    /** Sends one GET inside a $batch (the body has no URL length limit) and returns the inner response. */
    private Response batchGet(String url) {
        String body = "--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET " + url
                + " HTTP/1.1\r\nAccept: application/json\r\n\r\n\r\n--b--\r\n";
        Response outer = api.post("$batch", body, "Content-Type", "multipart/mixed; boundary=b");
        // like Dataverse, a batch stopped by a failed request answers 400 itself
        assertThat(outer.status()).as(outer.body()).isEqualTo(400);
        String text = outer.body();
        int statusAt = text.indexOf("HTTP/1.1 ") + 9;
        int status = Integer.parseInt(text.substring(statusAt, statusAt + 3));
        int json = text.indexOf('{');
        String inner = json < 0 ? "" : text.substring(json, text.lastIndexOf('}') + 1);
        return Response.part(status, inner);
    }
}
