package io.rapport.security.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.store.RowSecuritySql.SecuredRow;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The SQL that security hands the query compiler for row-level read access. */
class RoleBasedRowSecurityTest {

    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID TEAM = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID UNIT = UUID.fromString("00000000-0000-0000-0000-000000000003");

    private final RoleBasedRowSecurity security = new RoleBasedRowSecurity(java.util.List.of());

    private static Field<UUID> column(String name) {
        return DSL.field(DSL.name("t0", name), UUID.class);
    }

    private static String sql(Condition c) {
        return DSL.using(SQLDialect.POSTGRES).renderInlined(c);
    }

    private static SecuredRow userOwned() {
        return new SecuredRow("account", column("accountid"), column("ownerid"), column("owningbusinessunit"));
    }

    @Test
    void sharesAreAnUncorrelatedInOverTheCallersShares() {
        AccessRule rule = new AccessRule(false, Set.of(USER), Set.of(), Set.of(USER));

        assertThat(sql(security.readable(rule, userOwned()))).isEqualTo("(\"t0\".\"ownerid\" in ("
                + "cast('00000000-0000-0000-0000-000000000001' as uuid)) or \"t0\".\"accountid\" in (select "
                + "\"sys_principalobjectaccess\".\"objectid\" from \"sys_principalobjectaccess\" where ("
                + "\"sys_principalobjectaccess\".\"principalid\" in ("
                + "cast('00000000-0000-0000-0000-000000000001' as uuid)) and "
                + "\"sys_principalobjectaccess\".\"readaccess\" = true)))");
    }

    @Test
    void businessUnitDepthTestsTheRowsUnitColumn() {
        AccessRule rule = new AccessRule(false, Set.of(), Set.of(UNIT), Set.of());

        assertThat(sql(security.readable(rule, userOwned())))
                .isEqualTo("\"t0\".\"owningbusinessunit\" in (cast('00000000-0000-0000-0000-000000000003' as uuid))");
    }

    @Test
    void anOwnerRuleOnAnEntityWithoutOwnerAdmitsNothing() {
        AccessRule rule = new AccessRule(false, Set.of(USER, TEAM), Set.of(), Set.of());

        assertThat(sql(security.readable(rule, new SecuredRow("role", column("roleid"), null, null))))
                .isEqualTo("false");
    }

    @Test
    void partsAreEachOwnerThenTheUnitsOwnedByNoneOfThemThenTheSharesInNeither() {
        AccessRule rule = new AccessRule(false, Set.of(TEAM, USER), Set.of(UNIT), Set.of(TEAM, USER));

        assertThat(security.readableParts(rule, userOwned()).stream().map(RoleBasedRowSecurityTest::sql))
                .containsExactly(
                        "\"t0\".\"ownerid\" = cast('00000000-0000-0000-0000-000000000001' as uuid)",
                        "\"t0\".\"ownerid\" = cast('00000000-0000-0000-0000-000000000002' as uuid)",
                        "(\"t0\".\"owningbusinessunit\" in (cast('00000000-0000-0000-0000-000000000003' as uuid)) "
                                + "and (\"t0\".\"ownerid\" is null or \"t0\".\"ownerid\" not in ("
                                + "cast('00000000-0000-0000-0000-000000000001' as uuid), "
                                + "cast('00000000-0000-0000-0000-000000000002' as uuid))))",
                        "(\"t0\".\"accountid\" = any (array(select \"sys_principalobjectaccess\".\"objectid\" "
                                + "from \"sys_principalobjectaccess\" where (\"sys_principalobjectaccess\"."
                                + "\"principalid\" in (cast('00000000-0000-0000-0000-000000000001' as uuid), "
                                + "cast('00000000-0000-0000-0000-000000000002' as uuid)) and "
                                + "\"sys_principalobjectaccess\".\"readaccess\" = true))) "
                                + "and (\"t0\".\"ownerid\" is null or \"t0\".\"ownerid\" not in ("
                                + "cast('00000000-0000-0000-0000-000000000001' as uuid), "
                                + "cast('00000000-0000-0000-0000-000000000002' as uuid))) "
                                + "and (\"t0\".\"owningbusinessunit\" is null or \"t0\".\"owningbusinessunit\" "
                                + "not in (cast('00000000-0000-0000-0000-000000000003' as uuid))))");
    }

    @Test
    void manyOwnersAreOnePartAndAllRowsOrGatedRulesHaveNone() {
        java.util.List<UUID> owners = new java.util.ArrayList<>();
        for (int i = 0; i <= RoleBasedRowSecurity.MAX_OWNER_PARTS; i++) {
            owners.add(UUID.fromString(String.format("00000000-0000-0000-0000-%012d", 10 + i)));
        }
        AccessRule many = new AccessRule(false, Set.copyOf(owners), Set.of(), Set.of());
        assertThat(security.readableParts(many, userOwned()).stream().map(RoleBasedRowSecurityTest::sql))
                .containsExactly("\"t0\".\"ownerid\" in (" + String.join(", ", owners.stream()
                        .map(o -> "cast('" + o + "' as uuid)").toList()) + ")");
        assertThat(security.readableParts(AccessRule.ALL, userOwned())).isEmpty();
        AccessRule gated = new AccessRule(false, Set.of(USER), Set.of(), Set.of(USER)).gated(USER, Set.of(USER));
        assertThat(security.readableParts(gated, userOwned())).isEmpty();
    }

    @Test
    void allRowsAddNoCondition() {
        assertThat(security.readable(AccessRule.ALL, userOwned())).isEqualTo(DSL.noCondition());
    }
}
