package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every marketing-list, quick-campaign and campaign message over HTTP with its Dataverse name, parameters and
 * response shape, called by a Marketing Professional (the built-in role only, HTTP Basic): AddMemberList,
 * AddListMembersList, RemoveMemberList, CopyMembersList, QualifyMemberList, CopyDynamicListToStatic,
 * PropagateByExpression, CreateActivitiesList, AddItemCampaign, RemoveItemCampaign, DistributeCampaignActivity (over
 * static and dynamic lists, each member once, recorded as a bulk operation with its log); and
 * the bad inputs (a contact into an account list, a locked list, a dynamic list's members, a query over another
 * entity) answered with a 400 in Dataverse's error shape and nothing changed.
 */
abstract class MarketingWebApiTest {

    @OnH2
    static class H2 extends MarketingWebApiTest {
    }

    @OnPostgres
    static class Postgres extends MarketingWebApiTest {
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
        api = ApiClient.signedIn(port, people, people.user("mkt", people.businessUnit("Marketing desk",
                people.rootUnit()), "Marketing Professional"));
    }

    private String create(String set, String json) {
        return api.create(set, json);
    }

    private String account(String name) {
        return create("accounts", "{\"name\":\"" + name + " " + run + "\"}");
    }

    private String list(String name, int memberType) {
        return create("lists", "{\"listname\":\"" + name + " " + run + "\",\"createdfromcode\":" + memberType + "}");
    }

    private Response bound(String list, String message, String json) {
        return api.post("lists(" + list + ")/Microsoft.Dynamics.CRM." + message, json);
    }

    private static String ref(String entity, String id) {
        return "{\"@odata.type\":\"Microsoft.Dynamics.CRM." + entity + "\",\"" + entity + "id\":\"" + id + "\"}";
    }

    private Set<String> members(String list) {
        Set<String> ids = new HashSet<>();
        api.get("listmembers?$select=_entityid_value&$filter=" + ApiClient.enc("_listid_value eq " + list)).json()
                .path("value").forEach(m -> ids.add(m.path("_entityid_value").asText()));
        return ids;
    }

    private int memberCount(String list) {
        return api.get("lists(" + list + ")?$select=membercount").json().path("membercount").asInt();
    }

