package io.rapport.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaigns worked by a Marketing Professional (the built-in role only): the status reasons a campaign moves
 * through, the products it targets (AddItemCampaign / RemoveItemCampaign), a response converted into a lead that
 * keeps the campaign as its source and carries it on to the opportunity of QualifyLead; a Salesperson reads
 * campaigns and records responses but does not run campaigns.
 */
abstract class CampaignsTest {

    @OnH2
    static class H2 extends CampaignsTest {
    }

    @OnPostgres
    static class Postgres extends CampaignsTest {
    }

    @Autowired
    OrganizationService org;

    OrganizationService marketer;
    OrganizationService seller;
    String run;

    @BeforeEach
    void people() {
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Marketing " + run, people.rootUnit());
        marketer = people.as(people.user("mara", unit, "Marketing Professional"));
        seller = people.as(people.user("sam", unit, "Salesperson"));
    }

    private UUID campaign(String name) {
        return marketer.create(new Entity("campaign").set("name", name + " " + run).set("typecode", 2)
                .set("budgetedcost", new java.math.BigDecimal("5000")).set("expectedresponse", 12)
                .set("promotioncodename", "SPRING-" + run).set("proposedstart", LocalDate.of(2027, 3, 1)));
    }

    private int status(UUID campaign) {
        return marketer.retrieve("campaign", campaign, ColumnSet.of("statuscode")).getInteger("statuscode");
    }

    private void move(UUID campaign, int status) {
        marketer.update(new Entity("campaign", campaign).set("statuscode", status));
    }

