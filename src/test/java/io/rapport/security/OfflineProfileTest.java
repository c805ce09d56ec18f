package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.TestUsers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The administrator's offline profile (Settings, Offline profile) and a salesperson's sync under it: the page refuses
 * choices a set does not offer and an unknown conflict policy (every problem at once, nothing saved); once saved, the
 * salesperson's web app gets the profile and policy, and the Web API's delta asked with {@code Prefer:
 * rapport.offline-profile} holds only their own accounts, the contacts of those accounts and their open leads, not
 * the sets the profile leaves out; a lead that is disqualified leaves the device in the next delta.
 */
@AutoConfigureMockMvc
@TestPropertySource(properties = {"rapport.change-tracking.commit-lag=0s",
        "rapport.change-tracking.sample-interval=0s"})
abstract class OfflineProfileTest {

    @OnH2
    static class H2 extends OfflineProfileTest {
    }

    @OnPostgres
    static class Postgres extends OfflineProfileTest {
    }

    private static final String API = "/api/data/v9.2/";
    private static final String PREFER = "odata.track-changes,rapport.offline-profile";
    private static final String PASSWORD = "offline profile password";

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();

    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void aSalespersonsSyncFollowsTheProfileTheAdministratorSets() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        Http http = new Http(port);
        UUID unit = f.businessUnit("Offline", f.rootUnit());
        UUID sam = f.user("sam", unit, "Salesperson");
        UUID other = f.user("other", unit, "Salesperson");
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", sam),
                Map.of("Password", PASSWORD)));
        String asSam = Http.basic("sam-" + f.run, PASSWORD);

        String page = mvc.perform(get("/settings/offline").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"rows-accounts\"").contains("value=\"my-accounts\"")
                .contains("value=\"mine-open\"").contains("The server wins");

        String refused = mvc.perform(post("/settings/offline").with(csrf()).header("Accept-Language", "en")
                .param("rows.accounts", "everything").param("rows.leads", "my-accounts")
                .param("conflictPolicy", "nobody")).andExpect(status().isUnprocessableEntity()).andReturn()
                .getResponse().getContentAsString();
        assertThat(refused).contains("Choose one of the offered record choices for Accounts.")
                .contains("Choose one of the offered record choices for Leads.")
                .contains("Choose who wins a conflict: the server or the device.");

        try {
            synced(f, http, sam, other, unit, asSam);
        } finally {
            // back to the defaults for the tests that share the database
            mvc.perform(post("/settings/offline").with(csrf()).param("conflictPolicy", "server-wins"))
                    .andExpect(status().is3xxRedirection());
        }
    }

    private void synced(SecurityFixture f, Http http, UUID sam, UUID other, UUID unit, String asSam)
            throws Exception {
        mvc.perform(post("/settings/offline").with(csrf()).param("rows.accounts", "mine")
                .param("rows.contacts", "my-accounts").param("rows.leads", "mine-open").param("rows.tasks", "none")
                .param("conflictPolicy", "device-wins")).andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/settings/offline")).andReturn().getResponse().getContentAsString())
                .contains("<option value=\"mine\" selected=\"selected\">");

        UUID samsAccount = f.account(sam, "sams account");
        UUID othersAccount = f.account(other, "others account");
        UUID samsContact = f.as(sam).create(new Entity("contact").set("lastname", "of sam " + f.run)
                .set("parentcustomerid", new EntityReference("account", samsAccount)));
        f.as(other).create(new Entity("contact").set("lastname", "of other " + f.run)
                .set("parentcustomerid", new EntityReference("account", othersAccount)));
        UUID samsLead = f.as(sam).create(new Entity("lead").set("subject", "sams lead " + f.run)
                .set("lastname", "Lead " + f.run));
        f.as(other).create(new Entity("lead").set("subject", "others lead " + f.run).set("lastname", "Lead " + f.run));
        f.as(sam).create(new Entity("task").set("subject", "sams task " + f.run));
        // without the profile the salesperson reads the others' records too
        assertThat(names(body(http.get(API + "accounts?$select=name", "Authorization", asSam)), "name", f.run))
                .contains("others account " + f.run);

        JsonNode profile = json.readTree(mvc.perform(get("/offline/profile").with(as(sam, f.run, unit)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(profile.path("conflictPolicy").asText()).isEqualTo("device-wins");
        List<String> sets = new ArrayList<>();
        profile.path("profile").forEach(s -> sets.add(s.path("entitySet").asText() + "=" + s.path("rows").asText()));
        assertThat(sets).contains("accounts=mine", "contacts=my-accounts", "leads=mine-open", "opportunities=all")
                .noneMatch(s -> s.startsWith("tasks="));

        HttpResponse<String> accounts = http.get(API + "accounts?$select=name", "Authorization", asSam,
                "Prefer", PREFER);
        assertThat(accounts.headers().firstValue("Preference-Applied").orElse(""))
                .isEqualTo("odata.track-changes,rapport.offline-profile");
        assertThat(names(body(accounts), "name", f.run)).containsExactly("sams account " + f.run);
        JsonNode contacts = body(http.get(API + "contacts?$select=lastname", "Authorization", asSam,
                "Prefer", PREFER));
        assertThat(names(contacts, "lastname", f.run)).containsExactly("of sam " + f.run);
        assertThat(contacts.path("value").get(0).path("contactid").asText()).isEqualTo(samsContact.toString());
        JsonNode leads = body(http.get(API + "leads?$select=subject", "Authorization", asSam, "Prefer", PREFER));
        assertThat(names(leads, "subject", f.run)).containsExactly("sams lead " + f.run);

        org.execute(new SetStateRequest(new EntityReference("lead", samsLead), 2, 4));
        JsonNode after = body(follow(http, leads.path("@odata.deltaLink").asText(), asSam));
        assertThat(names(after, "subject", f.run)).isEmpty();
        assertThat(deleted(after)).containsExactly(samsLead.toString());
    }

    private org.springframework.test.web.servlet.request.RequestPostProcessor as(UUID user, String run, UUID unit) {
        return authentication(new UsernamePasswordAuthenticationToken(new RapportPrincipal(user, "sam-" + run,
                "sam", unit, "en"), null, List.of()));
    }

    private HttpResponse<String> follow(Http http, String link, String auth) {
        return http.get(link.substring(link.indexOf(API)), "Authorization", auth, "Prefer", PREFER);
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** The values of the attribute that belong to this run. */
    private static List<String> names(JsonNode page, String attribute, String run) {
        List<String> names = new ArrayList<>();
        page.path("value").forEach(v -> {
            if (v.path(attribute).asText().endsWith(run)) {
                names.add(v.path(attribute).asText());
            }
        });
        return names;
    }

    private static List<String> deleted(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("value").forEach(v -> {
            if (v.has("reason")) {
                ids.add(v.path("id").asText());
            }
        });
        return ids;
    }
}