    private static void assertError(Response r, int status, String code, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.errorMessage()).isEqualTo(message);
    }

    @Test
    void staticListMessagesTakeDataversesParametersAndAnswerWithItsShapes() {
        String a = account("Alpha");
        String b = account("Beta");
        String c = account("Gamma");
        String list = list("Spring", 1);

        Response added = bound(list, "AddMemberList", "{\"EntityId\":\"" + a + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#Microsoft.Dynamics.CRM.AddMemberListResponse");
        String member = added.json().path("Id").asText();
        assertThat(api.get("listmembers(" + member + ")?$select=_entityid_value").json().path("_entityid_value")
                .asText()).isEqualTo(a);
        assertThat(bound(list, "AddMemberList", "{\"EntityId\":\"" + a + "\"}").json().path("Id").asText())
                .as("a member already on the list keeps its row").isEqualTo(member);
        assertThat(memberCount(list)).isEqualTo(1);

        Response many = api.post("AddListMembersList", "{\"List\":" + ref("list", list) + ",\"Members\":["
                + ref("account", a) + "," + ref("account", b) + "," + ref("account", b) + "]}");
        assertThat(many.status()).as(many.body()).isEqualTo(204);
        assertThat(members(list)).containsExactlyInAnyOrder(a, b);
        assertThat(memberCount(list)).isEqualTo(2);

        Response removed = bound(list, "RemoveMemberList", "{\"EntityId\":\"" + a + "\"}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(members(list)).containsExactly(b);
        assertThat(memberCount(list)).isEqualTo(1);
        assertError(bound(list, "RemoveMemberList", "{\"EntityId\":\"" + a + "\"}"), 404, "0x80040217",
                "The record " + a + " is not a member of the marketing list 'Spring " + run + "'.");

        String target = list("Target", 1);
        bound(target, "AddMemberList", "{\"EntityId\":\"" + c + "\"}");
        Response copied = bound(list, "CopyMembersList", "{\"TargetList\":" + ref("list", target) + "}");
        assertThat(copied.status()).as(copied.body()).isEqualTo(204);
        assertThat(members(target)).containsExactlyInAnyOrder(b, c);
        assertThat(memberCount(target)).isEqualTo(2);

        Response kept = bound(target, "QualifyMemberList", "{\"ListMember\":[" + ref("account", c) + ","
                + ref("account", a) + "],\"OverrideorRemove\":true}");
        assertThat(kept.status()).as(kept.body()).isEqualTo(204);
        assertThat(members(target)).containsExactlyInAnyOrder(a, c);
        Response dropped = bound(target, "QualifyMemberList", "{\"ListMember\":[" + ref("account", a)
                + "],\"OverrideorRemove\":false}");
        assertThat(dropped.status()).as(dropped.body()).isEqualTo(204);
        assertThat(members(target)).containsExactly(c);
        assertThat(memberCount(target)).isEqualTo(1);
    }

    @Test
    void badListInputsAnswerWithDataversesErrorAndChangeNothing() {
        String accounts = list("Accounts only", 1);
        String contact = create("contacts", "{\"lastname\":\"Adams " + run + "\"}");
        String account = account("Kept");
        assertError(bound(accounts, "AddMemberList", "{\"EntityId\":\"" + contact + "\"}"), 400, "0x80040256",
                "The marketing list 'Accounts only " + run + "' holds account records; a contact cannot be a member "
                        + "of it.");
        assertError(api.post("AddListMembersList", "{\"List\":" + ref("list", accounts) + ",\"Members\":["
                        + ref("account", account) + "," + ref("contact", contact) + "]}"), 400, "0x80040256",
                "The marketing list 'Accounts only " + run + "' holds account records; a contact cannot be a member "
                        + "of it.");
        Response direct = api.post("listmembers", "{\"listid@odata.bind\":\"/lists(" + accounts + ")\","
                + "\"entityid_contact@odata.bind\":\"/contacts(" + contact + ")\"}");
        assertThat(direct.status()).as(direct.body()).isEqualTo(400);
        assertThat(direct.errorCode()).isEqualTo("0x80040256");
        assertThat(members(accounts)).isEmpty();
        assertThat(memberCount(accounts)).isZero();

        Response noMember = bound(accounts, "AddMemberList", "{}");
        assertThat(noMember.status()).as(noMember.body()).isEqualTo(400);
        assertThat(noMember.errorMessage()).contains("EntityId");

        bound(accounts, "AddMemberList", "{\"EntityId\":\"" + account + "\"}");
        assertThat(api.patch("lists(" + accounts + ")", "{\"lockstatus\":true}").status()).isEqualTo(204);
        String locked = "The marketing list 'Accounts only " + run + "' is locked; unlock it before changing its "
                + "members.";
        assertError(bound(accounts, "AddMemberList", "{\"EntityId\":\"" + account("Late") + "\"}"), 400,
                "0x80040265", locked);
        assertError(bound(accounts, "RemoveMemberList", "{\"EntityId\":\"" + account + "\"}"), 400, "0x80040265",
                locked);
        assertThat(members(accounts)).containsExactly(account);

        String dynamic = create("lists", "{\"listname\":\"Porto " + run + "\",\"createdfromcode\":2,\"type\":true,"
                + "\"query\":\"<fetch><entity name='contact'><filter><condition attribute='address1_city' "
                + "operator='eq' value='Porto'/></filter></entity></fetch>\"}");
        String isDynamic = "The marketing list 'Porto " + run + "' is dynamic: its members are what its query "
                + "returns; change the query instead.";
        assertError(bound(dynamic, "AddMemberList", "{\"EntityId\":\"" + contact + "\"}"), 400, "0x80040265",
                isDynamic);
        assertError(api.post("AddListMembersList", "{\"List\":" + ref("list", dynamic) + ",\"Members\":["
                + ref("contact", contact) + "]}"), 400, "0x80040265", isDynamic);
        assertThat(members(dynamic)).isEmpty();
    }

    @Test
    void aDynamicListFollowsItsQueryAndCopyDynamicListToStaticMakesALockedCopy() {
        String silva = create("contacts", "{\"lastname\":\"Silva " + run + "\",\"address1_city\":\"Porto\"}");
        String costa = create("contacts", "{\"lastname\":\"Costa " + run + "\",\"address1_city\":\"Lisbon\"}");
        String dynamic = create("lists", "{\"listname\":\"Porto " + run + "\",\"createdfromcode\":2,\"type\":true,"
                + "\"query\":\"<fetch><entity name='contact'><filter><condition attribute='address1_city' "
                + "operator='eq' value='Porto'/><condition attribute='lastname' operator='like' value='%" + run
                + "%'/></filter></entity></fetch>\"}");

        Response first = bound(dynamic, "CopyDynamicListToStatic", "{}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#Microsoft.Dynamics.CRM.CopyDynamicListToStaticResponse");
        String copy = first.json().path("StaticListId").asText();
        JsonNode copied = api.get("lists(" + copy + ")?$select=listname,type,lockstatus,createdfromcode,membercount")
                .json();
        assertThat(copied.path("listname").asText()).isEqualTo("Porto " + run + " (static)");
        assertThat(copied.path("type").asBoolean()).isFalse();
        assertThat(copied.path("lockstatus").asBoolean()).isTrue();
        assertThat(copied.path("createdfromcode").asInt()).isEqualTo(2);
        assertThat(copied.path("membercount").asInt()).isEqualTo(1);
        assertThat(members(copy)).containsExactly(silva);

        assertThat(api.patch("contacts(" + costa + ")", "{\"address1_city\":\"Porto\"}").status()).isEqualTo(204);
        String later = bound(dynamic, "CopyDynamicListToStatic", "{}").json().path("StaticListId").asText();
        assertThat(members(later)).containsExactlyInAnyOrder(silva, costa);
        assertThat(members(copy)).as("the first copy stays as it was").containsExactly(silva);
        assertError(bound(copy, "AddMemberList", "{\"EntityId\":\"" + costa + "\"}"), 400, "0x80040265",
                "The marketing list 'Porto " + run + " (static)' is locked; unlock it before changing its members.");
    }

    /** Polls the quick campaign over HTTP until it ends (the job runs in the background). */
    private JsonNode finished(String operation) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode op;
        do {
            Thread.sleep(200);
            op = api.get("bulkoperations(" + operation + ")?$select=statecode,statuscode,targetmemberscount,"
                    + "successcount,failurecount").json();
        } while (op.path("statecode").asInt() == 0 && Instant.now().isBefore(until));
        return op;
    }

    private static void assertCounts(JsonNode op, int target, int created, int failed) {
        assertThat(op.path("statecode").asInt()).as(op.toString()).isEqualTo(1);
        assertThat(op.path("statuscode").asInt()).isEqualTo(4);
        assertThat(op.path("targetmemberscount").asInt()).isEqualTo(target);
        assertThat(op.path("successcount").asInt()).isEqualTo(created);
        assertThat(op.path("failurecount").asInt()).isEqualTo(failed);
    }

    private Map<String, String> log(String operation) {
        Map<String, String> reasons = new HashMap<>();
        api.get("bulkoperationlogs?$select=_regardingobjectid_value,errordescription&$filter="
                + ApiClient.enc("_bulkoperationid_value eq " + operation)).json().path("value")
                .forEach(l -> reasons.put(l.path("_regardingobjectid_value").asText(),
                        l.path("errordescription").asText()));
        return reasons;
    }

    private Map<String, Integer> regarding(String set, String subject) {
        Map<String, Integer> states = new HashMap<>();
        api.get(set + "?$select=_regardingobjectid_value,statecode&$filter=" + ApiClient.enc("subject eq '"
                + subject + "'")).json().path("value").forEach(v -> states.put(v.path("_regardingobjectid_value")
                .asText(), v.path("statecode").asInt()));
        return states;
    }

    @Test
    void quickCampaignsOverAQueryAndAListReturnTheirBulkOperation() throws Exception {
        String fabrikam = account("Fabrikam");
        String contoso = account("Contoso");
        String optedOut = create("accounts", "{\"name\":\"Opted out " + run + "\",\"donotphone\":true}");
        String inactive = account("Inactive");
        assertThat(api.patch("accounts(" + inactive + ")", "{\"statecode\":1,\"statuscode\":2}").status())
                .isEqualTo(204);

        Response started = api.post("PropagateByExpression", "{\"QueryExpression\":{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.FetchExpression\",\"Query\":\"<fetch><entity name='account'><filter>"
                + "<condition attribute='name' operator='like' value='%" + run + "%'/></filter></entity></fetch>\"},"
                + "\"FriendlyName\":\"View " + run + "\",\"ExecuteImmediately\":false,\"Activity\":{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.phonecall\",\"subject\":\"Call " + run + "\"},"
                + "\"OwnershipOptions\":\"Caller\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().path("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#Microsoft.Dynamics.CRM.PropagateByExpressionResponse");
        String view = started.json().path("BulkOperationId").asText();
        assertCounts(finished(view), 4, 2, 2);
        assertThat(regarding("phonecalls", "Call " + run)).isEqualTo(Map.of(fabrikam, 0, contoso, 0));
        assertThat(log(view)).isEqualTo(Map.of(
                optedOut, "Skipped: the account's preferences do not allow phone calls (donotphone).",
                inactive, "Skipped: the account is not active."));

        String list = list("Key accounts", 1);
        api.post("AddListMembersList", "{\"List\":" + ref("list", list) + ",\"Members\":[" + ref("account", fabrikam)
                + "," + ref("account", optedOut) + "," + ref("account", inactive) + "]}");
        Response fromList = bound(list, "CreateActivitiesList", "{\"FriendlyName\":\"Tasks " + run + "\","
                + "\"Activity\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.task\",\"subject\":\"Task " + run + "\"},"
                + "\"Propagate\":true,\"OwnershipOptions\":\"Caller\"}");
        assertThat(fromList.status()).as(fromList.body()).isEqualTo(200);
        assertThat(fromList.json().path("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#Microsoft.Dynamics.CRM.CreateActivitiesListResponse");
        String tasks = fromList.json().path("BulkOperationId").asText();
        assertCounts(finished(tasks), 3, 2, 1);
        assertThat(regarding("tasks", "Task " + run)).as("completed tasks; a task asks no contact preference")
                .isEqualTo(Map.of(fabrikam, 1, optedOut, 1));
        assertThat(log(tasks)).isEqualTo(Map.of(inactive, "Skipped: the account is not active."));

        assertError(api.post("PropagateByExpression", "{\"QueryExpression\":{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.FetchExpression\",\"Query\":\"<fetch><entity name='opportunity'/>"
                + "</fetch>\"},\"FriendlyName\":\"Bad " + run + "\",\"ExecuteImmediately\":false,\"Activity\":"
                + "{\"@odata.type\":\"Microsoft.Dynamics.CRM.phonecall\",\"subject\":\"Bad " + run + "\"},"
                + "\"OwnershipOptions\":\"Caller\"}"), 400, "0x80040203",
                "A quick campaign's query must select accounts, contacts or leads, not opportunity.");
        assertThat(api.get("bulkoperations?$select=subject&$filter=" + ApiClient.enc("subject eq 'Bad " + run + "'"))
                .json().path("value")).isEmpty();
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
        String list1 = list("Visitors", 2);
        String list2 = list("Subscribers", 2);
        for (String[] m : new String[][] {{list1, a}, {list1, b}, {list2, b}}) {
            create("listmembers", "{\"listid@odata.bind\":\"/lists(" + m[0] + ")\",\"entityid_contact@odata.bind\":"
                    + "\"/contacts(" + m[1] + ")\"}");
        }
        // a dynamic list of the run's contacts overlaps both static lists and adds Cy, who takes no calls
        String cy = create("contacts", "{\"lastname\":\"Cy " + run + "\",\"donotphone\":true}");
        String everyone = create("lists", "{\"listname\":\"Everyone " + run + "\",\"createdfromcode\":2,"
                + "\"type\":true,\"query\":\"<fetch><entity name='contact'><filter><condition attribute='lastname' "
                + "operator='like' value='%" + run + "%'/></filter></entity></fetch>\"}");
        // AddItemCampaign as Dataverse's Web API has it: bound to the list, the campaign as Campaign, the
        // campaignitem as the answer
        String bind = "{\"Campaign\":{\"campaignid\":\"" + campaign + "\"}}";
        assertThat(api.post("lists(" + everyone + ")/Microsoft.Dynamics.CRM.AddItemCampaign", bind).status())
                .isEqualTo(200);
        Response added = api.post("lists(" + list1 + ")/Microsoft.Dynamics.CRM.AddItemCampaign", bind);
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("@odata.context").asText()).endsWith("$metadata#campaignitems/$entity");
        assertThat(added.json().path("_campaignid_value").asText()).isEqualTo(campaign);
        String item = added.json().path("campaignitemid").asText();
        assertThat(UUID.fromString(item)).isNotNull();
        assertThat(added.json().has("CampaignItemId")).isFalse();
        assertThat(api.post("lists(" + list1 + ")/Microsoft.Dynamics.CRM.AddItemCampaign", bind).json()
                .path("campaignitemid").asText()).isEqualTo(item);
        assertThat(api.post("lists(" + list2 + ")/Microsoft.Dynamics.CRM.AddItemCampaign", bind).status())
                .isEqualTo(200);
        Response wrong = api.post("contacts(" + a + ")/Microsoft.Dynamics.CRM.AddItemCampaign", bind);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessage()).contains("AddItemCampaign is bound to a marketing list or a product");
        Response noCampaign = api.post("lists(" + list1 + ")/Microsoft.Dynamics.CRM.AddItemCampaign", "{}");
        assertThat(noCampaign.status()).as(noCampaign.body()).isEqualTo(400);
        assertThat(noCampaign.errorMessage()).contains("Campaign");
        // the Organization Service's unbound shape is not a Web API operation
        Response unbound = api.post("AddItemCampaign", "{\"CampaignId\":\"" + campaign + "\",\"EntityId\":\""
                + list1 + "\",\"EntityName\":\"list\"}");
        assertThat(unbound.status()).as(unbound.body()).isEqualTo(404);
        String csdl = api.get("$metadata").body();
        assertThat(csdl).contains("<Action Name=\"AddItemCampaign\" IsBound=\"true\"><Parameter Name=\"entity\" "
                + "Type=\"mscrm.crmbaseentity\" Nullable=\"false\"/><Parameter Name=\"Campaign\" "
                + "Type=\"mscrm.campaign\" Nullable=\"false\"/><ReturnType Type=\"mscrm.campaignitem\" "
                + "Nullable=\"false\"/>");
        JsonNode items = api.get("campaignitems?$select=entitytype&$filter=" + ApiClient.enc("_campaignid_value eq "
                + campaign)).json().path("value");
        assertThat(items).hasSize(3);

        String calls = create("campaignactivities", "{\"subject\":\"Call " + run + "\",\"channeltypecode\":1,"
                + "\"regardingobjectid@odata.bind\":\"/campaigns(" + campaign + ")\"}");
        Response distributed = api.post("campaignactivities(" + calls + ")/Microsoft.Dynamics.CRM."
                + "DistributeCampaignActivity", "{\"Propagate\":false,\"OwnershipOptions\":\"Caller\","
                + "\"SendEmail\":false,\"PostWorkflowEvent\":false,\"Activity\":{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.phonecall\",\"description\":\"Autumn offer\"}}");
        assertThat(distributed.status()).as(distributed.body()).isEqualTo(200);
        assertThat(distributed.json().path("@odata.context").asText())
                .isEqualTo(api.root() + "$metadata#Microsoft.Dynamics.CRM.DistributeCampaignActivityResponse");
        String operation = distributed.json().path("BulkOperationId").asText();
        JsonNode recorded = api.get("bulkoperations(" + operation + ")?$select=operationtypecode,statecode,"
                + "statuscode,targetmemberscount,successcount,failurecount,createdrecordtypecode,subject").json();
        assertThat(recorded.path("operationtypecode").asInt()).as(recorded.toString()).isEqualTo(4);
        assertThat(recorded.path("createdrecordtypecode").asInt()).isEqualTo(1);
        assertThat(recorded.path("subject").asText()).isEqualTo("Call " + run);
        assertCounts(recorded, 3, 2, 1);
        assertThat(log(operation)).isEqualTo(Map.of(cy,
                "Skipped: the contact's preferences do not allow phonecall activities (donotphone)."));
        JsonNode phonecalls = api.get("phonecalls?$select=subject,description&$filter="
                + ApiClient.enc("_regardingobjectid_value eq " + calls)).json().path("value");
        assertThat(phonecalls).hasSize(2);
        assertThat(phonecalls.get(0).path("description").asText()).isEqualTo("Autumn offer");

        Response removed = api.post("RemoveItemCampaign", "{\"CampaignId\":\"" + campaign + "\",\"EntityId\":\""
                + list2 + "\"}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(api.get("campaignitems?$select=entitytype&$filter=" + ApiClient.enc("_campaignid_value eq "
                + campaign)).json().path("value")).hasSize(2);

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
