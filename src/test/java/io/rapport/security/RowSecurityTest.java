package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.LinkFilter;
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
 * Row security through the pipeline: each depth of the read privilege reaches exactly the records it should, on
 * retrieve, retrieve-multiple and linked entities. The organization: unit Sales with a child unit East, and a
 * sibling unit Other; salespeople Alice and Bob in Sales, Carol in East, Oscar in Other, sales manager Mia in
 * Sales; each owns one account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RowSecurityTest {

    @OnH2
    static class H2 extends RowSecurityTest {
    }

    @OnPostgres
    static class Postgres extends RowSecurityTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    io.rapport.pipeline.AccessChecker access;

    @Autowired
    io.rapport.security.internal.access.SecurityVersion securityVersion;

    @Autowired
    io.rapport.security.internal.access.UserSecurityCache securityCache;

    SecurityFixture f;
    UUID sales;
    UUID east;
    UUID other;
    UUID alice;
    UUID bob;
    UUID carol;
    UUID oscar;
    UUID mia;
    UUID admin;

    @BeforeAll
    void organization() {
        f = new SecurityFixture(org);
        UUID root = f.rootUnit();
        sales = f.businessUnit("Sales", root);
        east = f.businessUnit("East", sales);
        other = f.businessUnit("Other", root);
        alice = f.user("alice", sales, SecurityFixture.OWN_RECORDS);
        bob = f.user("bob", sales, SecurityFixture.OWN_RECORDS);
        carol = f.user("carol", east, SecurityFixture.OWN_RECORDS);
        oscar = f.user("oscar", other, SecurityFixture.OWN_RECORDS);
        mia = f.user("mia", sales, SecurityFixture.TEAM_LEAD);
        admin = f.user("root", other, "System Administrator");
        for (UUID u : List.of(alice, bob, carol, oscar, mia)) {
            f.account(u, name(u));
        }
    }

    private String name(UUID user) {
        return user.equals(alice) ? "alice" : user.equals(bob) ? "bob" : user.equals(carol) ? "carol"
                : user.equals(oscar) ? "oscar" : "mia";
    }

    @Test
    void salespersonSeesOwnRecordsManagerTheirUnitsAdministratorAll() {
        assertThat(f.accountsSeenBy(alice)).containsExactly("alice");
        assertThat(f.accountsSeenBy(bob)).containsExactly("bob");
        assertThat(f.accountsSeenBy(mia)).containsExactly("alice", "bob", "carol", "mia");
        assertThat(f.accountsSeenBy(admin)).containsExactly("alice", "bob", "carol", "mia", "oscar");
    }

    @Test
    void eachDepthOfTheReadPrivilegeReachesItsRecords() {
        Map<String, List<String>> expected = Map.of(
                "Basic", List.of(),
                "Local", List.of("alice", "bob", "mia"),
                "Deep", List.of("alice", "bob", "carol", "mia"),
                "Global", List.of("alice", "bob", "carol", "mia", "oscar"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            UUID role = f.role("Reader " + e.getKey(), sales, Map.of("prvReadAccount", e.getKey()));
            UUID reader = f.user("reader-" + e.getKey(), sales);
            f.giveRole(reader, f.roleOf("Reader " + e.getKey() + " " + f.run, sales));
            assertThat(f.accountsSeenBy(reader)).as("depth %s", e.getKey()).isEqualTo(e.getValue());
            assertThat(role).isNotNull();
        }
    }

    @Test
    void retrieveOfAnUnreachableRecordIsDeniedAndOfAReachableOneWorks() {
        UUID bobs = accountOf("bob");
        assertThatThrownBy(() -> f.as(alice).retrieve("account", bobs, ColumnSet.of("name")))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessageContaining("prvReadAccount");
        assertThat(f.as(mia).retrieve("account", bobs, ColumnSet.of("name")).getString("name")).startsWith("bob");
    }

    @Test
    void linkedEntitiesAndExistsFiltersOnlyUseRowsTheCallerMaySee() {
        UUID alices = accountOf("alice");
        // a contact of Bob's under Alice's account (created by the system: Bob may not append to Alice's account)
        org.create(new Entity("contact").set("lastname", "Hidden " + f.run)
                .set("parentcustomerid", new EntityReference("account", alices))
                .set("ownerid", new EntityReference("systemuser", bob)));
        QueryExpression outer = QueryExpression.from("account").select("name")
                .where(Condition.eq("accountid", alices))
                .link(new LinkEntity("contact", "parentcustomerid", "accountid", "c", JoinType.LEFT_OUTER,
                        ColumnSet.of("lastname"), null, null)).build();
        List<Entity> seen = f.as(alice).retrieveMultiple(outer).entities();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).get("c.lastname")).isNull();
        assertThat(f.as(mia).retrieveMultiple(outer).entities().get(0).getString("c.lastname"))
                .isEqualTo("Hidden " + f.run);

        QueryExpression exists = QueryExpression.from("account").select("name")
                .where(new LinkFilter(LinkFilter.Kind.ANY, "contact", "parentcustomerid", "accountid",
                        Condition.of("lastname", ConditionOperator.BEGINS_WITH, "Hidden"))).build();
        assertThat(f.as(alice).retrieveMultiple(exists).entities()).isEmpty();
        assertThat(f.as(mia).retrieveMultiple(exists).entities()).extracting(Entity::id).contains(alices);
    }

    @Test
    void ownerTeamMembersSeeTheTeamsRecords() {
        UUID team = f.team("Key accounts", sales, 0, carol);
        UUID teams = org.create(new Entity("account").set("name", "team " + f.run)
                .set("ownerid", new EntityReference("team", team)));
        assertThat(f.accountsSeenBy(carol)).containsExactly("carol", "team");
        assertThat(f.accountsSeenBy(bob)).containsExactly("bob");
        org.delete("account", teams);
    }

    /**
     * Issue 19: on PostgreSQL a page sorted by name is read as the union of each owner's and the shares' first rows
     * (QueryCompiler's access alternatives); pages, both directions and the total count stay those of the plain
     * condition: the caller's own, their owner team's and the shared rows interleaved by name, nothing else.
     */
    @Test
    void aNameSortedPageMergesOwnTeamAndSharedRowsInOrder() {
        UUID dan = f.user("dan", east, SecurityFixture.OWN_RECORDS);
        UUID team = f.team("Merge " + f.run, east, 0, dan);
        List<UUID> made = new java.util.ArrayList<>();
        made.add(f.account(dan, "m-b"));
        made.add(f.account(dan, "m-d"));
        for (String name : List.of("m-a", "m-c")) {
            made.add(org.create(new Entity("account").set("name", name + " " + f.run)
                    .set("ownerid", new EntityReference("team", team))));
        }
        UUID shared = f.account(alice, "m-e");
        made.add(shared);
        made.add(f.account(alice, "m-f"));
        made.add(f.account(alice, "m-0"));
        f.as(alice).execute(new io.rapport.pipeline.ActionRequest("GrantAccess", Map.of("Target",
                new EntityReference("account", shared), "PrincipalAccess", Map.of("Principal",
                        new EntityReference("systemuser", dan), "AccessMask", "ReadAccess"))));
        try {
            assertThat(f.accountsSeenBy(dan)).containsExactly("m-a", "m-b", "m-c", "m-d", "m-e");
            assertThat(names(dan, QueryExpression.from("account").top(3), false)).containsExactly("m-a", "m-b",
                    "m-c");
            assertThat(names(dan, QueryExpression.from("account").top(3), true)).containsExactly("m-e", "m-d",
                    "m-c");
            assertThat(names(dan, QueryExpression.from("account").page(2, 2), false)).containsExactly("m-c", "m-d");
            assertThat(names(dan, QueryExpression.from("account").page(3, 2), false)).containsExactly("m-e");
            var counted = countedPage(dan, "m-", 1, 2);
            assertThat(counted.totalRecordCount()).isEqualTo(5);
            assertThat(counted.moreRecords()).isTrue();
        } finally {
            made.forEach(id -> org.delete("account", id));
        }
    }

    /**
     * Issue 19: the parts a page merges are disjoint, so paging through them never shows a row twice: rows the caller
     * owns that are also shared with them, rows of their owner team (in another unit) shared with the team and the
     * caller, rows shared with the caller and their team at once; at user depth and at business unit depth (the
     * unit's rows shared with the manager too), page after page, with and without a further filter.
     */
    @Test
    void pagesOfMergedOwnTeamUnitAndSharedRowsShowEveryRowOnce() {
        UUID erin = f.user("erin", east, SecurityFixture.OWN_RECORDS);
        UUID team = f.team("Pages " + f.run, other, 0, erin);
        List<UUID> made = new java.util.ArrayList<>();
        UUID a = f.account(erin, "p-a");
        UUID e = f.account(erin, "p-e");
        UUID i = f.account(erin, "p-i");
        UUID b = teamAccount(team, "p-b");
        UUID fTeam = teamAccount(team, "p-f");
        UUID j = teamAccount(team, "p-j");
        UUID c = f.account(alice, "p-c");
        UUID g = f.account(alice, "p-g");
        UUID h = f.account(alice, "p-h");
        UUID d = f.account(oscar, "p-d");
        made.addAll(List.of(a, e, i, b, fTeam, j, c, g, h, d));
        share(i, "systemuser", erin);
        share(i, "team", team);
        share(j, "systemuser", erin);
        share(c, "systemuser", erin);
        share(c, "team", team);
        share(g, "team", team);
        share(d, "systemuser", erin);
        share(d, "systemuser", mia);
        share(c, "systemuser", mia);
        share(a, "systemuser", mia);
        try {
            List<String> erinSees = List.of("p-a", "p-b", "p-c", "p-d", "p-e", "p-f", "p-g", "p-i", "p-j");
            assertThat(allPages(erin, 2, null)).isEqualTo(erinSees);
            assertThat(allPages(erin, 4, null)).isEqualTo(erinSees);
            assertThat(allPages(erin, 2, Condition.of("name", ConditionOperator.NOT_BEGIN_WITH, "p-b")))
                    .isEqualTo(List.of("p-a", "p-c", "p-d", "p-e", "p-f", "p-g", "p-i", "p-j"));
            assertThat(names(erin, "p-", QueryExpression.from("account").top(4), true))
                    .containsExactly("p-j", "p-i", "p-g", "p-f");
            // the manager reads Sales and East: Erin's, Alice's, and Oscar's shared one; the team's are in Other
            List<String> miaSees = List.of("p-a", "p-c", "p-d", "p-e", "p-g", "p-h", "p-i");
            assertThat(allPages(mia, 2, null)).isEqualTo(miaSees);
            assertThat(allPages(mia, 3, Condition.of("name", ConditionOperator.NOT_EQUAL, "p-h " + f.run)))
                    .isEqualTo(List.of("p-a", "p-c", "p-d", "p-e", "p-g", "p-i"));
            var counted = countedPage(erin, "p-", 2, 4);
            assertThat(counted.totalRecordCount()).isEqualTo(9);
            assertThat(counted.entities()).extracting(x -> x.getString("name").replace(" " + f.run, ""))
                    .containsExactly("p-e", "p-f", "p-g", "p-i");
            assertThat(counted.moreRecords()).isTrue();
        } finally {
            made.forEach(id -> org.delete("account", id));
        }
    }

    /**
     * Issue 19: a caller with no share of an entity reads it without the share part of the row access (the owner's
     * statement alone); their first share, with them or with a team of theirs, brings that part back at once on this
     * node, and later shares change nothing the cache keeps (the security version stays).
     */
    @Test
    void theSharePartOfTheRowAccessIsThereOnlyOnceTheCallerHasAShareOfTheEntity() {
        UUID gil = f.user("gil", east, SecurityFixture.OWN_RECORDS);
        UUID hal = f.user("hal", east, SecurityFixture.OWN_RECORDS);
        UUID team = f.team("Shares " + f.run, east, 0, hal);
        UUID one = f.account(alice, "s-one");
        UUID two = f.account(alice, "s-two");
        UUID three = f.account(alice, "s-three");
        UUID own = f.account(gil, "s-own");
        try {
            assertThat(shareRule(gil, "account")).isEmpty();
            assertThat(f.accountsSeenBy(gil)).containsExactly("s-own");
            share(one, "systemuser", gil);
            assertThat(shareRule(gil, "account")).containsExactly(gil);
            assertThat(f.accountsSeenBy(gil)).containsExactly("s-one", "s-own");
            // another share of the same entity with the same principal: nothing cached is wrong, nothing recomputed
            long version = securityVersion.current();
            share(two, "systemuser", gil);
            assertThat(securityVersion.current()).isEqualTo(version);
            assertThat(f.accountsSeenBy(gil)).containsExactly("s-one", "s-own", "s-two");
            // the share part is per entity: a contact has none yet
            assertThat(shareRule(gil, "contact")).isEmpty();
            // a share with a team is a share with its members
            assertThat(shareRule(hal, "account")).isEmpty();
            share(three, "team", team);
            assertThat(shareRule(hal, "account")).containsExactlyInAnyOrder(hal, team);
            assertThat(f.accountsSeenBy(hal)).containsExactly("s-three");
        } finally {
            List.of(one, two, three, own).forEach(id -> org.delete("account", id));
        }
    }

    /**
     * The answer kept for the new security version is the one for the user's teams of that version, even when the
     * caller asks with the user's security read under the version before (a request that began before the change).
     */
    @Test
    void aSharesAnswerIsKeptForTheTeamsOfItsOwnVersion() {
        UUID ivy = f.user("ivy", east, SecurityFixture.OWN_RECORDS);
        UUID team = f.team("Late " + f.run, east, 0);
        UUID shared = f.account(alice, "late");
        try {
            share(shared, "team", team);
            var before = securityCache.get(ivy);
            org.associate(new EntityReference("team", team), "teammembership_association",
                    List.of(new EntityReference("systemuser", ivy)));
            assertThat(securityCache.sharesAny(before, "account")).isTrue();
            assertThat(f.accountsSeenBy(ivy)).containsExactly("late");
        } finally {
            org.delete("account", shared);
        }
    }

    private java.util.Set<UUID> shareRule(UUID user, String entity) {
        return access.readAccess(new io.rapport.pipeline.Caller(user, null, null, null, null, null,
                io.rapport.pipeline.Channel.SYSTEM)).ruleFor(entity).sharedWithPrincipalIds();
    }

    private UUID teamAccount(UUID team, String name) {
        return org.create(new Entity("account").set("name", name + " " + f.run)
                .set("ownerid", new EntityReference("team", team)));
    }

    private void share(UUID account, String principalType, UUID principal) {
        org.execute(new io.rapport.pipeline.ActionRequest("GrantAccess", Map.of("Target",
                new EntityReference("account", account), "PrincipalAccess", Map.of("Principal",
                        new EntityReference(principalType, principal), "AccessMask", "ReadAccess"))));
    }

    /** Every page of the user's accounts of this run beginning with "p-", in name order, concatenated. */
    private List<String> allPages(UUID user, int size, io.rapport.query.Filter extra) {
        List<String> all = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            Filter where = ofThisRun("p-");
            var result = f.as(user).retrieveMultiple(QueryExpression.from("account").select("name")
                    .where(extra == null ? where : Filter.and(where, extra))
                    .orderBy(new io.rapport.query.Order(null, "name", false))
                    .paging(io.rapport.query.PagingInfo.page(page, size)).build());
            result.entities().forEach(x -> all.add(x.getString("name").replace(" " + f.run, "")));
            if (!result.moreRecords()) {
                assertThat(result.entities()).isNotEmpty();
                return all;
            }
            assertThat(result.entities()).hasSize(size);
        }
    }

    /** The accounts of this run whose name begins with the prefix. */
    private Filter ofThisRun(String prefix) {
        return Filter.and(Condition.of("name", ConditionOperator.BEGINS_WITH, prefix),
                Condition.of("name", ConditionOperator.ENDS_WITH, f.run));
    }

    private io.rapport.record.EntityCollection countedPage(UUID user, String prefix, int page, int size) {
        return f.as(user).retrieveMultiple(QueryExpression.from("account").select("name").where(ofThisRun(prefix))
                .orderBy(new io.rapport.query.Order(null, "name", false))
                .paging(io.rapport.query.PagingInfo.page(page, size).withTotalCount()).build());
    }

    private List<String> names(UUID user, QueryExpression.Builder query, boolean descending) {
        return names(user, "m-", query, descending);
    }

    private List<String> names(UUID user, String prefix, QueryExpression.Builder query, boolean descending) {
        return f.as(user).retrieveMultiple(query.select("name")
                .where(ofThisRun(prefix)).orderBy(new io.rapport.query.Order(null, "name", descending)).build()).entities().stream()
                .map(e -> e.getString("name").replace(" " + f.run, "")).toList();
    }

    @Test
    void aUserWithoutTheReadPrivilegeGetsPrivilegeDenied() {
        UUID nobody = f.user("nobody", sales);
        assertThatThrownBy(() -> f.accountsSeenBy(nobody)).isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.PRIVILEGE_DENIED))
                .hasMessageContaining("is missing prvReadAccount privilege");
    }

    @Test
    void aUserMovedToAnotherBusinessUnitLosesTheirRoles() {
        UUID mover = f.user("mover", sales, SecurityFixture.OWN_RECORDS);
        assertThat(f.accountsSeenBy(mover)).isEmpty();
        org.update(new Entity("systemuser", mover).set("businessunitid", new EntityReference("businessunit", other)));
        assertThatThrownBy(() -> f.accountsSeenBy(mover)).isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.PRIVILEGE_DENIED));
        f.giveRole(mover, f.roleOf(SecurityFixture.OWN_RECORDS, other));
        assertThat(f.accountsSeenBy(mover)).isEmpty();
    }

    private UUID accountOf(String who) {
        return org.retrieveMultiple(QueryExpression.from("account").select("name")
                .where(Condition.eq("name", who + " " + f.run)).build()).entities().get(0).id();
    }
}
