package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
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
 * Dataverse's limit on counts, with more than 5,000 matching records (made with CreateMultiple by a salesperson):
 * {@code <entityset>/$count} answers at most 5000 as a bare number; {@code $count=true} gives {@code @odata.count}
 * at most 5000 whatever the page size, and with the include-annotations preference
 * {@code @Microsoft.Dynamics.CRM.totalrecordcount} and {@code ...totalrecordcountlimitexceeded} tell an exact 5,000
 * from more; FetchXML's {@code returntotalrecordcount} answers the same pair. Below the limit every count is exact.
 */
@OnH2
class CountLimitWebApiTest {

    private static final String ANNOTATIONS = "odata.include-annotations=\"Microsoft.Dynamics.CRM.totalrecordcount,"
            + "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded\"";

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    String run;

    @BeforeEach
    void setUp() {
        Principals people = new Principals(org);
        UUID seller = people.user("counter", people.businessUnit("Counting", people.rootUnit()), "Salesperson");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(seller) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Accounts named {@code Cap <run> <i>} for i from {@code from} (inclusive) to {@code to} (exclusive). */
    private void createAccounts(int from, int to) {
        StringBuilder body = new StringBuilder("{\"Targets\":[");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append("{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"name\":\"Cap ")
                    .append(run).append(' ').append(i).append("\"}");
        }
        Response r = api.post("accounts/Microsoft.Dynamics.CRM.CreateMultiple", body.append("]}").toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("Ids")).hasSize(to - from);
    }

    /** The filter of this run's accounts, leaving out the first {@code skip} of them. */
    private String filter(int skip) {
        StringBuilder f = new StringBuilder("startswith(name,'Cap " + run + " ')");
        for (int i = 0; i < skip; i++) {
            f.append(" and name ne 'Cap ").append(run).append(' ').append(i).append('\'');
        }
        return ApiClient.enc(f.toString());
    }

    private JsonNode countedPage(int skip) {
        Response r = api.get("accounts?$select=name&$count=true&$filter=" + filter(skip),
                "Prefer", "odata.maxpagesize=10," + ANNOTATIONS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode fetchTotal(int skip) {
        StringBuilder conditions = new StringBuilder("<condition attribute=\"name\" operator=\"like\" value=\"Cap "
                + run + " %\"/>");
        for (int i = 0; i < skip; i++) {
            conditions.append("<condition attribute=\"name\" operator=\"ne\" value=\"Cap ").append(run).append(' ')
                    .append(i).append("\"/>");
        }
        Response r = api.get("accounts?fetchXml=" + ApiClient.enc("<fetch count=\"10\" returntotalrecordcount=\"true\">"
                + "<entity name=\"account\"><attribute name=\"name\"/><filter>" + conditions
                + "</filter></entity></fetch>"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void countsStopAtFiveThousandAndSayWhenMoreRecordsMatch() {
        for (int from = 0; from < 5001; from += 1000) {
            createAccounts(from, Math.min(from + 1000, 5001));
        }

        // 5,001 matching records
        Response bare = api.get("accounts/$count?$filter=" + filter(0));
        assertThat(bare.status()).as(bare.body()).isEqualTo(200);
        assertThat(bare.header("Content-Type")).startsWith("text/plain");
        assertThat(bare.body()).isEqualTo("5000");
        JsonNode page = countedPage(0);
        assertThat(page.path("@odata.count").asInt()).isEqualTo(5000);
        assertThat(page.path("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(5000);
        assertThat(page.path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").isBoolean()).isTrue();
        assertThat(page.path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isTrue();
        assertThat(page.path("value")).hasSize(10);
        assertThat(page.path("@odata.nextLink").asText()).contains("$skiptoken=");
        JsonNode fetched = fetchTotal(0);
        assertThat(fetched.path("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(5000);
        assertThat(fetched.path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isTrue();
        assertThat(fetched.path("value")).hasSize(10);

        // exactly 5,000: the same number, and the limit is not exceeded
        JsonNode exact = countedPage(1);
        assertThat(exact.path("@odata.count").asInt()).isEqualTo(5000);
        assertThat(exact.path("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(5000);
        assertThat(exact.path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").isBoolean()).isTrue();
        assertThat(exact.path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isFalse();
        assertThat(fetchTotal(1).path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isFalse();

        // below the limit every count is exact
        assertThat(api.get("accounts/$count?$filter=" + filter(2)).body()).isEqualTo("4999");
        JsonNode below = countedPage(2);
        assertThat(below.path("@odata.count").asInt()).isEqualTo(4999);
        assertThat(below.path("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(4999);
        assertThat(fetchTotal(2).path("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(4999);

        // without the preference: @odata.count only, as Dataverse
        Response plain = api.get("accounts?$select=name&$top=3&$count=true&$filter=" + filter(0));
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.json().path("@odata.count").asInt()).isEqualTo(5000);
        assertThat(plain.json().has("@Microsoft.Dynamics.CRM.totalrecordcount")).isFalse();
        assertThat(plain.json().path("value")).hasSize(3);
    }
}
