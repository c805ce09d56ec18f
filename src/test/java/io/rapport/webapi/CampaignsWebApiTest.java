package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
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
 * The campaign messages over HTTP with their Dataverse names, parameters and response shapes, called by a Marketing
 * Professional (the built-in role only, HTTP Basic): a campaign launched through its status reasons, a list and a
 * product added and removed (AddItemCampaign / RemoveItemCampaign), a campaign activity distributed
 * (DistributeCampaignActivity → BulkOperationId) and a response turned into a lead that keeps the campaign.
 */
abstract class CampaignsWebApiTest {

    @OnH2
    static class H2 extends CampaignsWebApiTest {
    }

    @OnPostgres
    static class Postgres extends CampaignsWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    String run;

    @BeforeEach
    void marketer() {
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Marketing desk", people.rootUnit());
        UUID user = people.user("mkt", unit, "Marketing Professional");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    @Test
    void aCampaignIsLaunchedTargetsListsDistributesCallsAndItsResponseBecomesALead() {
        String campaign = create("campaigns", "{\"name\":\"Autumn " + run + "\",\"typecode\":2,"
                + "\"budgetedcost\":2500,\"promotioncodename\":\"AUT-" + run + "\"}");
        assertThat(api.get("campaigns(" + campaign + ")?$select=statuscode").json().path("statuscode").asInt())
                .isZero();
        Response early = api.patch("campaigns(" + campaign + ")", "{\"statuscode\":2}");
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.errorMessage()).isEqualTo("A campaign cannot go from Proposed to Launched.");
        assertThat(api.patch("campaigns(" + campaign + ")", "{\"statuscode\":1}").status()).isEqualTo(204);
        assertThat(api.patch("campaigns(" + campaign + ")", "{\"statuscode\":2}").status()).isEqualTo(204);

        String a = create("contacts", "{\"lastname\":\"Ada " + run + "\"}");
        String b = create("contacts", "{\"lastname\":\"Ben " + run + "\"}");
        String list1 = create("lists", "{\"listname\":\"Visitors " + run + "\",\"createdfromcode\":2}");
        String list2 = create("lists", "{\"listname\":\"Subscribers " + run + "\",\"createdfromcode\":2}");
        for (String[] m : new String[][] {{list1, a}, {list1, b}, {list2, b}}) {
            create("listmembers", "{\"listid@odata.bind\":\"/lists(" + m[0] + ")\",\"entityid_contact@odata.bind\":"
                    + "\"/contacts(" + m[1] + ")\"}");
        }
        Response added = api.post("AddItemCampaign", "{\"CampaignId\":\"" + campaign + "\",\"EntityId\":\"" + list1
                + "\",\"EntityName\":\"list\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        String item = added.json().path("CampaignItemId").asText();
        assertThat(UUID.fromString(item)).isNotNull();
        assertThat(api.post("AddItemCampaign", "{\"CampaignId\":\"" + campaign + "\",\"EntityId\":\"" + list1
                + "\",\"EntityName\":\"list\"}").json().path("CampaignItemId").asText()).isEqualTo(item);
        assertThat(api.post("AddItemCampaign", "{\"CampaignId\":\"" + campaign + "\",\"EntityId\":\"" + list2
                + "\",\"EntityName\":\"list\"}").status()).isEqualTo(200);
        Response wrong = api.post("AddItemCampaign", "{\"CampaignId\":\"" + campaign + "\",\"EntityId\":\"" + a
                + "\",\"EntityName\":\"contact\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessage()).contains("EntityName must be 'list' or 'product'");
        JsonNode items = api.get("campaignitems?$select=entitytype&$filter=" + ApiClient.enc("_campaignid_value eq "
                + campaign)).json().path("value");
        assertThat(items).hasSize(2);

        String calls = create("campaignactivities", "{\"subject\":\"Call " + run + "\",\"channeltypecode\":1,"
                + "\"regardingobjectid@odata.bind\":\"/campaigns(" + campaign + ")\"}");
        Response distributed = api.post("campaignactivities(" + calls + ")/Microsoft.Dynamics.CRM."
                + "DistributeCampaignActivity", "{\"Propagate\":false,\"OwnershipOptions\":\"Caller\","
                + "\"SendEmail\":false,\"PostWorkflowEvent\":false,\"Activity\":{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.phonecall\",\"description\":\"Autumn offer\"}}");
        assertThat(distributed.status()).as(distributed.body()).isEqualTo(200);
        assertThat(UUID.fromString(distributed.json().path("BulkOperationId").asText())).isNotNull();
        JsonNode phonecalls = api.get("phonecalls?$select=subject,description&$filter="
                + ApiClient.enc("_regardingobjectid_value eq " + calls)).json().path("value");
        assertThat(phonecalls).hasSize(2);
        assertThat(phonecalls.get(0).path("description").asText()).isEqualTo("Autumn offer");

        Response removed = api.post("RemoveItemCampaign", "{\"CampaignId\":\"" + campaign + "\",\"EntityId\":\""
                + list2 + "\"}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(api.get("campaignitems?$select=entitytype&$filter=" + ApiClient.enc("_campaignid_value eq "
                + campaign)).json().path("value")).hasSize(1);

        String response = create("campaignresponses", "{\"subject\":\"Wants a visit " + run + "\",\"responsecode\":1,"
                + "\"firstname\":\"Ada\",\"lastname\":\"Ada " + run + "\",\"regardingobjectid@odata.bind\":"
                + "\"/campaigns(" + campaign + ")\"}");
        String lead = create("leads", "{\"subject\":\"Visit\",\"lastname\":\"Ada " + run + "\","
                + "\"relatedobjectid@odata.bind\":\"/campaignresponses(" + response + ")\"}");
        assertThat(api.get("leads(" + lead + ")?$select=_campaignid_value").json().path("_campaignid_value").asText())
                .isEqualTo(campaign);
        assertThat(api.patch("campaignresponses(" + response + ")", "{\"statecode\":1,\"statuscode\":2}").status())
                .isEqualTo(204);
    }
}
