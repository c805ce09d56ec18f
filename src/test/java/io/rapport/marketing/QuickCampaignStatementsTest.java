package io.rapport.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The quick campaign job is set-based: what it sends to the database and through the pipeline grows with the
 * number of pages (500 members each), not with the number of activities. A campaign over 1,200 contacts (three
 * pages) is counted on the job's thread: SQL statements (a JDBC batch is one) and pipeline messages, per page and
 * per activity, so a per-record statement or nested message cannot come back unnoticed.
 */
@Import(JobStatements.Config.class)
abstract class QuickCampaignStatementsTest {

    @OnH2
    static class H2 extends QuickCampaignStatementsTest {
    }

    @OnPostgres
    static class Postgres extends QuickCampaignStatementsTest {
    }

    /** Members of the run: three pages of 500, the last one partly filled. */
    static final int MEMBERS = 1_200;
    static final int PAGES = 3;

    @Autowired
    OrganizationService org;

    @Test
    void statementsAndMessagesGrowWithPagesNotWithActivities() throws Exception {
        Principals people = new Principals(org);
        String run = people.run();
        UUID marketerId = people.user("qcs", people.businessUnit("Statements " + run, people.rootUnit()),
                "Marketing Professional");
        OrganizationService marketer = people.as(marketerId);
        List<Entity> contacts = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            contacts.add(new Entity("contact").set("lastname", "Member " + run + " " + i));
        }
        marketer.execute(new CreateMultipleRequest(contacts));
        Map<String, Object> p = new HashMap<>();
        p.put("QueryExpression", "<fetch><entity name='contact'><filter><condition attribute='lastname' "
                + "operator='like' value='Member " + run + " %'/></filter></entity></fetch>");
        p.put("FriendlyName", "Statements " + run);
        p.put("ExecuteImmediately", false);
        p.put("Activity", new Entity("phonecall").set("subject", "Call " + run));
        p.put("OwnershipOptions", "Caller");

        JobStatements.reset();
        UUID id = (UUID) marketer.execute(new ActionRequest("PropagateByExpression", p)).output("BulkOperationId");
        Entity op = QuickCampaignsTest.awaitEnd(marketer, id);
        int statements = JobStatements.statements();
        int messages = JobStatements.messages();
        String detail = "statements " + JobStatements.statementsBySql() + "\nmessages " + JobStatements.messagesByName();
        System.out.println("quick campaign of " + MEMBERS + ": " + statements + " statements, " + messages
                + " messages\n" + detail);

        assertThat(op.getInteger("statuscode")).as(detail).isEqualTo(4);
        assertThat(op.getInteger("successcount")).isEqualTo(MEMBERS);
        assertThat(marketer.retrieveMultiple(QueryExpression.from("phonecall").where(Condition.eq("subject",
                "Call " + run)).build()).entities()).hasSize(MEMBERS);
        assertThat(statements).as(detail).isLessThanOrEqualTo(30 * PAGES + 20);
        assertThat((double) statements / MEMBERS).as(detail).isLessThan(0.1);
        // one Create stage run per activity inside the page's CreateMultiple, no nested message per activity (the
        // pointers are written in batch), and a handful of messages per page (the page read, progress, cancel check)
        assertThat(JobStatements.messagesByName()).as(detail).containsEntry("Create phonecall", MEMBERS)
                .containsEntry("CreateMultiple phonecall", PAGES).doesNotContainKey("Create activitypointer");
        assertThat(messages - MEMBERS).as(detail).isLessThanOrEqualTo(6 * PAGES + 6);
    }
}
