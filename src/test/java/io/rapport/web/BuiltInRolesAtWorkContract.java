package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.Principals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Each built-in business role, and nothing else, is enough to do its job in the UI (issue 21, defect 1): every
 * page a person of that role opens renders, global search answers, records are created and worked on the
 * timeline, personal views are saved, files are imported and lists exported.
 */
abstract class BuiltInRolesAtWorkContract {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService organization;

    private Principals principals() {
        return new Principals(organization);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Salesperson", "Sales Manager", "Customer Service Representative",
            "Marketing Professional"})
    void theRoleAloneOpensEveryPageOfItsWork(String role) throws Exception {
        Principals people = principals();
        UUID unit = people.businessUnit("Team", people.rootUnit());
        UUID user = people.user("worker", unit, role);
        RequestPostProcessor as = signedIn(people, user, unit);
        String prefix = "R" + people.run();
        for (String page : List.of("/", "/app/account", "/app/contact", "/app/lead", "/app/opportunity",
                "/app/activitypointer", "/app/account/new", "/app/contact/new", "/app/lead/new",
                "/app/opportunity/new", "/search?q=" + prefix, "/imports", "/app/systemuser",
                "/app/transactioncurrency")) {
            mvc.perform(get(page).with(as).header("Accept-Language", "en")).andExpect(status().isOk());
        }

        UUID account = created(mvc.perform(post("/app/account/new").with(as).with(csrf())
                .param("name", prefix + " Works")).andExpect(status().is3xxRedirection()).andReturn()
                .getResponse().getRedirectedUrl());
        mvc.perform(get("/app/account/" + account).with(as)).andExpect(status().isOk());
        String timeline = mvc.perform(post("/app/account/" + account + "/timeline/phonecall").with(as).with(csrf())
                .param("subject", prefix + " called")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(timeline).contains(prefix + " called");
        timeline = mvc.perform(post("/app/account/" + account + "/timeline/annotation").with(as).with(csrf())
                .param("subject", prefix + " noted")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(timeline).contains(prefix + " noted").contains(prefix + " called");
        UUID lead = created(mvc.perform(post("/app/lead/new").with(as).with(csrf()).param("subject", prefix + " deal")
                .param("lastname", "Lead " + prefix)).andExpect(status().is3xxRedirection()).andReturn()
                .getResponse().getRedirectedUrl());
        assertThat(organization.retrieve("lead", lead, ColumnSet.of("ownerid")).getReference("ownerid").id())
                .isEqualTo(user);

        String found = mvc.perform(get("/search?q=" + prefix).with(as)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(found).contains(prefix + " Works").contains("Lead " + prefix);
        String csv = mvc.perform(get("/app/account/export?q=" + prefix + "&cols=name").with(as))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFFAccount Name\r\n" + prefix + " Works\r\n");

        String view = mvc.perform(post("/app/account/views").with(as).with(csrf()).param("name", prefix + " mine")
                .param("cols", "name,telephone1").param("sort", "name")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(mvc.perform(get(view).with(as).header("Accept-Language", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains(prefix + " mine");
        assertThat(organization.retrieveMultiple(QueryExpression.from("userquery").select("name", "ownerid")
                .where(Condition.eq("name", prefix + " mine")).build()).entities()).singleElement()
                .satisfies(q -> assertThat(q.getReference("ownerid").id()).isEqualTo(user));

        importContacts(as, prefix);
    }

    private void importContacts(RequestPostProcessor as, String prefix) throws Exception {
        String csv = "Surname,Given,E-mail\r\n" + prefix + "A,Ann,ann." + prefix + "@example.com\r\n" + prefix
                + "B,Bo,bo." + prefix + "@example.com\r\n";
        String mapping = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "mine.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).param("entity", "contact").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID id = UUID.fromString(mapping.replaceAll(".*/imports/([^/]+)/mapping", "$1"));
        mvc.perform(get(mapping).with(as)).andExpect(status().isOk());
        mvc.perform(post("/imports/" + id + "/start").with(as).with(csrf()).param("attr.0", "lastname")
                .param("attr.1", "firstname").param("attr.2", "emailaddress1").param("duplicates", "SKIP"))
                .andExpect(status().is3xxRedirection());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String fragment = "hx-trigger";
        while (fragment.contains("hx-trigger") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            fragment = mvc.perform(get("/imports/" + id + "/progress").with(as).header("Accept-Language", "en"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        }
        assertThat(fragment).contains("Completed").contains("id=\"count-created\">2<")
                .contains("id=\"count-failed\">0<");
    }

    private static UUID created(String redirect) {
        return UUID.fromString(redirect.replaceAll(".*/", "").replaceAll("\\?.*", ""));
    }

    private static RequestPostProcessor signedIn(Principals people, UUID user, UUID unit) {
        String name = people.userName(user);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(new RapportPrincipal(user, name, name,
                unit, "en"), null, List.of()));
    }
}
