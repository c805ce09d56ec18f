package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import io.rapport.pipeline.ActionRequest;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The service messages over HTTP with their Dataverse names, parameters and response shapes, called by a Customer
 * Service Representative (the built-in role only, HTTP Basic).
 */
abstract class ServiceWebApiTest {

    @OnH2
    static class H2 extends ServiceWebApiTest {
    }

    @OnPostgres
    static class Postgres extends ServiceWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    String run;

    @BeforeEach
    void representative() {
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Support desk", people.rootUnit());
        UUID user = people.user("csr", unit, "Customer Service Representative");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    @Test
    void aCaseIsOpenedForAnAccountResolvedReactivatedAndCanceled() {
        String account = create("accounts", "{\"name\":\"Contoso " + run + "\"}");
        String incident = create("incidents", "{\"title\":\"No internet " + run + "\",\"caseorigincode\":1,"
                + "\"customerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
        JsonNode opened = api.get("incidents(" + incident + ")?$select=ticketnumber,statecode,statuscode,"
                + "_customerid_value").json();
        assertThat(opened.path("ticketnumber").asText()).matches("CAS-\\d{5}-[A-Z2-9]{6}");
        assertThat(opened.path("statecode").asInt()).isZero();
        assertThat(opened.path("statuscode").asInt()).isEqualTo(1);
        assertThat(opened.path("_customerid_value").asText()).isEqualTo(account);
        assertThat(api.get("accounts(" + account + ")/incident_customer_accounts?$select=title").json()
                .path("value")).hasSize(1);

        String close = "{\"Status\":5,\"IncidentResolution\":{\"subject\":\"Router reset\",\"timespent\":45,"
                + "\"incidentid@odata.bind\":\"/incidents(" + incident + ")\"}}";
        Response closed = api.post("CloseIncident", close);
        assertThat(closed.status()).as(closed.body()).isEqualTo(204);
        assertThat(closed.body()).isEmpty();
        JsonNode resolved = api.get("incidents(" + incident + ")?$select=statecode,statuscode").json();
        assertThat(resolved.path("statecode").asInt()).isEqualTo(1);
        assertThat(resolved.path("statuscode").asInt()).isEqualTo(5);
        JsonNode resolutions = api.get("incidentresolutions?$select=subject,timespent,statecode&$filter="
                + ApiClient.enc("_incidentid_value eq " + incident)).json().path("value");
        assertThat(resolutions).hasSize(1);
        assertThat(resolutions.get(0).path("timespent").asInt()).isEqualTo(45);
        assertThat(resolutions.get(0).path("statecode").asInt()).isEqualTo(1);

        Response again = api.post("CloseIncident", close);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessage()).contains("already Resolved");

        Response reactivated = api.patch("incidents(" + incident + ")", "{\"statecode\":0,\"statuscode\":1}");
        assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(204);
        Response direct = api.patch("incidents(" + incident + ")", "{\"statecode\":1,\"statuscode\":5}");
        assertThat(direct.status()).isEqualTo(400);
        assertThat(direct.errorMessage()).contains("CloseIncident");
        Response canceled = api.patch("incidents(" + incident + ")", "{\"statecode\":2,\"statuscode\":6}");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(204);
        assertThat(api.get("incidents(" + incident + ")?$select=statecode").json().path("statecode").asInt())
                .isEqualTo(2);

        Response missing = api.post("CloseIncident", "{\"Status\":5,\"IncidentResolution\":{\"subject\":\"x\"}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("incidentid");
    }

    @Test
    void aContractIsSoldUsedByACaseRenewedClonedAndCanceled() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID template = org.create(new Entity("contracttemplate").set("name", "Gold " + run).set("abbreviation", "G")
                .set("allotmenttypecode", 1));
        String account = create("accounts", "{\"name\":\"Woodgrove " + run + "\"}");
        String contract = create("contracts", "{\"title\":\"Care " + run + "\",\"activeon\":\"" + today.minusDays(1)
                + "\",\"expireson\":\"" + today.plusDays(29) + "\",\"customerid_account@odata.bind\":\"/accounts("
                + account + ")\",\"contracttemplateid@odata.bind\":\"/contracttemplates(" + template + ")\"}");
        String line = create("contractdetails", "{\"title\":\"Two cases\",\"totalallotments\":2,"
                + "\"contractid@odata.bind\":\"/contracts(" + contract + ")\"}");
        assertThat(api.patch("contracts(" + contract + ")", "{\"statecode\":1,\"statuscode\":2}").status())
                .isEqualTo(204);
        assertThat(api.patch("contracts(" + contract + ")", "{\"statecode\":2,\"statuscode\":3}").status())
                .isEqualTo(204);
        assertThat(api.get("accounts(" + account + ")/contract_customer_accounts?$select=contractnumber").json()
                .path("value").get(0).path("contractnumber").asText()).matches("CNR-\\d{5}-[A-Z2-9]{6}");

        String incident = create("incidents", "{\"title\":\"Printer " + run + "\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\",\"contractdetailid@odata.bind\":\"/contractdetails(" + line + ")\"}");
        Response closed = api.post("CloseIncident", "{\"Status\":5,\"IncidentResolution\":{\"subject\":\"Fixed\","
                + "\"timespent\":20,\"incidentid@odata.bind\":\"/incidents(" + incident + ")\"}}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(204);
        JsonNode used = api.get("contractdetails(" + line + ")?$select=allotmentsused,allotmentsremaining").json();
        assertThat(used.path("allotmentsused").asInt()).isEqualTo(1);
        assertThat(used.path("allotmentsremaining").asInt()).isEqualTo(1);
        Response wrongCustomer = api.post("incidents", "{\"title\":\"Other " + run + "\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + create("accounts", "{\"name\":\"Other " + run + "\"}") + ")\","
                + "\"contractdetailid@odata.bind\":\"/contractdetails(" + line + ")\"}");
        assertThat(wrongCustomer.status()).isEqualTo(400);
        assertThat(wrongCustomer.errorMessage()).contains("belongs to another customer");

        Response renewed = api.post("contracts(" + contract + ")/Microsoft.Dynamics.CRM.RenewContract",
                "{\"Status\":1,\"IncludeCanceledLines\":false}");
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        JsonNode renewal = renewed.json();
        assertThat(renewal.path("@odata.context").asText()).endsWith("$metadata#contracts/$entity");
        assertThat(renewal.path("statecode").asInt()).isZero();
        assertThat(renewal.path("activeon").asText()).isEqualTo(today.plusDays(30).toString());
        assertThat(renewal.path("_originatingcontract_value").asText()).isEqualTo(contract);
        Response cloned = api.post("contracts(" + contract + ")/Microsoft.Dynamics.CRM.CloneContract",
                "{\"IncludeCanceledLines\":true}");
        assertThat(cloned.status()).as(cloned.body()).isEqualTo(200);
        assertThat(cloned.json().path("contractid").asText()).isNotEqualTo(contract)
                .isNotEqualTo(renewal.path("contractid").asText());

        Response canceled = api.post("contracts(" + contract + ")/Microsoft.Dynamics.CRM.CancelContract",
                "{\"CancelDate\":\"" + today + "T00:00:00Z\",\"Status\":5}");
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(204);
        JsonNode after = api.get("contracts(" + contract + ")?$select=statecode,cancelon").json();
        assertThat(after.path("statecode").asInt()).isEqualTo(4);
        assertThat(after.path("cancelon").asText()).isEqualTo(today.toString());
        Response again = api.post("contracts(" + contract + ")/Microsoft.Dynamics.CRM.CancelContract",
                "{\"CancelDate\":\"" + today + "T00:00:00Z\",\"Status\":5}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessage()).contains("is Canceled");
    }

    @Test
    void aCaseIsWorkedFromAQueue() {
        String me = api.get("WhoAmI").json().path("UserId").asText();
        String account = create("accounts", "{\"name\":\"Queue customer " + run + "\"}");
        String incident = create("incidents", "{\"title\":\"Queued " + run + "\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\"}");
        String tier1 = create("queues", "{\"name\":\"Tier 1 " + run + "\"}");
        String tier2 = create("queues", "{\"name\":\"Tier 2 " + run + "\"}");
        Response added = api.post("queues(" + tier1 + ")/Microsoft.Dynamics.CRM.AddToQueue",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.incident\",\"incidentid\":\"" + incident + "\"}}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("@odata.context").asText()).endsWith("AddToQueueResponse");
        String item = added.json().path("QueueItemId").asText();
        assertThat(item).isNotBlank();

        Response picked = api.post("queueitems(" + item + ")/Microsoft.Dynamics.CRM.PickFromQueue",
                "{\"SystemUser\":{\"systemuserid\":\"" + me + "\"},\"RemoveQueueItem\":false}");
        assertThat(picked.status()).as(picked.body()).isEqualTo(204);
        assertThat(api.get("queueitems(" + item + ")?$select=_workerid_value").json().path("_workerid_value").asText())
                .isEqualTo(me);
        Response released = api.post("queueitems(" + item + ")/Microsoft.Dynamics.CRM.ReleaseToQueue", "{}");
        assertThat(released.status()).as(released.body()).isEqualTo(204);
        assertThat(api.get("queueitems(" + item + ")?$select=_workerid_value").json().path("_workerid_value").isNull())
                .isTrue();
        Response routed = api.post("queueitems(" + item + ")/Microsoft.Dynamics.CRM.RouteTo",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.queue\",\"queueid\":\"" + tier2 + "\"}}");
        assertThat(routed.status()).as(routed.body()).isEqualTo(204);
        assertThat(api.get("queueitems(" + item + ")?$select=_queueid_value").json().path("_queueid_value").asText())
                .isEqualTo(tier2);
        Response removed = api.post("queueitems(" + item + ")/Microsoft.Dynamics.CRM.RemoveFromQueue", "{}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(api.get("queueitems(" + item + ")").status()).isEqualTo(404);
    }
    @Test
    void aPrivateQueueAndItsItemsAreReadOnlyByItsMembers() {
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Private API desk", people.rootUnit());
        ApiClient member = client(people, people.user("member", unit, "Customer Service Representative"));
        UUID outsiderId = people.user("outsider", unit, "Customer Service Representative");
        ApiClient outsider = client(people, outsiderId);
        UUID memberId = UUID.fromString(member.get("WhoAmI").json().path("UserId").asText());
        UUID queue = org.create(new Entity("queue").set("name", "Private API " + run).set("queueviewtype", 1));
        org.associate(new EntityReference("queue", queue), "queuemembership_association",
                List.of(new EntityReference("systemuser", memberId)));
        UUID account = org.create(new Entity("account").set("name", "Private API customer " + run));
        UUID incident = org.create(new Entity("incident").set("title", "Private API case " + run)
                .set("customerid", new EntityReference("account", account)));
        UUID item = (UUID) org.execute(new ActionRequest("AddToQueue", new EntityReference("queue", queue),
                Map.of("Target", new EntityReference("incident", incident)))).output("QueueItemId");

        Response seen = member.get("queues(" + queue + ")?$select=name,queueviewtype");
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.json().path("queueviewtype").asInt()).isEqualTo(1);
        assertThat(member.get("queueitems?$select=title&$filter=_queueid_value%20eq%20" + queue).json().path("value")
                .findValuesAsText("queueitemid")).containsExactly(item.toString());
        assertThat(member.get("queues(" + queue + ")/queuemembership_association?$select=systemuserid").json()
                .path("value").findValuesAsText("systemuserid")).containsExactly(memberId.toString());

        Response hidden = outsider.get("queues(" + queue + ")?$select=name");
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(403);
        assertThat(outsider.get("queueitems(" + item + ")?$select=title").status()).isEqualTo(403);
        assertThat(outsider.get("queueitems?$select=title&$filter=_queueid_value%20eq%20" + queue).json().path("value")
                .size()).isZero();
        assertThat(outsider.get("queues?$select=name&$filter=queueid%20eq%20" + queue).json().path("value").size())
                .isZero();
        assertThat(outsiderId).isNotEqualTo(memberId);
    }

    @Test
    void anEntitlementIsRenewedAsADraftThatFollowsItWithItsChannels() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String account = create("accounts", "{\"name\":\"Entitled " + run + "\"}");
        String entitlement = create("entitlements", "{\"name\":\"Support " + run + "\",\"startdate\":\"" + today
                + "\",\"enddate\":\"" + today.plusDays(9) + "\",\"allocationtypecode\":0,\"totalterms\":10,"
                + "\"customerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
        // channel terms are set by an administrator (the representative's role reads them)
        org.create(new Entity("entitlementchannel").set("name", "Phone").set("channel", 1)
                .set("totalterms", java.math.BigDecimal.valueOf(4))
                .set("entitlementid", new EntityReference("entitlement", UUID.fromString(entitlement))));

        Response renewed = api.post("entitlements(" + entitlement + ")/Microsoft.Dynamics.CRM.RenewEntitlement",
                "{\"Status\":0}");
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        JsonNode renewal = renewed.json();
        assertThat(renewal.path("@odata.context").asText()).endsWith("$metadata#entitlements/$entity");
        String id = renewal.path("entitlementid").asText();
        assertThat(id).isNotEqualTo(entitlement);
        assertThat(renewal.path("statecode").asInt()).isEqualTo(1);
        assertThat(renewal.path("statuscode").asInt()).isZero();
        assertThat(renewal.path("startdate").asText()).isEqualTo(today.plusDays(10).toString());
        assertThat(renewal.path("enddate").asText()).isEqualTo(today.plusDays(19).toString());
        assertThat(renewal.path("remainingterms").decimalValue()).isEqualByComparingTo("10");
        JsonNode channels = api.get("entitlementchannels?$select=channel,remainingterms&$filter=_entitlementid_value"
                + "%20eq%20" + id).json().path("value");
        assertThat(channels).hasSize(1);
        assertThat(channels.get(0).path("channel").asInt()).isEqualTo(1);
        assertThat(channels.get(0).path("remainingterms").decimalValue()).isEqualByComparingTo("4");

        Response activeStatus = api.post("entitlements(" + entitlement + ")/Microsoft.Dynamics.CRM.RenewEntitlement",
                "{\"Status\":1}");
        assertThat(activeStatus.status()).isEqualTo(400);
        Response draft = api.post("entitlements(" + id + ")/Microsoft.Dynamics.CRM.RenewEntitlement", "{\"Status\":0}");
        assertThat(draft.status()).isEqualTo(400);
        assertThat(draft.errorMessage()).contains("only an active or expired entitlement can be renewed");
    }

    /** Targets no queue action can take: wrong JSON types, malformed or huge ids, unknown or wrong entities. */
    private List<String> badTargets() {
        String huge = "9".repeat(200_000);
        return List.of("{\"Target\":\"a queue\"}", "{\"Target\":42}", "{\"Target\":[1,2]}", "{\"Target\":true}",
                "{\"Target\":{}}", "{\"Target\":null}",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.queue\",\"queueid\":\"not-a-guid\"}}",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.queue\",\"queueid\":42}}",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.queue\",\"queueid\":\"" + huge + "\"}}",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM." + huge + "\",\"queueid\":\""
                        + UUID.randomUUID() + "\"}}",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.nosuchthing\",\"nosuchthingid\":\""
                        + UUID.randomUUID() + "\"}}",
                "{\"Target\":{\"@odata.id\":\"queues(not-a-guid)\"}}",
                "{\"Target\":{\"@odata.id\":\"" + huge + "\"}}",
                "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.queue\"", "{\"Target\":{\"@odata.type\":"
                        + "\"Microsoft.Dynamics.CRM.queue\",\"queueid\":\"" + UUID.randomUUID() + "\"},\"Extra\":1}");
    }

    private static void refused(Response r, String body) {
        assertThat(r.status()).as("%s answered %s", body.length() > 300 ? body.substring(0, 300) : body, r.body())
                .isEqualTo(400);
        assertThat(r.errorCode()).as(r.body()).startsWith("0x");
        assertThat(r.errorMessage()).as(r.body()).isNotBlank().doesNotContain("Exception").doesNotContain("SQL");
    }

    @Test
    void badRouteAndQueueTargetsAnswer400AndChangeNothing() {
        String account = create("accounts", "{\"name\":\"Hardening " + run + "\"}");
        String incident = create("incidents", "{\"title\":\"Hardened " + run + "\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\"}");
        String queue = create("queues", "{\"name\":\"Hardened queue " + run + "\"}");
        String item = api.post("queues(" + queue + ")/Microsoft.Dynamics.CRM.AddToQueue", "{\"Target\":{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.incident\",\"incidentid\":\"" + incident + "\"}}").json()
                .path("QueueItemId").asText();
        String before = api.get("queueitems(" + item + ")?$select=_queueid_value,_workerid_value,enteredon,"
                + "versionnumber").body();
        List<String> targets = new java.util.ArrayList<>(badTargets());
        // an account is no place to route to, nor a record to put in a queue as the target of a route
        targets.add("{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"accountid\":\"" + account
                + "\"}}");
        for (String body : targets) {
            refused(api.post("queueitems(" + item + ")/Microsoft.Dynamics.CRM.RouteTo", body), body);
            refused(api.post("queues(" + queue + ")/Microsoft.Dynamics.CRM.AddToQueue", body), body);
        }
        assertThat(api.get("queueitems(" + item + ")?$select=_queueid_value,_workerid_value,enteredon,versionnumber")
                .body()).isEqualTo(before);
        assertThat(api.get("queueitems?$select=queueitemid&$filter=" + ApiClient.enc("_queueid_value eq " + queue))
                .json().path("value").findValuesAsText("queueitemid")).containsExactly(item);
    }

    @Test
    void aBadRenewalStatusAnswers400AndCreatesNothing() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String account = create("accounts", "{\"name\":\"Renewal hardening " + run + "\"}");
        String name = "Hardened support " + run;
        String entitlement = create("entitlements", "{\"name\":\"" + name + "\",\"startdate\":\"" + today
                + "\",\"enddate\":\"" + today.plusDays(9) + "\",\"allocationtypecode\":0,\"totalterms\":10,"
                + "\"customerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
        String before = api.get("entitlements(" + entitlement + ")?$select=statecode,statuscode,remainingterms,"
                + "versionnumber").body();
        for (String body : List.of("{\"Status\":\"0\"}", "{\"Status\":\"Draft\"}", "{\"Status\":0.5}",
                "{\"Status\":1e30}", "{\"Status\":99999999999999999999}", "{\"Status\":true}", "{\"Status\":{}}",
                "{\"Status\":[0]}", "{\"Status\":null}", "{}", "{\"Status\":-5}", "{\"Status\":2147483647}",
                "{\"Status\":\"" + "0".repeat(200_000) + "\"}", "{\"Status\":0", "{\"Status\":0,\"Other\":1}")) {
            refused(api.post("entitlements(" + entitlement + ")/Microsoft.Dynamics.CRM.RenewEntitlement", body), body);
        }
        assertThat(api.get("entitlements(" + entitlement + ")?$select=statecode,statuscode,remainingterms,versionnumber")
                .body()).isEqualTo(before);
        assertThat(api.get("entitlements?$select=entitlementid&$filter=" + ApiClient.enc("name eq '" + name + "'"))
                .json().path("value").findValuesAsText("entitlementid")).containsExactly(entitlement);
    }

    private ApiClient client(Principals people, UUID user) {
        return new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
}
