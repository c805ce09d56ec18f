package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A start on a database whose built-in roles were seeded by an earlier version brings them to the current
 * definitions (new privileges added, depths the definitions deepened applied) without undoing an
 * administrator's removals and changes. Two starts on one PostgreSQL schema.
 */
class BuiltInRolesUpgradeTest {

    private static final UUID SALESPERSON = UUID.nameUUIDFromBytes("rapport:roletemplate:Salesperson"
            .getBytes(StandardCharsets.UTF_8));

    @Test
    void aStartOnAnOldDatabaseGrantsTheNewPrivilegesAndKeepsTheAdministratorsChanges() {
        Map<String, String> db = TestDatabases.postgres();
        UUID role;
        try (ConfigurableApplicationContext first = AppInstances.start(db)) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            role = jdbc.queryForObject("select roleid from role where roletemplateid = ? and parentrootroleid is null",
                    UUID.class, SALESPERSON);
            // as the previous version left it: no platform privileges, sales records at user depth, no seed column
            jdbc.update("delete from sys_roleprivilege where roleid = ? and privilegename in ('prvReadQuery',"
                    + " 'prvReadSavedQuery', 'prvReadSystemForm', 'prvReadUserQuery', 'prvCreateUserQuery',"
                    + " 'prvReadDuplicateRule')", role);
            jdbc.update("update sys_roleprivilege set depthmask = 1, seeddepthmask = null where roleid = ?", role);
            // what administrators did on that version: removed one privilege, deepened another
            jdbc.update("update sys_roleprivilege set depthmask = 0 where roleid = ? and privilegename ="
                    + " 'prvDeleteLead'", role);
            jdbc.update("update sys_roleprivilege set depthmask = 8 where roleid = ? and privilegename ="
                    + " 'prvAssignAccount'", role);
            // and on this version, after seeding: narrowed what the definitions gave
            jdbc.update("update sys_roleprivilege set depthmask = 2, seeddepthmask = 8 where roleid = ? and"
                    + " privilegename = 'prvWriteContact'", role);
        }
        try (ConfigurableApplicationContext second = AppInstances.start(db)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(depth(jdbc, role, "prvReadSavedQuery")).isEqualTo(8);
            assertThat(depth(jdbc, role, "prvReadSystemForm")).isEqualTo(8);
            assertThat(depth(jdbc, role, "prvReadDuplicateRule")).isEqualTo(8);
            assertThat(depth(jdbc, role, "prvReadUserQuery")).isEqualTo(1);
            assertThat(depth(jdbc, role, "prvCreateUserQuery")).isEqualTo(1);
            assertThat(depth(jdbc, role, "prvReadAccount")).as("deepened to the definition").isEqualTo(8);
            assertThat(depth(jdbc, role, "prvWriteOpportunity")).isEqualTo(8);
            assertThat(depth(jdbc, role, "prvCreateAccount")).as("already at the definition").isEqualTo(1);
            assertThat(depth(jdbc, role, "prvDeleteLead")).as("an administrator's removal sticks").isZero();
            assertThat(depth(jdbc, role, "prvAssignAccount")).as("deeper than the definition: kept").isEqualTo(8);
            assertThat(depth(jdbc, role, "prvWriteContact")).as("changed after seeding: kept").isEqualTo(2);
        }
    }

    private static int depth(JdbcTemplate jdbc, UUID role, String privilege) {
        return jdbc.queryForObject("select depthmask from sys_roleprivilege where roleid = ? and privilegename = ?",
                Integer.class, role, privilege);
    }
}
