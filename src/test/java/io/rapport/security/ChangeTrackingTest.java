package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.metadata.CustomizationService;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.TestUsers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Change tracking over the Web API: {@code Prefer: odata.track-changes} and delta links see creates, updates and
 * deletes (as $deletedEntity), per user: a revoked share and an assignment away are reported as deleted to the user
 * who lost the record only; refused options, malformed and expired tokens; paging with next links. The commit lag is
 * 0 here (every pass moves the safe point to the latest sample), so a delta after a delta is empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"rapport.change-tracking.commit-lag=0s",
        "rapport.change-tracking.sample-interval=0s"})
abstract class ChangeTrackingTest {

    @OnH2
    static class H2 extends ChangeTrackingTest {
    }

    @OnPostgres
    static class Postgres extends ChangeTrackingTest {
    }

    private static final String PASSWORD = "salesperson password";
    private static final String API = "/api/data/v9.2/";
    private static final String TRACK = "odata.track-changes";

    @Autowired
    OrganizationService org;

    @Autowired
    CustomizationService customization;

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    SecurityFixture f;
    Http http;
    UUID alice;
    UUID bob;
    UUID carol;
    String asAlice;
    String asBob;
    String asCarol;

    @BeforeAll
    void organization() {
        http = new Http(port);
        f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Delta", f.rootUnit());
        alice = f.user("alice", unit, SecurityFixture.OWN_RECORDS);
        bob = f.user("bob", unit, SecurityFixture.OWN_RECORDS);
        carol = f.user("carol", unit, SecurityFixture.OWN_RECORDS);
        for (UUID u : List.of(alice, bob, carol)) {
            org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", u),
                    Map.of("Password", PASSWORD)));
        }
        asAlice = Http.basic("alice-" + f.run, PASSWORD);
        asBob = Http.basic("bob-" + f.run, PASSWORD);
        asCarol = Http.basic("carol-" + f.run, PASSWORD);
    }

    @Test
    void createsUpdatesAndDeletesAreSeenThroughDeltaLinks() throws Exception {
        UUID kept = f.account(alice, "kept");
        UUID changed = f.account(alice, "changed");
        UUID removed = f.account(alice, "removed");
        f.account(bob, "bobs");
        JsonNode first = body(get("accounts?$select=name", asAlice, TRACK));
        assertThat(first.path("@odata.context").asText()).endsWith("$metadata#accounts(name)/$delta");
        assertThat(names(first)).containsExactly("kept " + f.run, "changed " + f.run, "removed " + f.run);
        String delta = first.path("@odata.deltaLink").asText();
        assertThat(delta).contains("/api/data/v9.2/accounts?$select=name&$deltatoken=");
        assertThat(first.path("value").get(0).path("accountid").asText()).isEqualTo(kept.toString());
        assertThat(first.path("value").get(0).path("@odata.etag").asText()).startsWith("W/\"");

        String created = http.send("POST", API + "accounts", "{\"name\":\"created " + f.run + "\"}",
                "Authorization", asAlice).headers().firstValue("OData-EntityId").orElseThrow();
        assertThat(http.send("PATCH", API + "accounts(" + changed + ")", "{\"name\":\"changed again " + f.run
                + "\"}", "Authorization", asAlice).statusCode()).isEqualTo(204);
        assertThat(http.send("DELETE", API + "accounts(" + removed + ")", null, "Authorization", asAlice)
                .statusCode()).isEqualTo(204);

        JsonNode second = body(follow(delta, asAlice));
        assertThat(names(second)).containsExactly("created " + f.run, "changed again " + f.run);
        assertThat(created).endsWith(second.path("value").get(0).path("accountid").asText() + ")");
        assertThat(deleted(second)).containsExactly(removed.toString());
        JsonNode tombstone = second.path("value").get(2);
        assertThat(tombstone.path("@odata.context").asText()).endsWith("$metadata#accounts/$deletedEntity");
        assertThat(tombstone.path("reason").asText()).isEqualTo("deleted");
        String next = second.path("@odata.deltaLink").asText();
        assertThat(next).isNotEqualTo(delta);

        JsonNode third = body(follow(next, asAlice));
        assertThat(third.path("value")).isEmpty();
        assertThat(third.path("@odata.deltaLink").asText()).contains("$deltatoken=");
    }

    @Test
    void aRevokedShareIsReportedAsDeletedToThatUserOnly() throws Exception {
        UUID shared = f.account(bob, "shared");
        String aliceDelta = deltaLinkOf(body(get("accounts?$select=name", asAlice, TRACK)));
        String bobDelta = deltaLinkOf(body(get("accounts?$select=name", asBob, TRACK)));
        String carolDelta = deltaLinkOf(body(get("accounts?$select=name", asCarol, TRACK)));

        grant(shared, alice);
        JsonNode granted = body(follow(aliceDelta, asAlice));
        assertThat(names(granted)).containsExactly("shared " + f.run);
        aliceDelta = deltaLinkOf(granted);

        revoke(shared, alice);
        JsonNode revoked = body(follow(aliceDelta, asAlice));
        assertThat(names(revoked)).isEmpty();
        assertThat(deleted(revoked)).containsExactly(shared.toString());

        JsonNode bobs = body(follow(bobDelta, asBob));
        assertThat(deleted(bobs)).isEmpty();
        JsonNode carols = body(follow(carolDelta, asCarol));
        assertThat(carols.path("value")).isEmpty();
    }

    @Test
    void anAssignedAwayRecordIsDeletedForTheFormerOwnerAndNewForTheNewOne() throws Exception {
        UUID moved = f.account(alice, "moved");
        String aliceDelta = deltaLinkOf(body(get("accounts?$select=name", asAlice, TRACK)));
        String bobDelta = deltaLinkOf(body(get("accounts?$select=name", asBob, TRACK)));
        String carolDelta = deltaLinkOf(body(get("accounts?$select=name", asCarol, TRACK)));
        f.as(alice).execute(new io.rapport.pipeline.Messages.AssignRequest(new EntityReference("account", moved),
                new EntityReference("systemuser", bob)));

        JsonNode alices = body(follow(aliceDelta, asAlice));
        assertThat(names(alices)).isEmpty();
        assertThat(deleted(alices)).containsExactly(moved.toString());
        JsonNode bobs = body(follow(bobDelta, asBob));
        assertThat(names(bobs)).containsExactly("moved " + f.run);
        assertThat(deleted(bobs)).isEmpty();
        assertThat(body(follow(carolDelta, asCarol)).path("value")).isEmpty();
    }

    @Test
    void pagesAreLinkedWithNextLinksAndTheLastCarriesTheDeltaLink() throws Exception {
        UUID dave = f.user("dave", f.rootUnit(), SecurityFixture.OWN_RECORDS);
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", dave),
                Map.of("Password", PASSWORD)));
        String asDave = Http.basic("dave-" + f.run, PASSWORD);
        for (int i = 1; i <= 5; i++) {
            f.account(dave, "page " + i);
        }
        List<String> seen = new ArrayList<>();
        HttpResponse<String> r = get("accounts?$select=name", asDave, TRACK + ",odata.maxpagesize=2");
        int pages = 1;
        JsonNode page = body(r);
        assertThat(r.headers().firstValue("Preference-Applied").orElse(""))
                .isEqualTo("odata.track-changes,odata.maxpagesize=2");
        seen.addAll(names(page));
        while (page.has("@odata.nextLink")) {
            assertThat(page.has("@odata.deltaLink")).isFalse();
            page = body(follow(page.path("@odata.nextLink").asText(), asDave, "odata.maxpagesize=2"));
            seen.addAll(names(page));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("page 1 " + f.run, "page 2 " + f.run, "page 3 " + f.run, "page 4 " + f.run,
                "page 5 " + f.run);
        assertThat(body(follow(deltaLinkOf(page), asDave)).path("value")).isEmpty();
    }

    @Test
    void optionsDataverseRefusesWithChangeTrackingAreRefused() throws Exception {
        HttpResponse<String> r = get("accounts?$select=name&$filter=" + Http.enc("name eq 'x'") + "&$top=3",
                asAlice, TRACK);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(body(r).path("error").path("code").asText()).isEqualTo("0x80060888");
        assertThat(body(r).path("error").path("message").asText()).isEqualTo("The query options $filter, $top are "
                + "not supported with change tracking (Prefer: odata.track-changes or $deltatoken); only $select "
                + "may be used.");
        HttpResponse<String> expand = get("accounts?$select=name&$expand=primarycontactid", asAlice, TRACK);
        assertThat(expand.statusCode()).isEqualTo(400);
        assertThat(body(expand).path("error").path("message").asText()).startsWith("The query option $expand is");
    }

    @Test
    void malformedAndExpiredTokensAskForAFullSync() throws Exception {
        HttpResponse<String> malformed = get("accounts?$select=name&$deltatoken=garbage", asAlice);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(body(malformed).path("error").path("code").asText()).isEqualTo("0x80044352");
        assertThat(body(malformed).path("error").path("message").asText()).isEqualTo("The data version (delta "
                + "token) 'garbage' is not valid. Please perform a full sync: query again without a data version.");
        long old = Instant.now().minus(Duration.ofDays(7)).minusSeconds(60).toEpochMilli();
        String token = "5!" + old + "!5!5!" + old;
        HttpResponse<String> expired = get("accounts?$select=name&$deltatoken=" + Http.enc(token), asAlice);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(body(expired).path("error").path("code").asText()).isEqualTo("0x80044352");
        assertThat(body(expired).path("error").path("message").asText())
                .isEqualTo("Version stamp associated with the client has expired. Please perform a full sync.");
        long recent = Instant.now().minus(Duration.ofDays(6)).toEpochMilli();
        assertThat(get("accounts?$select=name&$deltatoken=" + Http.enc("5!" + recent + "!5!5!" + recent), asAlice)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void changeTrackingIsMetadataThatCustomizationSwitches() throws Exception {
        JsonNode account = body(get("EntityDefinitions(LogicalName='account')?$select=ChangeTrackingEnabled",
                Http.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)));
        assertThat(account.path("ChangeTrackingEnabled").asBoolean()).isTrue();
        HttpResponse<String> users = get("systemusers?$select=fullname", asAlice, TRACK);
        assertThat(users.statusCode()).isEqualTo(400);
        assertThat(body(users).path("error").path("message").asText()).isEqualTo("Change tracking is not enabled "
                + "for the entity 'systemuser' (ChangeTrackingEnabled is false).");
        customization.setChangeTrackingEnabled("competitor", false);
        String admin = Http.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(get("competitors?$select=name", admin, TRACK).statusCode()).isEqualTo(400);
        customization.setChangeTrackingEnabled("competitor", true);
        org.create(new Entity("competitor").set("name", "Rival " + f.run));
        assertThat(names(body(get("competitors?$select=name", admin, TRACK)))).contains("Rival " + f.run);
    }

    private void grant(UUID account, UUID user) {
        f.as(bob).execute(new ActionRequest("GrantAccess", Map.of("Target", new EntityReference("account", account),
                "PrincipalAccess", Map.of("Principal", new EntityReference("systemuser", user),
                        "AccessMask", "ReadAccess"))));
    }

    private void revoke(UUID account, UUID user) {
        f.as(bob).execute(new ActionRequest("RevokeAccess", Map.of("Target", new EntityReference("account", account),
                "Revokee", new EntityReference("systemuser", user))));
    }

    private HttpResponse<String> get(String path, String auth, String... prefer) {
        return prefer.length == 0 ? http.get(API + path, "Authorization", auth)
                : http.get(API + path, "Authorization", auth, "Prefer", prefer[0]);
    }

    private HttpResponse<String> follow(String link, String auth, String... prefer) {
        String path = link.substring(link.indexOf(API));
        return prefer.length == 0 ? http.get(path, "Authorization", auth)
                : http.get(path, "Authorization", auth, "Prefer", prefer[0]);
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    private static String deltaLinkOf(JsonNode page) {
        assertThat(page.has("@odata.deltaLink")).as(page.toString()).isTrue();
        return page.path("@odata.deltaLink").asText();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("value").forEach(v -> {
            if (v.has("name")) {
                names.add(v.path("name").asText());
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
