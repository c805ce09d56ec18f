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

/** The sales and activity actions over HTTP with their Dataverse names and parameters. */
abstract class SalesActionsWebApiTest {

    @OnH2
    static class H2 extends SalesActionsWebApiTest {
    }

    @OnPostgres
    static class Postgres extends SalesActionsWebApiTest {
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

    @Test
    void qualifyLeadThenWinTheOpportunity() {
        String lead = create("leads", "{\"subject\":\"Laptops " + run + "\",\"lastname\":\"Parker\",\"firstname\":\"Peter\","
                + "\"companyname\":\"Wipro Web " + run + "\",\"estimatedamount\":1200}");
        String qualify = "{\"CreateAccount\":true,\"CreateContact\":true,\"CreateOpportunity\":true,\"Status\":3}";
        Response qualified = api.post("leads(" + lead + ")/Microsoft.Dynamics.CRM.QualifyLead", qualify);
        assertThat(qualified.status()).as(qualified.body()).isEqualTo(200);
        String opportunity = null;
        String account = null;
        assertThat(qualified.header("Content-Disposition")).isNull();
        assertThat(qualified.json().path("@odata.context").asText())
                .endsWith("$metadata#Collection(Microsoft.Dynamics.CRM.crmbaseentity)");
        assertThat(qualified.json().path("value")).hasSize(3);
        for (JsonNode created : qualified.json().path("value")) {
            assertThat(created.path("@odata.type").asText()).as(created.toString()).isIn(
                    "#Microsoft.Dynamics.CRM.account", "#Microsoft.Dynamics.CRM.contact",
                    "#Microsoft.Dynamics.CRM.opportunity");
            if (created.has("opportunityid")) {
                opportunity = created.path("opportunityid").asText();
            }
            if (created.has("accountid")) {
                account = created.path("accountid").asText();
            }
        }
        assertThat(opportunity).as(qualified.body()).isNotNull();
        assertThat(account).as(qualified.body()).isNotNull();

        Response again = api.post("leads(" + lead + ")/Microsoft.Dynamics.CRM.QualifyLead", qualify);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessage()).contains("already Qualified");

        String win = "{\"Status\":3,\"OpportunityClose\":{\"subject\":\"Won\",\"actualrevenue\":1100,"
                + "\"opportunityid@odata.bind\":\"/opportunities(" + opportunity + ")\"}}";
        Response won = api.post("WinOpportunity", win);
        assertThat(won.status()).as(won.body()).isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")?$select=wonrevenue").json().path("wonrevenue").decimalValue())
                .isEqualByComparingTo("1100");
        Response closed = api.post("WinOpportunity", win);
        assertThat(closed.status()).isEqualTo(400);
        assertThat(closed.errorMessage()).contains("already closed");
    }
}
