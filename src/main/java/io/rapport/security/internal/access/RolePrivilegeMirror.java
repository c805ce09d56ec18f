package io.rapport.security.internal.access;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Keeps the intersect table of {@code roleprivileges_association} (role to privilege, Dataverse's
 * {@code roleprivileges}) equal to the privileges {@code sys_roleprivilege} grants, so that the Web API and queries
 * can navigate from a role to its privilege records. {@code sys_roleprivilege} stays the one source the access checks
 * read; this table is a projection of it, rewritten after every change of a role's privileges. A copy of a role in a
 * child business unit shows the privileges of the role it follows, as in Dataverse. A privilege without a
 * {@code privilege} record (made from the catalog at start-up) is left out.
 */
@Component
public class RolePrivilegeMirror {

    private static final Table<Record> GRANTS = table(name("sys_roleprivilege"));
    private static final Field<UUID> GRANT_ROLE = field(name("roleid"), UUID.class);
    private static final Field<String> GRANT_NAME = field(name("privilegename"), String.class);
    private static final Field<Integer> GRANT_DEPTH = field(name("depthmask"), Integer.class);

    private static final Table<Record> INTERSECT = table(name("roleprivileges"));
    private static final Field<UUID> ROW_ID = field(name("roleprivilegesid"), UUID.class);
    private static final Field<UUID> ROLE = field(name("roleid"), UUID.class);
    private static final Field<UUID> PRIVILEGE = field(name("privilegeid"), UUID.class);

    private static final Table<Record> PRIVILEGES = table(name("privilege"));
    private static final Field<UUID> PRIVILEGE_ID = field(name("privilegeid"), UUID.class);

    private static final Table<Record> ROLES = table(name("role"));
    private static final Field<UUID> ROLE_ID = field(name("roleid"), UUID.class);
    private static final Field<UUID> ROOT = field(name("parentrootroleid"), UUID.class);

    private final DSLContext dsl;

    RolePrivilegeMirror(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Rewrites the rows of every role (at start-up, after a new entity's privileges); returns how many rows were
     * added or removed. Reads grants, roles and rows once each.
     */
    public int syncAll() {
        Set<UUID> privileges = new HashSet<>(dsl.select(PRIVILEGE_ID).from(PRIVILEGES).fetch(PRIVILEGE_ID));
        java.util.Map<UUID, Set<UUID>> granted = new java.util.HashMap<>();
        dsl.select(GRANT_ROLE, GRANT_NAME).from(GRANTS).where(GRANT_DEPTH.gt(0)).forEach(r -> {
            UUID privilege = PrivilegeDefinition.idOf(r.value2());
            if (privileges.contains(privilege)) {
                granted.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(privilege);
            }
        });
        java.util.Map<UUID, Set<UUID>> held = new java.util.HashMap<>();
        dsl.select(ROLE, PRIVILEGE).from(INTERSECT)
                .forEach(r -> held.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        // one statement each, bound per row: a fresh database adds about 1,200 rows here at every first start
        var deletes = dsl.batch(dsl.deleteFrom(INTERSECT).where(ROLE.eq(DSL.param("role", UUID.class)))
                .and(PRIVILEGE.eq(DSL.param("privilege", UUID.class))));
        var inserts = dsl.batch(dsl.insertInto(INTERSECT).columns(ROW_ID, PRIVILEGE, ROLE)
                .values((UUID) null, null, null));
        int deleted = 0;
        int inserted = 0;
        for (var role : dsl.select(ROLE_ID, ROOT).from(ROLES).fetch()) {
            UUID id = role.value1();
            Set<UUID> wanted = granted.getOrDefault(role.value2() != null ? role.value2() : id, Set.of());
            Set<UUID> has = held.getOrDefault(id, Set.of());
            for (UUID privilege : has) {
                if (!wanted.contains(privilege)) {
                    deletes.bind(id, privilege);
                    deleted++;
                }
            }
            for (UUID privilege : wanted) {
                if (!has.contains(privilege)) {
                    inserts.bind(UUID.randomUUID(), privilege, id);
                    inserted++;
                }
            }
        }
        if (deleted > 0) {
            deletes.execute();
        }
        if (inserted > 0) {
            inserts.execute();
        }
        return deleted + inserted;
    }

    /** Rewrites the rows of a root role and of its copies in child business units. */
    public int sync(UUID rootRoleId) {
        Set<UUID> wanted = new LinkedHashSet<>();
        for (String privilege : dsl.select(GRANT_NAME).from(GRANTS).where(GRANT_ROLE.eq(rootRoleId))
                .and(GRANT_DEPTH.gt(0)).fetch(GRANT_NAME)) {
            wanted.add(PrivilegeDefinition.idOf(privilege));
        }
        if (!wanted.isEmpty()) {
            wanted.retainAll(new HashSet<>(dsl.select(PRIVILEGE_ID).from(PRIVILEGES).where(PRIVILEGE_ID.in(wanted))
                    .fetch(PRIVILEGE_ID)));
        }
        List<UUID> roles = new ArrayList<>();
        roles.add(rootRoleId);
        roles.addAll(dsl.select(ROLE_ID).from(ROLES).where(ROOT.eq(rootRoleId)).fetch(ROLE_ID));
        int changed = 0;
        for (UUID role : roles) {
            Set<UUID> held = new HashSet<>(dsl.select(PRIVILEGE).from(INTERSECT).where(ROLE.eq(role)).fetch(PRIVILEGE));
            Set<UUID> gone = new HashSet<>(held);
            gone.removeAll(wanted);
            if (!gone.isEmpty()) {
                changed += dsl.deleteFrom(INTERSECT).where(ROLE.eq(role)).and(PRIVILEGE.in(gone)).execute();
            }
            var insert = dsl.insertInto(INTERSECT).columns(ROW_ID, PRIVILEGE, ROLE);
            int added = 0;
            for (UUID privilege : wanted) {
                if (!held.contains(privilege)) {
                    insert = insert.values(UUID.randomUUID(), privilege, role);
                    added++;
                }
            }
            if (added > 0) {
                insert.execute();
                changed += added;
            }
        }
        return changed;
    }
}
