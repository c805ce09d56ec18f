package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.security.internal.access.RolePrivilegeMirror;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-only {@code privilege} entity (issue 22): a record per privilege Rapport checks, with the ids
 * AddPrivilegesRole, RemovePrivilegeRole, ReplacePrivilegesRole and RetrieveRolePrivilegesRole use, and
 * {@code roleprivileges_association} from a role (and its copies in child business units) to the privileges it
 * grants. Every user reads privileges; nobody writes them; a salesperson cannot change a role's privileges (403).
 */
abstract class PrivilegesWebApiTest {

    @OnH2
    static class H2 extends PrivilegesWebApiTest {
    }

    @OnPostgres
    static class Postgres extends PrivilegesWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    @Autowired
    RolePrivilegeMirror mirror;

    @Autowired
    DataSource dataSource;

    Principals people;
    UUID unit;
    UUID child;
    ApiClient seller;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        unit = people.businessUnit("Privileges", people.rootUnit());
        child = people.businessUnit("Privileges child", unit);
        seller = ApiClient.signedIn(port, people, people.user("privseller", unit, "Salesperson"));
        admin = ApiClient.signedIn(port, people, people.user("privadmin", unit, "System Administrator"));
    }

    private JsonNode privilege(ApiClient api, String name) {
        Response r = api.get("privileges(name='" + name + "')?$select=name,accessright,canbebasic,canbelocal,"
                + "canbedeep,canbeglobal,canbeentityreference,canbeparententityreference");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private List<String> granted(ApiClient api, UUID role) {
        Response r = api.get("roles(" + role + ")/roleprivileges_association?$select=name&$orderby=name");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().path("value").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    @Test
    void everyUserReadsThePrivilegesWithTheirAccessRightsAndDepths() {
        JsonNode read = privilege(seller, "prvReadAccount");
        assertThat(read.path("accessright").asInt()).isEqualTo(1);
        assertThat(read.path("canbebasic").asBoolean()).isTrue();
        assertThat(read.path("canbelocal").asBoolean()).isTrue();
        assertThat(read.path("canbedeep").asBoolean()).isTrue();
        assertThat(read.path("canbeglobal").asBoolean()).isTrue();
        assertThat(read.path("canbeentityreference").asBoolean()).isFalse();
        assertThat(read.path("privilegeid").asText()).isEqualTo(UUID.nameUUIDFromBytes("rapport:privilege:prvReadAccount"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        assertThat(privilege(seller, "prvAssignAccount").path("accessright").asInt()).isEqualTo(524288);
        assertThat(privilege(seller, "prvDeleteAccount").path("accessright").asInt()).isEqualTo(65536);
        JsonNode business = privilege(seller, "prvWriteRole");
        assertThat(business.path("canbebasic").asBoolean()).isFalse();
        assertThat(business.path("canbelocal").asBoolean()).isTrue();
        JsonNode organization = privilege(seller, "prvReadSolution");
        assertThat(organization.path("canbelocal").asBoolean()).isFalse();
        assertThat(organization.path("canbeglobal").asBoolean()).isTrue();
        JsonNode miscellaneous = privilege(seller, "prvCreateEntity");
        assertThat(miscellaneous.path("accessright").asInt()).isZero();
        assertThat(miscellaneous.path("canbeglobal").asBoolean()).isTrue();
        Response none = seller.get("privileges?$select=name&$filter=" + ApiClient.enc("name eq 'prvShareSolution'"));
        assertThat(none.json().path("value")).isEmpty(); // organization-owned entities cannot be shared
        Response count = seller.get("privileges/$count");
        assertThat(Integer.parseInt(count.body())).isGreaterThan(300);
    }

    @Test
    void privilegesAreReadOnlyAndRolePrivilegesChangeOnlyThroughTheMessages() {
        Response create = admin.post("privileges", "{\"name\":\"prvMine\"}");
        assertThat(create.status()).as(create.body()).isEqualTo(400);
        assertThat(create.errorMessage()).isEqualTo("The privilege records are read-only.");
        Response rename = admin.patch("privileges(name='prvReadAccount')", "{\"name\":\"x\"}", "If-Match", "*");
        assertThat(rename.status()).as(rename.body()).isEqualTo(400);
        Response delete = seller.delete("privileges(name='prvReadAccount')");
        assertThat(delete.status()).as(delete.body()).isEqualTo(400);
        UUID role = people.role("Ref", unit, Map.of());
        Response associate = admin.post("roles(" + role + ")/roleprivileges_association/$ref",
                "{\"@odata.id\":\"" + admin.root() + "privileges(" + privilege(admin, "prvReadLead")
                        .path("privilegeid").asText() + ")\"}");
        assertThat(associate.status()).as(associate.body()).isEqualTo(400);
        assertThat(associate.errorMessage()).startsWith("The privileges of a role change through AddPrivilegesRole");
        assertThat(granted(admin, role)).isEmpty();
    }

    @Test
    void theRolePrivilegesFollowAddReplaceAndRemoveWithThePrivilegeIds() {
        UUID role = people.role("Mirror", unit, Map.of("prvReadAccount", "Global", "prvWriteContact", "Basic"));
        assertThat(granted(seller, role)).containsExactly("prvReadAccount", "prvWriteContact");
        String deleteAccount = privilege(admin, "prvDeleteAccount").path("privilegeid").asText();
        Response add = admin.post("roles(" + role + ")/Microsoft.Dynamics.CRM.AddPrivilegesRole",
                "{\"Privileges\":[{\"PrivilegeId\":\"" + deleteAccount + "\",\"Depth\":\"Local\"}]}");
        assertThat(add.status()).as(add.body()).isEqualTo(204);
        assertThat(granted(admin, role)).containsExactly("prvDeleteAccount", "prvReadAccount", "prvWriteContact");
        // the copy of the role in the child unit shows the privileges of the role it follows
        UUID copy = people.roleOf("Mirror", child);
        assertThat(granted(admin, copy)).containsExactly("prvDeleteAccount", "prvReadAccount", "prvWriteContact");

        Response retrieved = admin.get("roles(" + role + ")/Microsoft.Dynamics.CRM.RetrieveRolePrivilegesRole()");
        assertThat(retrieved.status()).as(retrieved.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        retrieved.json().path("RolePrivileges").forEach(p -> ids.add(p.path("PrivilegeId").asText()));
        List<String> navigated = new ArrayList<>();
        admin.get("roles(" + role + ")?$select=name&$expand=roleprivileges_association($select=privilegeid)").json()
                .path("roleprivileges_association").forEach(p -> navigated.add(p.path("privilegeid").asText()));
        assertThat(navigated).containsExactlyInAnyOrderElementsOf(ids).contains(deleteAccount);

        String writeContact = privilege(admin, "prvWriteContact").path("privilegeid").asText();
        Response remove = admin.post("roles(" + role + ")/Microsoft.Dynamics.CRM.RemovePrivilegeRole",
                "{\"PrivilegeId\":\"" + writeContact + "\"}");
        assertThat(remove.status()).as(remove.body()).isEqualTo(204);
        assertThat(granted(admin, role)).containsExactly("prvDeleteAccount", "prvReadAccount");
        assertThat(granted(admin, copy)).containsExactly("prvDeleteAccount", "prvReadAccount");

        String readLead = privilege(admin, "prvReadLead").path("privilegeid").asText();
        Response replace = admin.post("roles(" + role + ")/Microsoft.Dynamics.CRM.ReplacePrivilegesRole",
                "{\"Privileges\":[{\"PrivilegeId\":\"" + readLead + "\",\"Depth\":\"Deep\"}]}");
        assertThat(replace.status()).as(replace.body()).isEqualTo(204);
        assertThat(granted(admin, role)).containsExactly("prvReadLead");
        JsonNode filtered = admin.get("privileges?$select=name&$filter=" + ApiClient.enc(
                "roleprivileges_association/any(r: r/roleid eq " + role + ")")).json().path("value");
        assertThat(filtered).singleElement().satisfies(p -> assertThat(p.path("name").asText())
                .isEqualTo("prvReadLead"));

        Response unknown = admin.post("roles(" + role + ")/Microsoft.Dynamics.CRM.AddPrivilegesRole",
                "{\"Privileges\":[{\"PrivilegeId\":\"00000000-0000-0000-0000-000000000001\",\"Depth\":\"Basic\"}]}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        Response bad = admin.post("roles(" + role + ")/Microsoft.Dynamics.CRM.RemovePrivilegeRole",
                "{\"PrivilegeId\":\"not-a-guid\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.errorCode()).startsWith("0x");

        Response bySeller = seller.post("roles(" + role + ")/Microsoft.Dynamics.CRM.AddPrivilegesRole",
                "{\"Privileges\":[{\"PrivilegeId\":\"" + deleteAccount + "\",\"Depth\":\"Basic\"}]}");
        assertThat(bySeller.status()).as(bySeller.body()).isEqualTo(403);
        assertThat(granted(admin, role)).containsExactly("prvReadLead");
    }

    @Test
    void aTableCreatedByASystemCustomizerGetsItsPrivilegeRecords() {
        ApiClient customizer = ApiClient.signedIn(port, people, people.user("privcustomizer", unit,
                "System Customizer"));
        String run = people.run().replaceAll("[^a-z0-9]", "");
        Response created = customizer.post("EntityDefinitions", MetadataWritesWebApiTest.table("new_Priv" + run,
                "new_Name"));
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        JsonNode rows = customizer.get("privileges?$select=name,accessright&$orderby=name&$filter=" + ApiClient.enc(
                "endswith(name,'new_Priv" + run + "')")).json().path("value");
        List<String> names = new ArrayList<>();
        rows.forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("prvAppendTonew_Priv" + run, "prvAppendnew_Priv" + run,
                "prvAssignnew_Priv" + run, "prvCreatenew_Priv" + run, "prvDeletenew_Priv" + run,
                "prvReadnew_Priv" + run, "prvSharenew_Priv" + run, "prvWritenew_Priv" + run);
    }

    /**
     * At start-up the mirror of the roles' privileges ({@code roleprivileges}) is rewritten to what the roles grant:
     * a missing row comes back, a row the role does not grant goes, in one bound statement each.
     */
    @Test
    void theStartUpSyncRewritesTheMirrorToWhatTheRolesGrant() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID role = jdbc.queryForObject("select roleid from role where name = 'Salesperson' and businessunitid = ?",
                UUID.class, people.rootUnit());
        UUID readAccount = jdbc.queryForObject("select privilegeid from privilege where name = 'prvReadAccount'",
                UUID.class);
        UUID createRole = jdbc.queryForObject("select privilegeid from privilege where name = 'prvCreateRole'",
                UUID.class);
        List<String> before = granted(admin, role);
        assertThat(before).contains("prvReadAccount").doesNotContain("prvCreateRole");

        jdbc.update("delete from roleprivileges where roleid = ? and privilegeid = ?", role, readAccount);
        jdbc.update("insert into roleprivileges (roleprivilegesid, privilegeid, roleid) values (?, ?, ?)",
                UUID.randomUUID(), createRole, role);
        assertThat(granted(admin, role)).contains("prvCreateRole").doesNotContain("prvReadAccount");

        assertThat(mirror.syncAll()).isEqualTo(2);
        assertThat(granted(admin, role)).isEqualTo(before);
        assertThat(mirror.syncAll()).isZero();
    }
}
