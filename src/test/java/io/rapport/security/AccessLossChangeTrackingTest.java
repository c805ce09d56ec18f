package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.DisassociateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.net.http.HttpResponse;
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
 * Change tracking of access lost through the security model, over the Web API: a user who loses a role, leaves an
 * owner team, moves to another business unit, or holds a role that loses a privilege (RemovePrivilegeRole) or is
 * deleted gets the records they can no longer read as {@code $deletedEntity}
 * entries in their next delta; the owner and the other users get nothing of it; records still readable (their own)
 * are not reported; a lost group larger than the page comes whole on one page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"rapport.change-tracking.commit-lag=0s",
        "rapport.change-tracking.sample-interval=0s"})
abstract class AccessLossChangeTrackingTest {

    @OnH2
    static class H2 extends AccessLossChangeTrackingTest {
    }

    @OnPostgres
    static class Postgres extends AccessLossChangeTrackingTest {
    }

    private static final String PASSWORD = "access loss password";
    private static final String API = "/api/data/v9.2/";
    private static final String TRACK = "odata.track-changes";

    @Autowired
    OrganizationService org;

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    SecurityFixture f;
    Http http;
    UUID unit;
    UUID owner;
    String asOwner;

    @BeforeAll
    void organization() {
        http = new Http(port);
        f = new SecurityFixture(org);
        unit = f.businessUnit("Loss", f.rootUnit());
        owner = f.user("owner", unit, SecurityFixture.OWN_RECORDS);
        asOwner = login("owner", owner);
    }

    @Test
    void aUserWhoLosesARoleGetsWhatItLetThemReadAsDeleted() throws Exception {
        UUID lead = f.user("lead", unit, SecurityFixture.OWN_RECORDS, SecurityFixture.TEAM_LEAD);
        String asLead = login("lead", lead);
        UUID theirs = f.account(owner, "role theirs");
        UUID mine = f.account(lead, "role mine");
        String leadDelta = deltaLinkOf(body(get("accounts?$select=name", asLead, TRACK)));
        String ownerDelta = deltaLinkOf(body(get("accounts?$select=name", asOwner, TRACK)));

        org.execute(new DisassociateRequest(new EntityReference("systemuser", lead), "systemuserroles_association",
                List.of(new EntityReference("role", f.roleOf(SecurityFixture.TEAM_LEAD, unit)))));

        JsonNode leads = body(follow(leadDelta, asLead));
        assertThat(names(leads)).isEmpty();
        assertThat(deleted(leads)).contains(theirs.toString()).doesNotContain(mine.toString());
        assertThat(body(follow(ownerDelta, asOwner)).path("value")).isEmpty();
        // the loss is reported once: the next delta is empty
        assertThat(body(follow(deltaLinkOf(leads), asLead)).path("value")).isEmpty();
    }

    @Test
    void aUserWhoLeavesAnOwnerTeamGetsTheTeamsRecordsAsDeleted() throws Exception {
        UUID member = f.user("member", unit, SecurityFixture.OWN_RECORDS);
        UUID stays = f.user("stays", unit, SecurityFixture.OWN_RECORDS);
        String asMember = login("member", member);
        String asStays = login("stays", stays);
        UUID team = f.team("Owners", unit, 0, member, stays);
        UUID teams = org.create(new Entity("account").set("name", "team theirs " + f.run)
                .set("ownerid", new EntityReference("team", team)));
        JsonNode first = body(get("accounts?$select=name", asMember, TRACK));
        assertThat(names(first)).contains("team theirs " + f.run);
        String memberDelta = deltaLinkOf(first);
        String staysDelta = deltaLinkOf(body(get("accounts?$select=name", asStays, TRACK)));
        String ownerDelta = deltaLinkOf(body(get("accounts?$select=name", asOwner, TRACK)));

        org.execute(new DisassociateRequest(new EntityReference("team", team), "teammembership_association",
                List.of(new EntityReference("systemuser", member))));

        JsonNode members = body(follow(memberDelta, asMember));
        assertThat(names(members)).isEmpty();
        assertThat(deleted(members)).containsExactly(teams.toString());
        assertThat(body(follow(staysDelta, asStays)).path("value")).isEmpty();
        assertThat(body(follow(ownerDelta, asOwner)).path("value")).isEmpty();
    }

