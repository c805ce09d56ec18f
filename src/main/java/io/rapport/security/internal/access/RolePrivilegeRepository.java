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
     * Gives a built-in role's privilege the depth its definition names, keeping what an administrator changed:
     * a missing row is added; a row still at the depth the definitions last seeded moves to the new depth; a row
     * seeded by a version that did not record its seed (null) is only deepened, never made shallower or granted
     * again once removed (depth 0); any other row was changed by an administrator and stays.
     *
     * @return whether the role's privileges changed
     */
    public boolean seed(UUID roleId, String privilegeName, AccessDepth depth) {
        Record current = dsl.select(DEPTH, SEED).from(ROLE_PRIVILEGE).where(ROLE.eq(roleId))
                .and(PRIVILEGE.eq(privilegeName)).fetchOne();
        if (current == null) {
            dsl.insertInto(ROLE_PRIVILEGE).columns(ROLE, PRIVILEGE, DEPTH, SEED)
                    .values(roleId, privilegeName, depth.mask(), depth.mask()).execute();
            return true;
        }
        int held = current.get(DEPTH);
        Integer seeded = current.get(SEED);
        if (seeded != null && seeded == depth.mask()) {
            return false;
        }
        boolean untouched = seeded != null ? held == seeded : held != 0 && held < depth.mask();
        int next = untouched ? depth.mask() : held;
        if (seeded != null && !untouched) {
            return false;
        }
        dsl.update(ROLE_PRIVILEGE).set(DEPTH, next).set(SEED, depth.mask()).where(ROLE.eq(roleId))
                .and(PRIVILEGE.eq(privilegeName)).execute();
        return next != held;
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
