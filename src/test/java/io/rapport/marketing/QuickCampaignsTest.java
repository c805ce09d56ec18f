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
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Quick campaigns as a Marketing Professional (built-in role only): over a selection, a page and a whole filtered
 * view (PropagateByExpression with FetchXML or the UI's query) and over a marketing list (CreateActivitiesList),
 * each creates exactly one activity per eligible member, regarding it, and logs the members that opted out of the
 * channel or are inactive; counts and status end Completed.
 */
abstract class QuickCampaignsTest {

    @OnH2
    static class H2 extends QuickCampaignsTest {
    }

    @OnPostgres
    static class Postgres extends QuickCampaignsTest {
    }

    @Autowired
    OrganizationService org;

    OrganizationService marketer;
    UUID marketerId;
    String run;
    UUID fabrikam;
    UUID contoso;
    UUID optedOut;
    UUID inactive;

    @BeforeEach
    void accounts() {
        Principals people = new Principals(org);
        run = people.run();
        marketerId = people.user("qc", people.businessUnit("Quick " + run, people.rootUnit()),
                "Marketing Professional");
        marketer = people.as(marketerId);
        fabrikam = marketer.create(new Entity("account").set("name", "Fabrikam " + run));
        contoso = marketer.create(new Entity("account").set("name", "Contoso " + run));
        optedOut = marketer.create(new Entity("account").set("name", "Opted out " + run).set("donotphone", true));
        inactive = marketer.create(new Entity("account").set("name", "Inactive " + run));
        marketer.execute(new SetStateRequest(new EntityReference("account", inactive), 1, 2));
    }

    private Map<String, Object> params(Object query, String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("QueryExpression", query);
        p.put("FriendlyName", name + " " + run);
        p.put("ExecuteImmediately", false);
        p.put("Activity", new Entity("phonecall").set("subject", "Call " + name + " " + run)
                .set("description", "Spring offer").set("scheduledend", Instant.now().plus(2, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS)).set("scheduleddurationminutes", 15));
        p.put("OwnershipOptions", "Caller");
        return p;
    }

    private UUID propagate(Object query, String name) {
        return (UUID) marketer.execute(new ActionRequest("PropagateByExpression", params(query, name)))
                .output("BulkOperationId");
    }

    static Entity awaitEnd(OrganizationService as, UUID id) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        Entity op;
        do {
            Thread.sleep(200);
            op = as.retrieve("bulkoperation", id, ColumnSet.of("statecode", "statuscode", "successcount",
                    "failurecount", "targetmemberscount", "subject", "createdrecordtypecode"));
        } while (op.getInteger("statecode") == 0 && Instant.now().isBefore(until));
        return op;
    }

    private List<Entity> activities(String entity, String subject) {
        return marketer.retrieveMultiple(QueryExpression.from(entity).select("regardingobjectid", "ownerid",
                "statecode", "scheduleddurationminutes", "description").where(Condition.eq("subject", subject))
                .build()).entities();
    }

    private Map<UUID, String> log(UUID operation) {
        Map<UUID, String> reasons = new HashMap<>();
        marketer.retrieveMultiple(QueryExpression.from("bulkoperationlog").select("regardingobjectid",
                "errordescription").where(Condition.eq("bulkoperationid", operation)).build()).entities()
                .forEach(e -> reasons.put(e.getReference("regardingobjectid").id(), e.getString("errordescription")));
        return reasons;
    }

    private void assertDone(Entity op, int target, int created, int failed) {
        assertThat(op.getInteger("statecode")).isEqualTo(1);
        assertThat(op.getInteger("statuscode")).isEqualTo(4);
        assertThat(op.getInteger("targetmemberscount")).isEqualTo(target);
        assertThat(op.getInteger("successcount")).isEqualTo(created);
        assertThat(op.getInteger("failurecount")).isEqualTo(failed);
    }

    @Test
    void aWholeFilteredViewCreatesOneCallPerEligibleAccountAndLogsTheOthers() throws Exception {
        UUID id = propagate("<fetch><entity name='account'><filter><condition attribute='name' operator='like' "
                + "value='%" + run + "%'/></filter></entity></fetch>", "View");
        Entity op = awaitEnd(marketer, id);
        assertDone(op, 4, 2, 2);
        assertThat(op.getInteger("createdrecordtypecode")).isEqualTo(1);
        List<Entity> calls = activities("phonecall", "Call View " + run);
        assertThat(calls).extracting(c -> c.getReference("regardingobjectid").id())
                .containsExactlyInAnyOrder(fabrikam, contoso);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.getReference("ownerid").id()).isEqualTo(marketerId);
            assertThat(c.getInteger("statecode")).isZero();
            assertThat(c.getInteger("scheduleddurationminutes")).isEqualTo(15);
            assertThat(c.getString("description")).isEqualTo("Spring offer");
        });
        Map<UUID, String> log = log(id);
        assertThat(log).containsOnlyKeys(optedOut, inactive);
        assertThat(log.get(optedOut)).isEqualTo("Skipped: the account's preferences do not allow phone calls "
                + "(donotphone).");
        assertThat(log.get(inactive)).isEqualTo("Skipped: the account is not active.");
    }

    @Test
    void aSelectionAndAPageCreateExactlyTheirActivities() throws Exception {
        UUID selection = propagate("<fetch><entity name='account'><filter><condition attribute='accountid' "
                + "operator='in'><value>" + fabrikam + "</value><value>" + optedOut + "</value></condition>"
                + "</filter></entity></fetch>", "Selection");
        assertDone(awaitEnd(marketer, selection), 2, 1, 1);
        assertThat(activities("phonecall", "Call Selection " + run)).extracting(c -> c.getReference(
                "regardingobjectid").id()).containsExactly(fabrikam);
        assertThat(log(selection)).containsOnlyKeys(optedOut);

        // the UI's "all records on this page": the page's ids as a query of the pipeline's model
        QueryExpression page = QueryExpression.from("account").where(new Condition(null, "accountid",
                ConditionOperator.IN, List.of(contoso, inactive))).build();
        UUID onPage = propagate(page, "Page");
        assertDone(awaitEnd(marketer, onPage), 2, 1, 1);
        assertThat(activities("phonecall", "Call Page " + run)).extracting(c -> c.getReference("regardingobjectid")
                .id()).containsExactly(contoso);
        assertThat(log(onPage)).containsOnlyKeys(inactive);
    }

    @Test
    void aMarketingListGetsCompletedEmailsExceptForOptedOutAndInactiveContacts() throws Exception {
        UUID ana = marketer.create(new Entity("contact").set("lastname", "Ana " + run));
        UUID bo = marketer.create(new Entity("contact").set("lastname", "Bo " + run).set("donotemail", true));
        UUID cy = marketer.create(new Entity("contact").set("lastname", "Cy " + run));
        UUID di = marketer.create(new Entity("contact").set("lastname", "Di " + run));
        marketer.execute(new SetStateRequest(new EntityReference("contact", di), 1, 2));
        UUID list = marketer.create(new Entity("list").set("listname", "Newsletter " + run)
                .set("createdfromcode", 2));
        marketer.execute(new ActionRequest("AddListMembersList", Map.of("List", new EntityReference("list", list),
                "Members", List.of(new Entity("contact", ana), new Entity("contact", bo), new Entity("contact", cy),
                        new Entity("contact", di)))));
        Map<String, Object> p = new HashMap<>();
        p.put("FriendlyName", "Newsletter " + run);
        p.put("Activity", new Entity("email").set("subject", "Newsletter " + run));
        p.put("Propagate", true);
        p.put("OwnershipOptions", 1);
        UUID id = (UUID) marketer.execute(new ActionRequest("CreateActivitiesList", new EntityReference("list",
                list), p)).output("BulkOperationId");
        assertDone(awaitEnd(marketer, id), 4, 2, 2);
        List<Entity> emails = activities("email", "Newsletter " + run);
        assertThat(emails).extracting(c -> c.getReference("regardingobjectid").id()).containsExactlyInAnyOrder(ana,
                cy);
        assertThat(emails).allSatisfy(e -> assertThat(e.getInteger("statecode")).isEqualTo(1));
        assertThat(log(id)).containsOnlyKeys(bo, di);
        assertThat(log(id).get(bo)).contains("donotemail");
        assertThat(marketer.retrieve("list", list, ColumnSet.of("lastusedon")).get("lastusedon")).isNotNull();
    }

    @Test
    void aQueryOverAnotherEntityOrAnActivityWithoutSubjectIsRefused() {
        assertThatThrownBy(() -> propagate("<fetch><entity name='opportunity'/></fetch>", "Bad"))
                .isInstanceOfSatisfying(RapportException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.QUERY_INVALID));
        Map<String, Object> p = params("<fetch><entity name='account'/></fetch>", "NoSubject");
        p.put("Activity", new Entity("task"));
        assertThatThrownBy(() -> marketer.execute(new ActionRequest("PropagateByExpression", p)))
                .isInstanceOfSatisfying(RapportException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.REQUIRED_ATTRIBUTE_MISSING));
        assertThat(marketer.retrieveMultiple(QueryExpression.from("bulkoperation").where(Condition.of("subject",
                ConditionOperator.LIKE, "%" + run + "%")).build()).entities()).isEmpty();
    }
}
