package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.contactsync.AppPasswords;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.MetadataMessages.UpdateEntityRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Write-only columns (a mailbox's SMTP and IMAP passwords, {@code validForRead: false}) never leave the server, not even
 * to a system administrator: not by retrieve, {@code $select}, a single property, {@code $expand}, FetchXML (joined or
 * not), {@code $batch}, change tracking, the form, the list export or the audit history; filtering, sorting and
 * grouping on them is refused. The app passwords' hashes never reach their settings page. The mail module's system
 * jobs still read the ciphertext (MailTest sends through an SMTP server that checks it).
 */
@OnH2
@AutoConfigureMockMvc
class WriteOnlyColumnsTest {

    private static final String REFUSED = "The attribute mailbox.%s is write-only: a query cannot filter, sort, "
            + "group, aggregate or join on it.";

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    AppPasswords appPasswords;

    Principals people;
    String run;
    UUID sam;
    ApiClient admin;
    ApiClient asSam;
    RequestPostProcessor samInBrowser;

    @BeforeEach
    void salesperson() {
        people = new Principals(org);
        run = people.run();
        UUID unit = people.rootUnit();
        sam = people.user("sam", unit, "Salesperson");
        String name = people.userName(sam);
        admin = new ApiClient(port);
        asSam = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (name + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        samInBrowser = authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(sam, name, name, unit, "en"), null, List.of()));
    }

    @Test
    void aMailboxPasswordLeavesTheServerByNoReadPath() throws Exception {
        Response created = asSam.post("mailboxes", "{\"name\":\"Sam " + run + "\",\"emailaddress\":\"sam-" + run
                + "@example.com\",\"outgoingserverlocation\":\"smtp.example.com\",\"outgoingusername\":\"sam\","
                + "\"outgoingpassword\":\"smtp-" + run + "\","
                + "\"incomingserverlocation\":\"imap.example.com\",\"incomingusername\":\"sam\","
                + "\"incomingpassword\":\"imap-" + run + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        UUID id = UUID.fromString(ApiClient.idOf(created));
        String smtp = jdbc.queryForObject("select outgoingpassword from mailbox where mailboxid = ?", String.class, id);
        String imap = jdbc.queryForObject("select incomingpassword from mailbox where mailboxid = ?", String.class, id);
        assertThat(smtp).isNotBlank().doesNotContain(run);
        assertThat(imap).isNotBlank().doesNotContain(run);
        List<String> bodies = new ArrayList<>();

        for (ApiClient api : List.of(admin, asSam)) {
            Response one = api.get("mailboxes(" + id + ")");
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.json().path("name").asText()).isEqualTo("Sam " + run);
            assertThat(one.json().has("outgoingpassword")).isFalse();
            assertThat(one.json().has("incomingpassword")).isFalse();
            Response selected = api.get("mailboxes(" + id + ")?$select=name,outgoingpassword,incomingpassword");
            assertThat(selected.status()).as(selected.body()).isEqualTo(200);
            assertThat(selected.json().path("name").asText()).isEqualTo("Sam " + run);
            assertThat(selected.json().has("outgoingpassword")).isFalse();
            assertThat(selected.json().has("incomingpassword")).isFalse();
            Response property = api.get("mailboxes(" + id + ")/outgoingpassword");
            assertThat(property.status()).isEqualTo(204);
            Response raw = api.get("mailboxes(" + id + ")/incomingpassword/$value");
            assertThat(raw.status()).isEqualTo(204);
            bodies.addAll(List.of(one.body(), selected.body(), property.body(), raw.body()));
        }

        Response represented = asSam.patch("mailboxes(" + id + ")", "{\"name\":\"Sam's " + run + "\"}",
                "Prefer", "return=representation");
        assertThat(represented.status()).as(represented.body()).isEqualTo(200);
        assertThat(represented.json().has("outgoingpassword")).isFalse();
        bodies.add(represented.body());

        Response expanded = admin.get("systemusers(" + sam + ")?$select=fullname"
                + "&$expand=mailbox_regarding_systemuser($select=name,outgoingpassword,incomingpassword)");
        assertThat(expanded.status()).as(expanded.body()).isEqualTo(200);
        JsonNode mailboxes = expanded.json().path("mailbox_regarding_systemuser");
        assertThat(mailboxes.size()).isEqualTo(1);
        assertThat(mailboxes.get(0).path("name").asText()).isEqualTo("Sam's " + run);
        assertThat(mailboxes.get(0).has("outgoingpassword")).isFalse();
        assertThat(mailboxes.get(0).has("incomingpassword")).isFalse();
        bodies.add(expanded.body());

        String joined = "<fetch><entity name='systemuser'><attribute name='fullname'/><filter><condition "
                + "attribute='systemuserid' operator='eq' value='" + sam + "'/></filter><link-entity name='mailbox' "
                + "from='regardingobjectid' to='systemuserid' alias='mb'><attribute name='name'/>"
                + "<attribute name='outgoingpassword'/><attribute name='incomingpassword'/></link-entity></entity>"
                + "</fetch>";
        Response fetched = admin.get("systemusers?fetchXml=" + ApiClient.enc(joined));
        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.json().path("value").get(0).path("mb_x002e_name").asText()).isEqualTo("Sam's " + run);
        assertThat(fetched.body()).doesNotContain("password");
        Response all = admin.get("mailboxes?fetchXml=" + ApiClient.enc("<fetch><entity name='mailbox'>"
                + "<all-attributes/><filter><condition attribute='mailboxid' operator='eq' value='" + id
                + "'/></filter></entity></fetch>"));
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().path("value").get(0).path("outgoingserverlocation").asText())
                .isEqualTo("smtp.example.com");
        assertThat(all.body()).doesNotContain("password");
        bodies.addAll(List.of(fetched.body(), all.body()));

        Response batched = Batches.get(admin, "/api/data/v9.2/mailboxes(" + id + ")?$select=name,outgoingpassword");
        assertThat(batched.status()).isEqualTo(200);
        assertThat(batched.json().path("name").asText()).isEqualTo("Sam's " + run);
        assertThat(batched.json().has("outgoingpassword")).isFalse();
        bodies.add(batched.body());

        for (String query : List.of("mailboxes?$filter=startswith(outgoingpassword,'A')",
                "mailboxes?$select=name&$orderby=outgoingpassword", "mailboxes?$apply=groupby((outgoingpassword))",
                "mailboxes?fetchXml=" + ApiClient.enc("<fetch><entity name='mailbox'><attribute name='name'/>"
                        + "<filter><condition attribute='outgoingpassword' operator='like' value='A%'/></filter>"
                        + "</entity></fetch>"))) {
            Response refused = admin.get(query);
            assertThat(refused.status()).as(query + " " + refused.body()).isEqualTo(400);
            assertThat(refused.errorMessage()).isEqualTo(REFUSED.formatted("outgoingpassword"));
        }
        Response byImap = asSam.get("mailboxes?$filter=" + ApiClient.enc("incomingpassword ne null"));
        assertThat(byImap.status()).isEqualTo(400);
        assertThat(byImap.errorMessage()).isEqualTo(REFUSED.formatted("incomingpassword"));

        org.execute(UpdateEntityRequest.changeTracking("mailbox", true));
        Response tracked = asSam.get("mailboxes?$select=name,outgoingpassword,incomingpassword",
                "Prefer", "odata.track-changes");
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        assertThat(tracked.json().path("@odata.deltaLink").asText()).isNotEmpty();
        assertThat(tracked.json().path("value").get(0).path("name").asText()).isEqualTo("Sam's " + run);
        // the context and delta link repeat the $select; the values are not there
        assertThat(tracked.json().path("value").get(0).has("outgoingpassword")).isFalse();
        assertThat(tracked.json().path("value").get(0).has("incomingpassword")).isFalse();
        bodies.add(tracked.body());

        JsonNode definition = admin.get("EntityDefinitions(LogicalName='mailbox')/Attributes(LogicalName="
                + "'outgoingpassword')").json();
        assertThat(definition.path("IsValidForRead").asBoolean(true)).isFalse();
        assertThat(definition.path("IsValidForUpdate").asBoolean()).isTrue();

        String form = mvc.perform(get("/app/mailbox/" + id).with(samInBrowser).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("type=\"password\" autocomplete=\"new-password\" class=\"form-control\" "
                + "id=\"f-outgoingpassword\" name=\"outgoingpassword\" value=\"\"");
        String export = mvc.perform(get("/app/mailbox/export").param("cols", "name,outgoingpassword,incomingpassword")
                .with(samInBrowser).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(export).contains("Sam's " + run).doesNotContain("Password");
        bodies.addAll(List.of(form, export));

        // IMAP is off, so no tracking job touches the mailbox: its create and its rename
        assertThat(jdbc.queryForList("select changedata from sys_audit where objectid = ?", String.class, id))
                .hasSize(2).allSatisfy(change -> assertThat(change).doesNotContain("password").doesNotContain(smtp)
                        .doesNotContain(imap));
        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(smtp).doesNotContain(imap)
                .doesNotContain("smtp-" + run).doesNotContain("imap-" + run));
        // the system's own reads still get the ciphertext, by name only
        assertThat(org.retrieve("mailbox", id, ColumnSet.of("outgoingpassword").withSecrets())
                .getString("outgoingpassword")).isEqualTo(smtp);
        assertThat(org.retrieve("mailbox", id, ColumnSet.all()).contains("outgoingpassword")).isFalse();
        assertThat(people.as(sam).retrieve("mailbox", id, ColumnSet.of("name", "outgoingpassword"))
                .contains("outgoingpassword")).isFalse();
    }

    @Test
    void noPersonMayAskForWriteOnlyValues() {
        UUID id = people.as(sam).create(new Entity("mailbox").set("name", "Own " + run)
                .set("emailaddress", "own-" + run + "@example.com").set("outgoingserverlocation", "smtp.example.com")
                .set("outgoingpassword", "secret-" + run));
        RapportException e = assertThrows(RapportException.class, () -> people.as(sam).retrieve("mailbox", id,
                ColumnSet.of("outgoingpassword").withSecrets()));
        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(e.getMessage()).isEqualTo("Write-only values (passwords) are read only by the system's own jobs.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeltaAskingForWriteOnlyValuesIsRefusedAsOtherReadsAre() {
        org.execute(UpdateEntityRequest.changeTracking("mailbox", true));
        UUID id = people.as(sam).create(new Entity("mailbox").set("name", "Delta " + run)
                .set("emailaddress", "delta-" + run + "@example.com").set("outgoingserverlocation", "smtp.example.com")
                .set("outgoingpassword", "delta-secret-" + run));
        ActionRequest delta = new ActionRequest("RetrieveEntityChanges", Map.of("EntityName", "mailbox",
                "Columns", ColumnSet.of("name", "outgoingpassword").withSecrets()));
        RapportException e = assertThrows(RapportException.class, () -> people.as(sam).execute(delta));
        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(e.getMessage()).isEqualTo("Write-only values (passwords) are read only by the system's own jobs.");
        // the system's own job reads them, as it does with Retrieve
        Map<String, Object> changes = (Map<String, Object>) org.execute(delta).output("EntityChanges");
        Entity row = ((List<Map<String, Object>>) changes.get("Changes")).stream()
                .map(c -> c.get("NewOrUpdatedEntity")).filter(Entity.class::isInstance).map(Entity.class::cast)
                .filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        // the stored value (the mail module's ciphertext), as the system's Retrieve reads it
        assertThat(row.getString("outgoingpassword")).startsWith("v1:").isEqualTo(org.retrieve("mailbox", id,
                ColumnSet.of("outgoingpassword").withSecrets()).getString("outgoingpassword"));
        // without the flag nobody gets them, the system included
        Map<String, Object> plain = (Map<String, Object>) org.execute(new ActionRequest("RetrieveEntityChanges",
                Map.of("EntityName", "mailbox", "Columns", ColumnSet.of("name", "outgoingpassword"))))
                .output("EntityChanges");
        assertThat(((List<Map<String, Object>>) plain.get("Changes")).stream().map(c -> c.get("NewOrUpdatedEntity"))
                .filter(Entity.class::isInstance).map(Entity.class::cast).filter(r -> r.id().equals(id))
                .findFirst().orElseThrow().contains("outgoingpassword")).isFalse();
    }

    @Test
    void anAppPasswordsHashNeverReachesItsSettingsPage() throws Exception {
        String secret = people.signedIn(sam, () -> appPasswords.create("Phone " + run)).secret();
        String hash = jdbc.queryForObject("select passwordhash from sys_dav_app_password where systemuserid = ?",
                String.class, sam);
        String page = mvc.perform(get("/settings/contacts-sync").with(samInBrowser).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Phone " + run).doesNotContain(hash).doesNotContain(hash.substring(8))
                .doesNotContain(secret);
    }
}
