package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sharing a record makes it visible to exactly the grantee (or the members of the grantee team), carries only
 * the granted rights, follows the share cascade to child records, and revoking hides it again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharingTest {

    @OnH2
    static class H2 extends SharingTest {
    }

    @OnPostgres
    static class Postgres extends SharingTest {
    }

    @Autowired
    OrganizationService org;

    SecurityFixture f;
    UUID unit;
    UUID alice;
    UUID bob;
    UUID carol;
    UUID dave;
    UUID accessTeam;

    @BeforeAll
    void organization() {
        f = new SecurityFixture(org);
        unit = f.businessUnit("Sharing", f.rootUnit());
        alice = f.user("alice", unit, SecurityFixture.OWN_RECORDS);
        bob = f.user("bob", unit, SecurityFixture.OWN_RECORDS);
        carol = f.user("carol", unit, SecurityFixture.OWN_RECORDS);
        dave = f.user("dave", unit, SecurityFixture.OWN_RECORDS);
        accessTeam = f.team("Deal room", unit, 1, dave);
    }

    @Test
    void grantingMakesTheRecordVisibleToExactlyTheGranteeAndRevokingHidesItAgain() {
        UUID account = f.account(alice, "shared");
        assertThat(f.accountsSeenBy(bob)).doesNotContain("shared");

        grant(alice, account, new EntityReference("systemuser", bob), "ReadAccess");
        assertThat(f.accountsSeenBy(bob)).contains("shared");
        assertThat(f.as(bob).retrieve("account", account, ColumnSet.of("name")).getString("name")).startsWith("shared");
        assertThat(f.accountsSeenBy(carol)).doesNotContain("shared");
        assertThat(rights(alice, bob, account)).isEqualTo("ReadAccess");

        f.as(alice).execute(new ActionRequest("RevokeAccess", Map.of("Target",
                new EntityReference("account", account), "Revokee", new EntityReference("systemuser", bob))));
        assertThat(f.accountsSeenBy(bob)).doesNotContain("shared");
        assertThat(rights(alice, bob, account)).isEqualTo("None");
    }

    @Test
    void membersOfAGranteeTeamSeeTheRecordAndOthersDoNot() {
        UUID account = f.account(alice, "for the team");
        grant(alice, account, new EntityReference("team", accessTeam), "ReadAccess");
        assertThat(f.accountsSeenBy(dave)).contains("for the team");
        assertThat(f.accountsSeenBy(carol)).doesNotContain("for the team");
    }

    @Test
    void aShareCarriesOnlyTheGrantedRightsAndModifyAccessChangesThem() {
        UUID account = f.account(alice, "read only");
        grant(alice, account, new EntityReference("systemuser", bob), "ReadAccess");
        assertThatThrownBy(() -> f.as(bob).update(new Entity("account", account).set("telephone1", "123")))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        assertThat(org.retrieve("account", account, ColumnSet.of("telephone1")).get("telephone1")).isNull();

        f.as(alice).execute(new ActionRequest("ModifyAccess", Map.of("Target", new EntityReference("account", account),
                "PrincipalAccess", Map.of("Principal", new EntityReference("systemuser", bob),
                        "AccessMask", "ReadAccess, WriteAccess"))));
        f.as(bob).update(new Entity("account", account).set("telephone1", "123"));
        assertThat(org.retrieve("account", account, ColumnSet.of("telephone1")).get("telephone1")).isEqualTo("123");
        assertThat(rights(alice, bob, account)).isEqualTo("ReadAccess, WriteAccess");
        assertThat(rights(alice, alice, account)).contains("ReadAccess", "WriteAccess", "DeleteAccess", "ShareAccess",
                "AssignAccess");
    }

    @Test
    void onlyWhoHoldsTheShareRightAndTheGrantedRightsMayShare() {
        UUID account = f.account(alice, "not yours");
        assertThatThrownBy(() -> grant(bob, account, new EntityReference("systemuser", carol), "ReadAccess"))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        grant(alice, account, new EntityReference("systemuser", bob), "ReadAccess");
        assertThatThrownBy(() -> grant(bob, account, new EntityReference("systemuser", carol), "ReadAccess"))
                .isInstanceOf(RapportException.class);
        assertThat(f.accountsSeenBy(carol)).doesNotContain("not yours");
    }

    @Test
    void sharingFollowsTheShareCascadeToChildRecords() {
        UUID account = f.account(alice, "parent");
        UUID contact = f.as(alice).create(new Entity("contact").set("lastname", "Child " + f.run)
                .set("parentcustomerid", new EntityReference("account", account)));
        grant(alice, account, new EntityReference("systemuser", bob), "ReadAccess");
        assertThat(contactsSeenBy(bob)).containsExactly(contact);
        f.as(alice).execute(new ActionRequest("RevokeAccess", Map.of("Target",
                new EntityReference("account", account), "Revokee", new EntityReference("systemuser", bob))));
        assertThat(contactsSeenBy(bob)).isEmpty();
    }

    private List<UUID> contactsSeenBy(UUID user) {
        return f.as(user).retrieveMultiple(QueryExpression.from("contact").columns(ColumnSet.none())
                .where(Condition.of("lastname", ConditionOperator.ENDS_WITH, f.run)).build()).entities().stream()
                .map(Entity::id).toList();
    }

    private void grant(UUID as, UUID account, EntityReference principal, String mask) {
        f.as(as).execute(new ActionRequest("GrantAccess", Map.of("Target", new EntityReference("account", account),
                "PrincipalAccess", Map.of("Principal", principal, "AccessMask", mask))));
    }

    private String rights(UUID as, UUID principal, UUID account) {
        ActionResponse r = f.as(as).execute(new ActionRequest("RetrievePrincipalAccess",
                new EntityReference("systemuser", principal), Map.of("Target", new EntityReference("account", account))));
        return (String) r.output("AccessRights");
    }
}
