package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Bulk deletion from a list in the UI, by the administrator: the list of accounts narrowed by quick find offers
 * "Bulk delete", the confirmation page counts the records the list selects, the submitted job deletes exactly those
 * in the background (the others stay) and the page of bulk deletion jobs shows it with its counts. A Salesperson sees
 * no such button and gets 403 on the page and the post. A job submitted to run every 30 days plans its next run,
 * which the job's page cancels.
 */
@OnH2
@AutoConfigureMockMvc
@WithUserDetails(TestUsers.ADMIN)
class BulkDeleteUiOnH2Test {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    private MvcResult send(RequestPostProcessor as, MockHttpServletRequestBuilder request, int status)
            throws Exception {
        if (as != null) {
            request.with(as);
        }
        MvcResult r = mvc.perform(request.with(csrf()).header("Accept-Language", "en")).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        return r;
    }

    private List<Entity> accounts(String prefix) {
        return org.retrieveMultiple(QueryExpression.from("account").select("name")
                .where(Condition.of("name", ConditionOperator.BEGINS_WITH, prefix)).build()).entities();
    }

    @Test
    void theAdministratorDeletesWhatTheListShowsInTheBackground() throws Exception {
        Principals people = new Principals(org);
        String prefix = "BDUI " + people.run();
        for (int i = 1; i <= 3; i++) {
            org.create(new Entity("account").set("name", prefix + " zap " + i));
        }
        UUID kept = org.create(new Entity("account").set("name", prefix + " keep"));
        String narrowed = prefix + " zap";

        String list = send(null, get("/app/account").param("q", narrowed), 200).getResponse().getContentAsString();
        assertThat(list).contains("id=\"bulk-delete\"");
        String confirm = send(null, get("/app/account/bulkdelete").param("q", narrowed), 200).getResponse()
                .getContentAsString();
        assertThat(confirm).contains("3 Accounts of the view").contains("name=\"q\" value=\"" + narrowed + "\"");

        MvcResult submitted = send(null, post("/app/account/bulkdelete").param("q", narrowed)
                .param("jobName", "Clean " + prefix), 302);
        assertThat(submitted.getResponse().getRedirectedUrl()).isEqualTo("/app/bulkdeleteoperation?area=settings");
        assertThat(submitted.getFlashMap().get("notice"))
                .isEqualTo("The bulk deletion job was submitted; its status is below.");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (accounts(prefix).size() > 1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(accounts(prefix)).extracting(Entity::id).containsExactly(kept);
        Entity job = org.retrieveMultiple(QueryExpression.from("bulkdeleteoperation")
                .select("successcount", "failurecount", "statecode", "statuscode")
                .where(Condition.eq("name", "Clean " + prefix)).build()).entities().get(0);
        deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (job.getInteger("statecode") != 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            job = org.retrieve("bulkdeleteoperation", job.id(), ColumnSet.of("successcount", "failurecount",
                    "statecode", "statuscode"));
        }
        assertThat(job.getInteger("statuscode")).isEqualTo(30);
        assertThat(job.getInteger("successcount")).isEqualTo(3);
        assertThat(job.getInteger("failurecount")).isZero();
        String jobs = send(null, get("/app/bulkdeleteoperation").param("area", "settings"), 200).getResponse()
                .getContentAsString();
        assertThat(jobs).contains("Clean " + prefix).contains("id=\"nav-bulk-delete\"");

        // a salesperson: no button, no page, no job
        UUID unit = people.businessUnit("Bulk UI " + people.run(), people.rootUnit());
        UUID seller = people.user("bulkui", unit, "Salesperson");
        String name = people.userName(seller);
        RequestPostProcessor as = authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(seller, name, name, unit, "en"), null, List.of()));
        assertThat(send(as, get("/app/account").param("q", prefix), 200).getResponse().getContentAsString())
                .doesNotContain("id=\"bulk-delete\"");
        send(as, get("/app/account/bulkdelete").param("q", prefix), 403);
        send(as, post("/app/account/bulkdelete").param("q", prefix).param("jobName", "Denied"), 403);
        assertThat(accounts(prefix)).extracting(Entity::id).containsExactly(kept);
    }

    @Test
    void aJobRunEveryThirtyDaysWaitsForItsNextRunWhichItsPageCancels() throws Exception {
        Principals people = new Principals(org);
        String prefix = "BDUIR " + people.run();
        org.create(new Entity("account").set("name", prefix + " zap"));
        String confirm = send(null, get("/app/account/bulkdelete").param("q", prefix), 200).getResponse()
                .getContentAsString();
        assertThat(confirm).contains("<select id=\"recurrence\" name=\"recurrence\"")
                .contains("<option value=\"\" selected>Once</option>")
                .contains("<option value=\"30\">Every 30 days</option>")
                .contains("<option value=\"365\">Every 365 days</option>");
        assertThat(confirm).contains("<input class=\"form-check-input\" type=\"checkbox\" name=\"notify\" value=\"true\" "
                + "id=\"notify\">");
        // "e-mail me" needs an address to send to: refused on the page, nothing submitted
        UUID admin = org.retrieveMultiple(QueryExpression.from("systemuser").select("internalemailaddress")
                .where(Condition.eq("domainname", TestUsers.ADMIN)).build()).entities().get(0).id();
        String address = org.retrieve("systemuser", admin, ColumnSet.of("internalemailaddress"))
                .getString("internalemailaddress");
        org.update(new Entity("systemuser", admin).set("internalemailaddress", null));
        MvcResult refused = send(null, post("/app/account/bulkdelete").param("q", prefix)
                .param("jobName", "Monthly " + prefix).param("recurrence", "30").param("notify", "true"), 302);
        assertThat((String) refused.getFlashMap().get("alert")).contains("has no e-mail address");
        org.update(new Entity("systemuser", admin).set("internalemailaddress", "admin." + people.run()
                + "@rapport.test"));
        MvcResult submitted;
        try {
            submitted = send(null, post("/app/account/bulkdelete").param("q", prefix)
                    .param("jobName", "Monthly " + prefix).param("recurrence", "30").param("notify", "true"), 302);
        } finally {
            org.update(new Entity("systemuser", admin).set("internalemailaddress", address));
        }
        assertThat(submitted.getFlashMap().get("notice")).isEqualTo("The bulk deletion job was submitted; it runs "
                + "again every 30 days until it is canceled.");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Entity> runs = List.of();
        while (runs.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            runs = org.retrieveMultiple(QueryExpression.from("bulkdeleteoperation")
                    .select("statecode", "statuscode", "successcount", "nextrun", "asyncoperationid")
                    .where(Condition.eq("name", "Monthly " + prefix)).orderBy(new io.rapport.query.Order(null, "createdon", false)).build()).entities();
        }
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).getInteger("statuscode")).isEqualTo(30);
        assertThat(runs.get(0).getInteger("successcount")).isEqualTo(1);
        assertThat(runs.get(0).getInstant("nextrun")).isAfter(Instant.now().plus(Duration.ofDays(29)));
        Entity waiting = runs.get(1);
        assertThat(waiting.getInteger("statuscode")).isEqualTo(10);
        // the notice of the run: an e-mail from the administrator to themselves, queued to send
        List<Entity> notices = org.retrieveMultiple(QueryExpression.from("email").select("subject", "description")
                .where(Condition.of("subject", ConditionOperator.BEGINS_WITH, "Bulk deletion job \"Monthly " + prefix))
                .build()).entities();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).getString("subject")).startsWith("Bulk deletion job \"Monthly " + prefix
                + "\" succeeded: 1 deleted, 0 not deleted");
        assertThat(notices.get(0).getString("description")).contains("<p>Next run: ");

        String page = send(null, get("/app/bulkdeleteoperation/" + waiting.id()), 200).getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"cancel-job\"");
        MvcResult canceled = send(null, post("/app/bulkdeleteoperation/" + waiting.id() + "/cancel"), 302);
        assertThat(canceled.getFlashMap().get("notice")).isEqualTo("The job was canceled.");
        Entity after = org.retrieve("bulkdeleteoperation", waiting.id(), ColumnSet.of("statecode", "statuscode"));
        assertThat(after.getInteger("statecode")).isEqualTo(3);
        assertThat(after.getInteger("statuscode")).isEqualTo(32);
        assertThat(org.retrieve("asyncoperation", waiting.getReference("asyncoperationid").id(),
                ColumnSet.of("statuscode")).getInteger("statuscode")).isEqualTo(32);
        assertThat(send(null, get("/app/bulkdeleteoperation/" + waiting.id()), 200).getResponse()
                .getContentAsString()).doesNotContain("id=\"cancel-job\"");
    }
}