    @Test
    void aUserWhoMovesToAnotherBusinessUnitGetsTheOldUnitsRecordsAsDeleted() throws Exception {
        UUID other = f.businessUnit("Elsewhere", f.rootUnit());
        UUID mover = f.user("mover", unit, SecurityFixture.OWN_RECORDS, SecurityFixture.TEAM_LEAD);
        String asMover = login("mover", mover);
        UUID first = f.account(owner, "unit first");
        UUID second = f.account(owner, "unit second");
        UUID third = f.account(owner, "unit third");
        UUID own = f.account(mover, "unit own");
        String moverDelta = deltaLinkOf(body(get("accounts?$select=name", asMover, TRACK)));
        String ownerDelta = deltaLinkOf(body(get("accounts?$select=name", asOwner, TRACK)));

        org.update(new Entity("systemuser", mover).set("businessunitid", new EntityReference("businessunit", other)));
        f.giveRole(mover, f.roleOf(SecurityFixture.TEAM_LEAD, other));

        // the whole loss comes on one page even when the page is smaller
        HttpResponse<String> r = follow(moverDelta, asMover, "odata.maxpagesize=1");
        JsonNode movers = body(r);
        assertThat(deleted(movers)).contains(first.toString(), second.toString(), third.toString())
                .doesNotContain(own.toString());
        assertThat(names(movers)).isEmpty();
        assertThat(movers.has("@odata.deltaLink")).isTrue();
        JsonNode ownerSees = body(follow(ownerDelta, asOwner));
        assertThat(ownerSees.path("value")).isEmpty();
    }

    @Test
    void aUserWhoseRoleLosesAPrivilegeGetsWhatItLetThemReadAsDeleted() throws Exception {
        UUID readers = f.role("Privilege readers", f.rootUnit(), Map.of("prvReadAccount", "Global"));
        UUID reader = f.user("privreader", unit, SecurityFixture.OWN_RECORDS);
        // the user holds the business unit's copy; the privilege leaves the root role the copy follows
        f.giveRole(reader, f.roleOf("Privilege readers " + f.run, unit));
        String asReader = login("privreader", reader);
        UUID theirs = f.account(owner, "privilege theirs");
        UUID mine = f.account(reader, "privilege mine");
        JsonNode first = body(get("accounts?$select=name", asReader, TRACK));
        assertThat(names(first)).contains("privilege theirs " + f.run, "privilege mine " + f.run);
        String readerDelta = deltaLinkOf(first);
        String ownerDelta = deltaLinkOf(body(get("accounts?$select=name", asOwner, TRACK)));

        org.execute(new ActionRequest("RemovePrivilegeRole", new EntityReference("role", readers),
                Map.of("PrivilegeId", privilegeId(readers, "prvReadAccount"))));

        JsonNode readers2 = body(follow(readerDelta, asReader));
        assertThat(names(readers2)).isEmpty();
        assertThat(deleted(readers2)).contains(theirs.toString()).doesNotContain(mine.toString());
        assertThat(body(follow(ownerDelta, asOwner)).path("value")).isEmpty();
        assertThat(body(follow(deltaLinkOf(readers2), asReader)).path("value")).isEmpty();
    }

    @Test
    void aUserWhoseRoleIsDeletedGetsWhatItLetThemReadAsDeleted() throws Exception {
        UUID readers = f.role("Deleted readers", unit, Map.of("prvReadAccount", "Global"));
        UUID reader = f.user("delreader", unit, SecurityFixture.OWN_RECORDS);
        UUID member = f.user("delmember", unit, SecurityFixture.OWN_RECORDS);
        f.giveRole(reader, readers);
        // the other one holds it through an owner team
        UUID team = f.team("Deleted readers team", unit, 0, member);
        org.associate(new EntityReference("team", team), "teamroles_association",
                List.of(new EntityReference("role", readers)));
        String asReader = login("delreader", reader);
        String asMember = login("delmember", member);
        UUID theirs = f.account(owner, "deleted theirs");
        UUID mine = f.account(reader, "deleted mine");
        JsonNode first = body(get("accounts?$select=name", asReader, TRACK));
        assertThat(names(first)).contains("deleted theirs " + f.run);
        String readerDelta = deltaLinkOf(first);
        JsonNode memberFirst = body(get("accounts?$select=name", asMember, TRACK));
        assertThat(names(memberFirst)).contains("deleted theirs " + f.run);
        String memberDelta = deltaLinkOf(memberFirst);
        String ownerDelta = deltaLinkOf(body(get("accounts?$select=name", asOwner, TRACK)));

        org.delete("role", readers);

        JsonNode readers2 = body(follow(readerDelta, asReader));
        assertThat(names(readers2)).isEmpty();
        assertThat(deleted(readers2)).contains(theirs.toString()).doesNotContain(mine.toString());
        JsonNode members = body(follow(memberDelta, asMember));
        assertThat(deleted(members)).contains(theirs.toString(), mine.toString());
        assertThat(body(follow(ownerDelta, asOwner)).path("value")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Object privilegeId(UUID role, String name) {
        List<Map<String, Object>> granted = (List<Map<String, Object>>) org.execute(new ActionRequest(
                "RetrieveRolePrivilegesRole", new EntityReference("role", role), Map.of())).output("RolePrivileges");
        return granted.stream().filter(p -> name.equals(p.get("PrivilegeName"))).findFirst().orElseThrow()
                .get("PrivilegeId");
    }

    private String login(String name, UUID user) {
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", user),
                Map.of("Password", PASSWORD)));
        return Http.basic(name + "-" + f.run, PASSWORD);
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
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
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
