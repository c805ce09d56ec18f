package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.Principals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A Marketing Professional adds an account to an existing static list from the account form, runs a quick
 * campaign over the filtered account view (all pages) through the wizard, following the progress page to the
 * result with its counts and log, and edits a dynamic list's query with the list view's filters; the pages speak
 * Spanish too.
 */
abstract class MarketingUiContract {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    /** A Marketing Professional (the built-in role only) of a unit of their own, signed in for MockMvc. */
    record Marketer(String run, RequestPostProcessor as, OrganizationService service) {
    }

    Marketer marketer(String login) {
        Principals people = new Principals(org);
        String run = people.run();
        UUID unit = people.businessUnit("Marketing " + login + " " + run, people.rootUnit());
        UUID user = people.user(login, unit, "Marketing Professional");
        String name = people.userName(user);
        return new Marketer(run, authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of())), people.as(user));
    }

    @Test
    void addToAListFromTheFormAndAQuickCampaignOverAFilteredView() throws Exception {
        Marketer m = marketer("mkt");
        String run = m.run();
        RequestPostProcessor as = m.as();
        OrganizationService marketer = m.service();
        UUID account = marketer.create(new Entity("account").set("name", "Northwind " + run));
        UUID other = marketer.create(new Entity("account").set("name", "Litware " + run).set("donotphone", true));
        UUID list = marketer.create(new Entity("list").set("listname", "Autumn " + run).set("createdfromcode", 1));

        String form = mvc.perform(get("/app/account/" + account).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("id=\"add-to-marketing-list\"").contains("Add to marketing list");
        String choose = mvc.perform(get("/app/account/marketinglists/add").param("id", account.toString())
                .param("q", run).with(as).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(choose).contains("Autumn " + run + " (0)");
        assertThat(mvc.perform(get("/app/account/marketinglists/add").param("id", account.toString())
                .param("q", run).with(as).header("Accept-Language", "es")).andReturn().getResponse()
                .getContentAsString()).contains("Agregar a lista de marketing");
        String back = mvc.perform(post("/app/account/marketinglists/add").with(as).with(csrf())
                .param("id", account.toString()).param("list", list.toString())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(back).isEqualTo("/app/account/" + account);
        assertThat(marketer.retrieveMultiple(QueryExpression.from("listmember").select("entityid")
                .where(Condition.eq("listid", list)).build()).entities()).extracting(e -> e.getReference("entityid")
                .id()).containsExactly(account);

        String listPage = mvc.perform(get("/app/account").param("q", "*" + run).with(as)
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(listPage).contains("id=\"quick-campaign-all\"").contains("id=\"add-selection-to-list\"");
        String wizard = mvc.perform(get("/app/account/quickcampaign").param("scope", "all").param("q", "*" + run)
                .with(as).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(wizard).contains("id=\"quick-campaign-form\"").contains("All Accounts of the view");
        String refused = mvc.perform(post("/app/account/quickcampaign").with(as).with(csrf())
                .header("Accept-Language", "en").param("scope", "all").param("state", "q=*" + run)
                .param("name", "Calls " + run).param("activity", "phonecall").param("subject", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"quick-campaign-error\"").contains("needs a subject");
        String location = mvc.perform(post("/app/account/quickcampaign").with(as).with(csrf())
                .param("scope", "all").param("state", "q=*" + run).param("name", "Calls " + run)
                .param("activity", "phonecall").param("subject", "Autumn call " + run).param("duration", "10")
                .param("ownership", "me").param("createas", "open")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/marketing/quickcampaigns/");
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        String progress;
        do {
            Thread.sleep(300);
            progress = mvc.perform(get(location + "/progress").with(as).header("Accept-Language", "en"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        } while (!progress.contains("Completed") && Instant.now().isBefore(until));
        assertThat(progress).contains("id=\"quick-campaign-status\">Completed<").contains("id=\"count-total\">2<")
                .contains("id=\"count-created\">1<").contains("id=\"count-failed\">1<")
                .contains("Litware " + run).contains("(donotphone)").doesNotContain("hx-trigger");
        assertThat(marketer.retrieveMultiple(QueryExpression.from("phonecall").select("regardingobjectid")
                .where(Condition.eq("subject", "Autumn call " + run)).build()).entities())
                .extracting(e -> e.getReference("regardingobjectid").id()).containsExactly(account);
        assertThat(org.retrieve("account", other, ColumnSet.of("name")).getString("name")).isEqualTo("Litware " + run);
    }

    /**
     * A dynamic list's query is edited with the list view's filter builder: "Edit the query" on the list's form opens
     * the contact view in editing mode, the quick find and a column filter choose the members (the grid previews
     * them), and saving stores the view's query as the list's FetchXML; the list's members then follow it.
     */
    @Test
    void aMarketerEditsADynamicListsQueryWithTheViewFilters() throws Exception {
        Marketer m = marketer("mq");
        String run = m.run();
        RequestPostProcessor as = m.as();
        OrganizationService marketer = m.service();
        UUID porto = marketer.create(new Entity("contact").set("lastname", "Silva " + run).set("address1_city", "Porto"));
        UUID lisbon = marketer.create(new Entity("contact").set("lastname", "Costa " + run)
                .set("address1_city", "Lisbon"));
        UUID list = marketer.create(new Entity("list").set("listname", "Porto " + run).set("createdfromcode", 2)
                .set("type", true).set("query", "<fetch><entity name='contact'><filter><condition "
                        + "attribute='lastname' operator='eq' value='nobody'/></filter></entity></fetch>"));
        UUID fixed = marketer.create(new Entity("list").set("listname", "Fixed " + run).set("createdfromcode", 2));

        String form = mvc.perform(get("/app/list/" + list).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("id=\"edit-list-query\"").contains("href=\"/app/list/" + list + "/query\"");
        assertThat(mvc.perform(get("/app/list/" + fixed).with(as).header("Accept-Language", "en")).andReturn()
                .getResponse().getContentAsString()).doesNotContain("id=\"edit-list-query\"");
        assertThat(mvc.perform(get("/app/list/" + list + "/query").with(as)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/app/contact?forlist=" + list);

        String preview = mvc.perform(get("/app/contact").param("forlist", list.toString()).param("q", "*" + run)
                .param("f.address1_city", "Porto").with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("id=\"list-query-editor\"").contains("Porto " + run)
                .contains("data-id=\"" + porto + "\"").doesNotContain("data-id=\"" + lisbon + "\"")
                .contains("name=\"forlist\"").contains("id=\"save-list-query\"");
        String grid = mvc.perform(get("/app/contact/grid").param("forlist", list.toString()).param("q", "*" + run)
                .with(as).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(grid).contains("id=\"list-query-editor\"").contains("data-id=\"" + lisbon + "\"");
        assertThat(mvc.perform(get("/app/contact").param("q", "*" + run).with(as)).andReturn().getResponse()
                .getContentAsString()).doesNotContain("id=\"list-query-editor\"");

        String saved = mvc.perform(post("/app/list/" + list + "/query").with(as).with(csrf())
                .param("state", "q=" + java.net.URLEncoder.encode("*" + run, java.nio.charset.StandardCharsets.UTF_8)
                        + "&f.address1_city=Porto")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(saved).isEqualTo("/app/list/" + list);
        Entity stored = marketer.retrieve("list", list, ColumnSet.of(io.rapport.marketing.MarketingListMembers
                .LIST_COLUMNS));
        java.util.Set<UUID> members = new java.util.HashSet<>();
        io.rapport.marketing.MarketingListMembers.forEachPage(marketer, io.rapport.marketing.MarketingListMembers
                .query(stored), ColumnSet.none(), 100, page -> page.forEach(e -> members.add(e.id())));
        assertThat(members).containsExactly(porto);
        marketer.update(new Entity("contact", lisbon).set("address1_city", "Porto"));
        members.clear();
        io.rapport.marketing.MarketingListMembers.forEachPage(marketer, io.rapport.marketing.MarketingListMembers
                .query(stored), ColumnSet.none(), 100, page -> page.forEach(e -> members.add(e.id())));
        assertThat(members).containsExactlyInAnyOrder(porto, lisbon);

        // "Edit the query" again reopens the view with the quick find and the filter the query was saved from
        String q = java.net.URLEncoder.encode("*" + run, java.nio.charset.StandardCharsets.UTF_8);
        UUID braga = marketer.create(new Entity("contact").set("lastname", "Reis " + run).set("address1_city", "Braga"));
        String reopen = mvc.perform(get("/app/list/" + list + "/query").with(as)).andExpect(status()
                .is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(reopen).isEqualTo("/app/contact?q=" + q + "&f.address1_city=Porto&forlist=" + list);
        String reopened = mvc.perform(get(java.net.URI.create(reopen)).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(reopened).contains("id=\"list-query-editor\"").contains("value=\"*" + run + "\"")
                .contains("data-id=\"" + porto + "\"").contains("data-id=\"" + lisbon + "\"")
                .doesNotContain("data-id=\"" + braga + "\"");
        // a query changed elsewhere (over the Web API, without the view's state) opens the default view
        marketer.update(new Entity("list", list).set("query", "<fetch><entity name='contact'><filter><condition "
                + "attribute='lastname' operator='eq' value='Costa " + run + "'/></filter></entity></fetch>"));
        assertThat(mvc.perform(get("/app/list/" + list + "/query").with(as)).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/app/contact?forlist=" + list);

        String refused = mvc.perform(post("/app/list/" + fixed + "/query").with(as).with(csrf())
                .param("state", "q=x")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(refused).isEqualTo("/app/list/" + fixed);
        assertThat(marketer.retrieve("list", fixed, ColumnSet.of("query")).getString("query")).isNull();
    }
}