    @Test
    void aCampaignMovesThroughDataversesStatusReasons() {
        UUID spring = campaign("Spring launch");
        Entity created = marketer.retrieve("campaign", spring, ColumnSet.of("statecode", "statuscode",
                "istemplate", "actualstart"));
        assertThat(created.getInteger("statecode")).isZero();
        assertThat(created.getInteger("statuscode")).isZero();
        assertThat(created.get("istemplate")).isEqualTo(false);
        assertThat(created.get("actualstart")).isNull();

        assertThatThrownBy(() -> move(spring, 2)).isInstanceOf(RapportException.class)
                .hasMessage("A campaign cannot go from Proposed to Launched.")
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION));
        move(spring, 1);
        move(spring, 2);
        Entity launched = marketer.retrieve("campaign", spring, ColumnSet.of("statuscode", "actualstart"));
        assertThat(launched.getInteger("statuscode")).isEqualTo(2);
        assertThat(launched.get("actualstart")).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        move(spring, 5);
        move(spring, 2);
        move(spring, 3);
        assertThat(marketer.retrieve("campaign", spring, ColumnSet.of("actualend")).get("actualend"))
                .isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThatThrownBy(() -> move(spring, 2)).hasMessage("A campaign cannot go from Completed to Launched.");
        marketer.execute(new SetStateRequest(new EntityReference("campaign", spring), 1, 6));
        Entity inactive = marketer.retrieve("campaign", spring, ColumnSet.of("statecode", "statuscode"));
        assertThat(inactive.getInteger("statecode")).isEqualTo(1);
        assertThat(inactive.getInteger("statuscode")).isEqualTo(6);
        marketer.execute(new SetStateRequest(new EntityReference("campaign", spring), 0, 0));
        assertThat(status(spring)).isZero();

        UUID canceled = campaign("Dropped");
        move(canceled, 4);
        assertThatThrownBy(() -> move(canceled, 1)).hasMessage("A campaign cannot go from Canceled to Ready To Launch.");

        UUID template = marketer.create(new Entity("campaign").set("name", "Template " + run).set("istemplate", true));
        move(template, 1);
        assertThatThrownBy(() -> move(template, 2)).hasMessageContaining("template cannot be launched")
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.BUSINESS_RULE));
        assertThatThrownBy(() -> marketer.create(new Entity("campaign").set("name", "Born launched " + run)
                .set("statuscode", 2))).hasMessageContaining("A new campaign is Proposed");
    }

    @Test
    void aCampaignTargetsProductsOnceAndDropsThem() {
        SalesCatalog catalog = new SalesCatalog(org);
        UUID spring = campaign("Laptop offer");
        Map<String, Object> laptop = Map.of("CampaignId", spring, "EntityId", catalog.laptop, "EntityName", "product");
        UUID item = (UUID) marketer.execute(new ActionRequest("AddItemCampaign", laptop)).output("CampaignItemId");
        assertThat(marketer.execute(new ActionRequest("AddItemCampaign", laptop)).output("CampaignItemId"))
                .isEqualTo(item);
        Entity row = marketer.retrieve("campaignitem", item, ColumnSet.of("campaignid", "entityid", "entitytype"));
        assertThat(row.getReference("entityid")).isEqualTo(new EntityReference("product", catalog.laptop));
        assertThat(row.getString("entitytype")).isEqualTo("product");
        assertThatThrownBy(() -> marketer.execute(new ActionRequest("AddItemCampaign", Map.of("CampaignId", spring,
                "EntityId", UUID.randomUUID(), "EntityName", "account"))))
                .hasMessageContaining("EntityName must be 'list' or 'product'");
        assertThatThrownBy(() -> seller.execute(new ActionRequest("AddItemCampaign", Map.of("CampaignId", spring,
                "EntityId", catalog.dock, "EntityName", "product"))))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.PRIVILEGE_DENIED));

        marketer.execute(new ActionRequest("RemoveItemCampaign", Map.of("CampaignId", spring,
                "EntityId", catalog.laptop)));
        assertThat(items(spring).entities()).isEmpty();
        assertThatThrownBy(() -> marketer.execute(new ActionRequest("RemoveItemCampaign", Map.of("CampaignId", spring,
                "EntityId", catalog.laptop)))).hasMessageContaining("does not target");
    }

    private EntityCollection items(UUID campaign) {
        return marketer.retrieveMultiple(QueryExpression.from("campaignitem").select("entityid")
                .where(Condition.eq("campaignid", campaign)).build());
    }

    @Test
    void aResponseBecomesALeadWithTheCampaignAndItsOpportunityKeepsIt() {
        UUID spring = campaign("Trade fair");
        UUID heard = seller.create(new Entity("campaignresponse").set("subject", "Heard at the booth " + run)
                .set("regardingobjectid", new EntityReference("campaign", spring)).set("responsecode", 2));
        assertThat(seller.retrieve("campaignresponse", heard, ColumnSet.of("statecode")).getInteger("statecode"))
                .isZero();
        UUID response = marketer.create(new Entity("campaignresponse").set("subject", "Asked for a demo " + run)
                .set("regardingobjectid", new EntityReference("campaign", spring)).set("responsecode", 1)
                .set("channeltypecode", 2).set("receivedon", LocalDate.of(2027, 3, 4))
                .set("firstname", "Rita").set("lastname", "Response " + run).set("companyname", "Fair Co " + run));
        assertThat(seller.retrieve("campaign", spring, ColumnSet.of("name")).getString("name"))
                .isEqualTo("Trade fair " + run);
        assertThatThrownBy(() -> seller.create(new Entity("campaign").set("name", "Not mine " + run)))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.PRIVILEGE_DENIED));

        UUID lead = marketer.create(new Entity("lead").set("subject", "Demo for Fair Co").set("firstname", "Rita")
                .set("lastname", "Response " + run).set("companyname", "Fair Co " + run)
                .set("relatedobjectid", new EntityReference("campaignresponse", response)));
        marketer.execute(new SetStateRequest(new EntityReference("campaignresponse", response), 1, 2));
        Entity made = marketer.retrieve("lead", lead, ColumnSet.of("campaignid", "relatedobjectid"));
        assertThat(made.getReference("campaignid").id()).isEqualTo(spring);
        assertThat(made.getReference("relatedobjectid").id()).isEqualTo(response);
        assertThat(marketer.retrieve("campaignresponse", response, ColumnSet.of("statecode", "statuscode"))
                .getInteger("statuscode")).isEqualTo(2);

        EntityCollection created = (EntityCollection) marketer.execute(new ActionRequest("QualifyLead",
                new EntityReference("lead", lead), Map.of("CreateAccount", true, "CreateContact", false,
                        "CreateOpportunity", true, "Status", 3))).output("CreatedEntities");
        UUID opportunity = created.entities().stream().filter(e -> e.logicalName().equals("opportunity"))
                .findFirst().orElseThrow().id();
        assertThat(marketer.retrieve("opportunity", opportunity, ColumnSet.of("campaignid")).getReference("campaignid")
                .id()).isEqualTo(spring);

        UUID other = campaign("Webinar");
        UUID second = marketer.create(new Entity("lead").set("subject", "Webinar guest").set("lastname", "Guest " + run)
                .set("companyname", "Guest Co " + run));
        EntityCollection fromParameter = (EntityCollection) marketer.execute(new ActionRequest("QualifyLead",
                new EntityReference("lead", second), Map.of("CreateAccount", false, "CreateContact", false,
                        "CreateOpportunity", true, "Status", 3, "SourceCampaignId",
                        new EntityReference("campaign", other)))).output("CreatedEntities");
        assertThat(marketer.retrieve("opportunity", fromParameter.entities().get(0).id(), ColumnSet.of("campaignid"))
                .getReference("campaignid").id()).isEqualTo(other);
    }

    private UUID contact(String name, boolean doNotPhone, boolean active) {
        UUID id = marketer.create(new Entity("contact").set("firstname", "C").set("lastname", name + " " + run)
                .set("telephone1", "+1 555 0100").set("donotphone", doNotPhone));
        if (!active) {
            marketer.execute(new SetStateRequest(new EntityReference("contact", id), 1, 2));
        }
        return id;
    }

    private UUID list(String name, UUID... contacts) {
        UUID list = marketer.create(new Entity("list").set("listname", name + " " + run).set("createdfromcode", 2));
        for (UUID c : contacts) {
            marketer.create(new Entity("listmember").set("listid", new EntityReference("list", list))
                    .set("entityid", new EntityReference("contact", c)));
        }
        return list;
    }

    @Test
    void aCampaignActivityCallsEachMemberOfTwoOverlappingListsOnce() {
        UUID ann = contact("Ann", false, true);
        UUID bob = contact("Bob", false, true);
        UUID cid = contact("Cid", false, true);
        UUID optedOut = contact("Dee no calls", true, true);
        UUID gone = contact("Eve inactive", false, false);
        UUID fairList = list("Fair visitors", ann, bob, optedOut);
        UUID webList = list("Web sign-ups", bob, cid, gone, ann);
        UUID spring = campaign("Call campaign");
        for (UUID l : new UUID[] {fairList, webList}) {
            marketer.execute(new ActionRequest("AddItemCampaign", Map.of("CampaignId", spring, "EntityId", l,
                    "EntityName", "list")));
        }
        UUID calls = marketer.create(new Entity("campaignactivity").set("subject", "Follow-up call " + run)
                .set("channeltypecode", 1).set("regardingobjectid", new EntityReference("campaign", spring))
                .set("budgetedcost", new java.math.BigDecimal("300")));

        Object bulk = marketer.execute(new ActionRequest("DistributeCampaignActivity",
                new EntityReference("campaignactivity", calls), Map.of("Propagate", false, "Activity",
                        new Entity("phonecall").set("description", "Ask about the spring offer"),
                        "OwnershipOptions", "Caller", "SendEmail", false, "PostWorkflowEvent", false)))
                .output("BulkOperationId");
        assertThat(bulk).isInstanceOf(UUID.class);
        Entity operation = marketer.retrieve("bulkoperation", (UUID) bulk, ColumnSet.of("operationtypecode",
                "statecode", "statuscode", "targetmemberscount", "successcount", "failurecount", "ownerid"));
        assertThat(operation.getInteger("operationtypecode")).isEqualTo(4);
        assertThat(operation.getInteger("statecode")).isEqualTo(1);
        assertThat(operation.getInteger("statuscode")).isEqualTo(4);
        assertThat(operation.getInteger("targetmemberscount")).isEqualTo(5);
        assertThat(operation.getInteger("successcount")).isEqualTo(3);
        assertThat(operation.getInteger("failurecount")).isEqualTo(2);
        var skipped = new java.util.HashMap<UUID, String>();
        marketer.retrieveMultiple(QueryExpression.from("bulkoperationlog").select("regardingobjectid",
                "errordescription").where(Condition.eq("bulkoperationid", bulk)).build()).entities()
                .forEach(l -> skipped.put(l.getReference("regardingobjectid").id(), l.getString("errordescription")));
        assertThat(skipped).isEqualTo(Map.of(
                optedOut, "Skipped: the contact's preferences do not allow phonecall activities (donotphone).",
                gone, "Skipped: the contact is not active."));

        var made = marketer.retrieveMultiple(QueryExpression.from("phonecall").select("subject", "description",
                "phonenumber", "regardingobjectid", "statecode").where(Condition.eq("regardingobjectid", calls))
                .build()).entities();
        assertThat(made).hasSize(3).allSatisfy(call -> {
            assertThat(call.getString("subject")).isEqualTo("Follow-up call " + run);
            assertThat(call.getString("description")).isEqualTo("Ask about the spring offer");
            assertThat(call.getString("phonenumber")).isEqualTo("+1 555 0100");
            assertThat(call.getInteger("statecode")).isZero();
        });
        var called = new java.util.ArrayList<UUID>();
        for (Entity call : made) {
            var parties = org.retrieveMultiple(QueryExpression.from("activityparty").select("partyid")
                    .where(Condition.eq("activityid", call.id())).where(Condition.eq("participationtypemask", 2))
                    .build()).entities();
            assertThat(parties).hasSize(1);
            called.add(parties.get(0).getReference("partyid").id());
        }
        assertThat(called).containsExactlyInAnyOrder(ann, bob, cid);

        UUID response = marketer.create(new Entity("campaignresponse").set("subject", "Bob wants a quote " + run)
                .set("responsecode", 1).set("originatingactivityid", new EntityReference("phonecall",
                        made.get(0).id())));
        Entity r = marketer.retrieve("campaignresponse", response, ColumnSet.of("regardingobjectid",
                "channeltypecode"));
        assertThat(r.getReference("regardingobjectid").id()).isEqualTo(spring);
        assertThat(r.getInteger("channeltypecode")).isEqualTo(2);
        assertThat(org.retrieveMultiple(QueryExpression.from("activityparty").select("partyid")
                .where(Condition.eq("activityid", response)).where(Condition.eq("participationtypemask", 11))
                .build()).entities()).singleElement().satisfies(p -> assertThat(p.getReference("partyid").id())
                        .isIn(ann, bob, cid));

        assertThatThrownBy(() -> marketer.execute(new ActionRequest("DistributeCampaignActivity",
                new EntityReference("campaignactivity", calls), Map.of("Propagate", false, "Activity",
                        new Entity("email"), "OwnershipOptions", "Caller"))))
                .hasMessageContaining("creates phonecall activities");
        assertThatThrownBy(() -> marketer.execute(new ActionRequest("DistributeCampaignActivity",
                new EntityReference("campaignactivity", calls), Map.of("Propagate", false, "Activity",
                        new Entity("phonecall"), "OwnershipOptions", "Everybody"))))
                .hasMessageContaining("None, Caller or ListMemberOwner");
    }
}
