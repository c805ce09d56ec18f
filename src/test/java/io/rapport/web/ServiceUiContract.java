package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.Principals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The service UI as a Customer Service Representative (the built-in role only): the queue buttons of the queue item
 * list and of the case form (add to queue, pick, release, route to a queue or a user, remove), and private queues
 * that only their members see, in the list, the case form's queue picker and the pipeline's reads.
 */
abstract class ServiceUiContract {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService organization;

    private static RequestPostProcessor signedIn(Principals people, UUID user, UUID unit) {
        String name = people.userName(user);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(new RapportPrincipal(user, name, name,
                unit, "en"), null, List.of()));
    }

    private String page(RequestPostProcessor as, String url) throws Exception {
        return mvc.perform(get(url).with(as).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    private Entity item(UUID incident) {
        List<Entity> items = organization.retrieveMultiple(QueryExpression.from("queueitem")
                .select("queueid", "workerid").where(Condition.eq("objectid", incident)).build()).entities();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private MvcResult listAction(RequestPostProcessor as, String action, UUID item, String... more) throws Exception {
        var request = post("/app/queueitem/work").with(as).with(csrf()).param("action", action)
                .param("id", item.toString()).param("returnTo", "/app/queueitem");
        for (int i = 0; i < more.length; i += 2) {
            request = request.param(more[i], more[i + 1]);
        }
        return mvc.perform(request).andExpect(redirectedUrl("/app/queueitem")).andReturn();
    }

    private MvcResult caseAction(RequestPostProcessor as, UUID incident, UUID item, String action, String... more)
            throws Exception {
        var request = post("/app/incident/" + incident + "/queueitem/" + item).with(as).with(csrf())
                .param("action", action);
        for (int i = 0; i < more.length; i += 2) {
            request = request.param(more[i], more[i + 1]);
        }
        return mvc.perform(request).andExpect(redirectedUrl("/app/incident/" + incident)).andReturn();
    }

    @Test
    void aRepresentativeWorksACaseWithTheQueueButtons() throws Exception {
        Principals people = new Principals(organization);
        String run = people.run();
        UUID unit = people.businessUnit("Queue desk", people.rootUnit());
        UUID csr = people.user("csr", unit, "Customer Service Representative");
        UUID colleague = people.user("colleague", unit, "Customer Service Representative");
        RequestPostProcessor as = signedIn(people, csr, unit);
        OrganizationService asCsr = people.as(csr);
        UUID account = asCsr.create(new Entity("account").set("name", "Queue UI customer " + run));
        UUID incident = asCsr.create(new Entity("incident").set("title", "Queue UI case " + run)
                .set("customerid", new EntityReference("account", account)));
        UUID tier1 = asCsr.create(new Entity("queue").set("name", "Tier 1 " + run));
        UUID tier2 = asCsr.create(new Entity("queue").set("name", "Tier 2 " + run));

        assertThat(page(as, "/app/incident/" + incident)).contains("id=\"case-add-queue\"")
                .contains(">Tier 1 " + run + "<").contains(">Tier 2 " + run + "<");
        mvc.perform(post("/app/incident/" + incident + "/queue").with(as).with(csrf()).param("queue",
                tier1.toString())).andExpect(redirectedUrl("/app/incident/" + incident));
        Entity added = item(incident);
        UUID item = added.id();
        assertThat(added.getReference("queueid").id()).isEqualTo(tier1);
        assertThat(added.get("workerid")).isNull();

        String list = page(as, "/app/queueitem?q=*" + run);
        assertThat(list).contains("id=\"queue-pick\"").contains("id=\"queue-release\"").contains("id=\"queue-route\"")
                .contains("id=\"queue-remove\"").contains("value=\"" + tier2 + "\"").contains("Queue UI case " + run);
        listAction(as, "pick", item);
        assertThat(item(incident).getReference("workerid").id()).isEqualTo(csr);

        assertThat(page(as, "/app/incident/" + incident)).contains("In queue Tier 1 " + run + ", worked by")
                .contains("id=\"case-queue-release-" + item + "\"").doesNotContain("id=\"case-queue-pick-" + item);
        caseAction(as, incident, item, "release");
        assertThat(item(incident).get("workerid")).isNull();

        listAction(as, "route", item, "routeQueue", tier2.toString());
        assertThat(item(incident).getReference("queueid").id()).isEqualTo(tier2);
        caseAction(as, incident, item, "route", "routeQueue", "", "assignee", "systemuser:" + colleague);
        assertThat(item(incident).getReference("workerid").id()).isEqualTo(colleague);

        MvcResult refused = listAction(as, "pick", item);
        assertThat(refused.getFlashMap().get("alert").toString()).contains("is already being worked on by");
        assertThat(refused.getFlashMap().get("notice")).isEqualTo("0 record(s) done.");
        assertThat(item(incident).getReference("workerid").id()).isEqualTo(colleague);
        MvcResult nowhere = caseAction(as, incident, item, "route");
        assertThat(nowhere.getFlashMap().get("alert")).isEqualTo("Choose a queue or a user to route to.");
        assertThat(item(incident).getReference("queueid").id()).isEqualTo(tier2);
        assertThat(item(incident).getReference("workerid").id()).isEqualTo(colleague);

        listAction(as, "remove", item);
        assertThat(organization.retrieveMultiple(QueryExpression.from("queueitem").columns(ColumnSet.none())
                .where(Condition.eq("objectid", incident)).build()).entities()).isEmpty();
    }

    @Test
    void aPrivateQueueAndItsItemsAreSeenOnlyByItsMembers() throws Exception {
        Principals people = new Principals(organization);
        String run = people.run();
        UUID unit = people.businessUnit("Private desk", people.rootUnit());
        UUID member = people.user("member", unit, "Customer Service Representative");
        UUID outsider = people.user("outsider", unit, "Customer Service Representative");
        UUID escalations = organization.create(new Entity("queue").set("name", "Escalations " + run)
                .set("queueviewtype", 1));
        organization.associate(new EntityReference("queue", escalations), "queuemembership_association",
                List.of(new EntityReference("systemuser", member)));
        UUID open = organization.create(new Entity("queue").set("name", "Front desk " + run));
        UUID account = organization.create(new Entity("account").set("name", "Private customer " + run));
        UUID secret = organization.create(new Entity("incident").set("title", "Secret case " + run)
                .set("customerid", new EntityReference("account", account)));
        UUID plain = organization.create(new Entity("incident").set("title", "Plain case " + run)
                .set("customerid", new EntityReference("account", account)));
        UUID secretItem = (UUID) organization.execute(new ActionRequest("AddToQueue", new EntityReference("queue",
                escalations), Map.of("Target", new EntityReference("incident", secret)))).output("QueueItemId");
        organization.execute(new ActionRequest("AddToQueue", new EntityReference("queue", open),
                Map.of("Target", new EntityReference("incident", plain))));

        assertThat(names(organization, "queue", "name", run)).containsExactly("Escalations " + run, "Front desk " + run);
        assertThat(names(people.as(member), "queue", "name", run))
                .containsExactly("Escalations " + run, "Front desk " + run);
        assertThat(names(people.as(member), "queueitem", "title", run))
                .containsExactly("Plain case " + run, "Secret case " + run);
        assertThat(names(people.as(outsider), "queue", "name", run)).containsExactly("Front desk " + run);
        assertThat(names(people.as(outsider), "queueitem", "title", run)).containsExactly("Plain case " + run);
        assertThatThrownBy(() -> people.as(outsider).retrieve("queueitem", secretItem, ColumnSet.of("title")))
                .isInstanceOfSatisfying(RapportException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        // nor worked on, nor filled, by someone who is not a member
        assertThatThrownBy(() -> people.as(outsider).execute(new ActionRequest("ReleaseToQueue",
                new EntityReference("queueitem", secretItem), Map.of())))
                .isInstanceOfSatisfying(RapportException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThatThrownBy(() -> people.as(outsider).execute(new ActionRequest("AddToQueue",
                new EntityReference("queue", escalations), Map.of("Target", new EntityReference("incident", plain)))))
                .isInstanceOfSatisfying(RapportException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        // nor is the private queue itself found, even by its id
        assertThat(people.as(outsider).retrieveMultiple(QueryExpression.from("queue").columns(ColumnSet.none())
                .where(Condition.eq("queueid", escalations)).build()).entities()).isEmpty();

        RequestPostProcessor asMember = signedIn(people, member, unit);
        RequestPostProcessor asOutsider = signedIn(people, outsider, unit);
        assertThat(page(asMember, "/app/queueitem?q=*" + run)).contains("Secret case " + run)
                .contains("Plain case " + run).contains(">Escalations " + run + "<");
        assertThat(page(asOutsider, "/app/queueitem?q=*" + run)).contains("Plain case " + run)
                .doesNotContain("Secret case " + run).doesNotContain("Escalations " + run);
        assertThat(page(asOutsider, "/app/incident/" + plain)).contains(">Front desk " + run + "<")
                .doesNotContain("Escalations " + run);
        assertThat(page(asMember, "/app/incident/" + plain)).contains(">Escalations " + run + "<");
    }

    @Test
    void theServiceDashboardShowsARepresentativeTheFiguresTheyMayRead() throws Exception {
        Principals people = new Principals(organization);
        String run = people.run();
        UUID unit = people.businessUnit("Dashboard desk", people.rootUnit());
        UUID csr = people.user("csr", unit, "Customer Service Representative");
        UUID colleague = people.user("colleague", unit, "Customer Service Representative");
        OrganizationService asCsr = people.as(csr);
        UUID sla = organization.create(new Entity("sla").set("name", "Dashboard SLA " + run));
        organization.create(new Entity("slaitem").set("name", "Dash resolve by " + run)
                .set("slaid", new EntityReference("sla", sla)).set("relatedfield", 2).set("failureafter", 30));
        organization.execute(new SetStateRequest(new EntityReference("sla", sla), 1, 2));
        UUID account = asCsr.create(new Entity("account").set("name", "Dashboard customer " + run));
        for (String title : List.of("First", "Second")) {
            asCsr.create(new Entity("incident").set("title", title + " dash case " + run).set("prioritycode", 1)
                    .set("customerid", new EntityReference("account", account)));
        }
        UUID urgent = asCsr.create(new Entity("incident").set("title", "SLA dash case " + run)
                .set("customerid", new EntityReference("account", account)).set("slaid", new EntityReference("sla", sla)));
        UUID canceled = asCsr.create(new Entity("incident").set("title", "Canceled dash case " + run)
                .set("customerid", new EntityReference("account", account)));
        asCsr.execute(new SetStateRequest(new EntityReference("incident", canceled), 2, 6));
        UUID privateQueue = organization.create(new Entity("queue").set("name", "Dash private " + run)
                .set("queueviewtype", 1));
        organization.associate(new EntityReference("queue", privateQueue), "queuemembership_association",
                List.of(new EntityReference("systemuser", csr)));
        organization.execute(new ActionRequest("AddToQueue", new EntityReference("queue", privateQueue),
                Map.of("Target", new EntityReference("incident", urgent))));

        String mine = page(signedIn(people, csr, unit), "/areas/service");
        assertThat(mine).contains("id=\"my-active-cases-count\">3<").contains("id=\"chart-cases-priority\"")
                .contains("id=\"chart-cases-origin\"").contains("id=\"chart-cases-status\"")
                .contains("id=\"chart-sla-status\"").contains("id=\"chart-queue-items\"")
                .contains("<td>Dash private " + run + "</td>").contains(">SLA dash case " + run + "</a>")
                .contains("<td>Dash resolve by " + run + "</td>").doesNotContain("Canceled dash case " + run);
        String theirs = page(signedIn(people, colleague, unit), "/areas/service");
        assertThat(theirs).contains("id=\"my-active-cases-count\">0<").doesNotContain("Dash private " + run)
                .contains(">SLA dash case " + run + "</a>");
    }

    private static List<String> names(OrganizationService as, String entity, String attribute, String run) {
        return as.retrieveMultiple(QueryExpression.from(entity).select(attribute)
                .where(Condition.of(attribute, ConditionOperator.LIKE, "%" + run)).orderBy(
                        io.rapport.query.Order.asc(attribute)).build()).entities().stream()
                .map(e -> e.getString(attribute)).toList();
    }
}
