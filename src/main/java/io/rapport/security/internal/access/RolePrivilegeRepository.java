package io.rapport.security.internal.access;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The privileges of security roles in {@code sys_roleprivilege}: role, privilege name and depth mask. */
@Repository
public class RolePrivilegeRepository {

    private static final Table<Record> ROLE_PRIVILEGE = table(name("sys_roleprivilege"));
    private static final Field<UUID> ROLE = field(name("roleid"), UUID.class);
    private static final Field<String> PRIVILEGE = field(name("privilegename"), String.class);
    private static final Field<Integer> DEPTH = field(name("depthmask"), Integer.class);
    private static final Field<Integer> SEED = field(name("seeddepthmask"), Integer.class);

    /** One granted privilege of a role. */
    public record Row(UUID roleId, String privilegeName, AccessDepth depth) {
    }

    private final DSLContext dsl;

    RolePrivilegeRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The privileges of the roles, including those removed (depth NONE). */
    public List<Row> of(Collection<UUID> roleIds) {
        if (roleIds.isEmpty()) {
            return List.of();
        }
        return dsl.select(ROLE, PRIVILEGE, DEPTH).from(ROLE_PRIVILEGE).where(ROLE.in(roleIds))
                .fetch(r -> new Row(r.value1(), r.value2(), AccessDepth.ofMask(r.value3())));
    }

    /** Privilege name to depth of one role, without removed ones. */
    public Map<String, AccessDepth> granted(UUID roleId) {
        Map<String, AccessDepth> result = new LinkedHashMap<>();
        for (Row r : of(List.of(roleId))) {
            if (r.depth() != AccessDepth.NONE) {
                result.put(r.privilegeName(), r.depth());
            }
        }
        return result;
    }

    /** Sets the depth of a privilege of a role, adding the row if needed. */
    public void set(UUID roleId, String privilegeName, AccessDepth depth) {
        int updated = dsl.update(ROLE_PRIVILEGE).set(DEPTH, depth.mask())
                .where(ROLE.eq(roleId)).and(PRIVILEGE.eq(privilegeName)).execute();
        if (updated == 0) {
            dsl.insertInto(ROLE_PRIVILEGE).columns(ROLE, PRIVILEGE, DEPTH).values(roleId, privilegeName, depth.mask())
                    .execute();
        }
    }

    /**
     * Gives a built-in role's privileges the depths its definition names, keeping what an administrator changed: a
     * missing row is added; a row still at the depth the definitions last seeded moves to the new depth; a row seeded
     * by a version that did not record its seed (null) is only deepened, never made shallower or granted again once
     * removed (depth 0); any other row was changed by an administrator and stays. Reads the role's rows once and
     * writes only the rows that change (a start on an up-to-date database writes nothing).
     *
     * @return whether the role's privileges changed
     */
    public boolean seed(UUID roleId, Map<String, AccessDepth> definition) {
        Map<String, Record> current = new java.util.HashMap<>();
        dsl.select(PRIVILEGE, DEPTH, SEED).from(ROLE_PRIVILEGE).where(ROLE.eq(roleId))
                .forEach(r -> current.put(r.get(PRIVILEGE), r));
        // one statement each, bound per row (a new database seeds about 1,200 rows of built-in roles)
        var inserts = dsl.batch(dsl.insertInto(ROLE_PRIVILEGE).columns(ROLE, PRIVILEGE, DEPTH, SEED)
                .values((UUID) null, null, null, null));
        var updates = dsl.batch(dsl.update(ROLE_PRIVILEGE).set(DEPTH, DSL.param("depth", Integer.class))
                .set(SEED, DSL.param("seed", Integer.class)).where(ROLE.eq(DSL.param("role", UUID.class)))
                .and(PRIVILEGE.eq(DSL.param("privilege", String.class))));
        int inserted = 0;
        int updated = 0;
        boolean changed = false;
        for (Map.Entry<String, AccessDepth> e : definition.entrySet()) {
            String privilegeName = e.getKey();
            int wanted = e.getValue().mask();
            Record row = current.get(privilegeName);
            if (row == null) {
                inserts.bind(roleId, privilegeName, wanted, wanted);
                inserted++;
                changed = true;
                continue;
            }
            int held = row.get(DEPTH);
            Integer seeded = row.get(SEED);
            if (seeded != null && seeded == wanted) {
                continue;
            }
            boolean untouched = seeded != null ? held == seeded : held != 0 && held < wanted;
            if (seeded != null && !untouched) {
                continue;
            }
            int next = untouched ? wanted : held;
            updates.bind(next, wanted, roleId, privilegeName);
            updated++;
            changed |= next != held;
        }
        if (inserted > 0) {
            inserts.execute();
        }
        if (updated > 0) {
            updates.execute();
        }
        return changed;
    }

    /** Marks every privilege of the role removed, for ReplacePrivilegesRole. */
    public void removeAll(UUID roleId) {
        dsl.update(ROLE_PRIVILEGE).set(DEPTH, 0).where(ROLE.eq(roleId)).execute();
    }

    /** Removes a privilege from every role (its entity was deleted). */
    public void deletePrivilege(String privilegeName) {
        dsl.deleteFrom(ROLE_PRIVILEGE).where(PRIVILEGE.eq(privilegeName)).execute();
    }

    public void deleteRole(UUID roleId) {
        dsl.deleteFrom(ROLE_PRIVILEGE).where(ROLE.eq(roleId)).execute();
    }
}
