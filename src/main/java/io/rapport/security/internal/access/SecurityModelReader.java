package io.rapport.security.internal.access;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.UserSecurity.FieldPermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads a user's security from the records (user, teams, roles, field security profiles) as the system user,
 * and the role privileges from {@code sys_roleprivilege}.
 */
@Component
class SecurityModelReader {

    private static final int ALLOWED = 4;

    private final ObjectProvider<OrganizationService> organization;
    private final OrganizationIdentity identity;
    private final RolePrivilegeRepository rolePrivileges;

    SecurityModelReader(ObjectProvider<OrganizationService> organization, OrganizationIdentity identity,
            RolePrivilegeRepository rolePrivileges) {
        this.organization = organization;
        this.identity = identity;
        this.rolePrivileges = rolePrivileges;
    }

    private OrganizationService system() {
        return organization.getObject().as(identity.systemCaller());
    }

    BusinessUnitTree businessUnits() {
        Map<UUID, UUID> parents = new HashMap<>();
        for (Entity bu : system().retrieveMultiple(QueryExpression.from("businessunit")
                .columns(ColumnSet.of("parentbusinessunitid")).build()).entities()) {
            parents.put(bu.id(), idOf(bu.get("parentbusinessunitid")));
        }
        return new BusinessUnitTree(parents);
    }

    UserSecurity load(UUID userId, BusinessUnitTree tree) {
        OrganizationService sys = system();
        Entity user = sys.retrieve("systemuser", userId, ColumnSet.of("businessunitid", "isdisabled"));
        UUID userBu = idOf(user.get("businessunitid"));
        boolean disabled = Boolean.TRUE.equals(user.get("isdisabled"));
        Map<UUID, UUID> teamUnits = new LinkedHashMap<>();
        Set<UUID> ownerTeams = new HashSet<>();
        for (Entity team : sys.retrieveMultiple(QueryExpression.from("team")
                .columns(ColumnSet.of("businessunitid", "teamtype"))
                .link(link("teammembership", "teamid", Condition.eq("systemuserid", userId))).build()).entities()) {
            teamUnits.put(team.id(), idOf(team.get("businessunitid")));
            if (!Integer.valueOf(1).equals(team.get("teamtype"))) {
                ownerTeams.add(team.id());
            }
        }
        List<Grant> grants = new ArrayList<>();
        roles(sys, "systemuserroles", Condition.eq("systemuserid", userId))
                .forEach(r -> grants.add(new Grant(r, userBu)));
        if (!ownerTeams.isEmpty()) {
            roles(sys, "teamroles", Condition.of("teamid", ConditionOperator.IN, ownerTeams.toArray()))
                    .forEach(r -> grants.add(new Grant(r, teamUnits.get(idOf(r.get("m.teamid"))))));
        }
        boolean admin = grants.stream().anyMatch(g -> RoleTemplates.SYSTEM_ADMINISTRATOR.equals(
                g.role().get("roletemplateid")));
        Set<UUID> roleIds = new HashSet<>();
        grants.forEach(g -> roleIds.add(g.role().id()));
        Map<String, PrivilegeScope> privileges = privileges(grants, tree);
        Map<String, FieldPermission> fields = fieldPermissions(sys, userId, teamUnits.keySet());
        return new UserSecurity(userId, userBu, disabled, teamUnits.keySet(), ownerTeams, roleIds, admin, privileges,
                fields);
    }

    /** The members of a team. */
    Set<UUID> members(UUID teamId) {
        Set<UUID> users = new HashSet<>();
        system().retrieveMultiple(QueryExpression.from("systemuser").columns(ColumnSet.none())
                .link(link("teammembership", "systemuserid", Condition.eq("teamid", teamId))).build()).entities()
                .forEach(u -> users.add(u.id()));
        return users;
    }

    /**
     * The users who hold a role's privileges: those given the role or one of its business-unit copies (a copy
     * follows its root role's privileges), directly or as members of a team given it. Read before the role's
     * privileges shrink or the role is deleted, so that their access before can be kept.
     */
    Set<UUID> holders(UUID roleId) {
        OrganizationService sys = system();
        List<Entity> found = sys.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.of("parentrootroleid"))
                .where(Condition.eq("roleid", roleId)).build()).entities();
        if (found.isEmpty()) {
            return Set.of();
        }
        UUID root = idOf(found.get(0).get("parentrootroleid"));
        UUID rootId = root != null ? root : roleId;
        Set<UUID> roles = new HashSet<>();
        roles.add(rootId);
        sys.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                .where(Condition.eq("parentrootroleid", rootId)).build()).entities().forEach(r -> roles.add(r.id()));
        Condition held = Condition.of("roleid", ConditionOperator.IN, roles.toArray());
        Set<UUID> users = new HashSet<>();
        sys.retrieveMultiple(QueryExpression.from("systemuser").columns(ColumnSet.none())
                .link(link("systemuserroles", "systemuserid", held)).build()).entities()
                .forEach(u -> users.add(u.id()));
        sys.retrieveMultiple(QueryExpression.from("team").columns(ColumnSet.none())
                .link(link("teamroles", "teamid", held)).build()).entities()
                .forEach(t -> users.addAll(members(t.id())));
        return users;
    }

    /** A role held by the user directly or through an owner team, and the business unit its depths start from. */
    private record Grant(Entity role, UUID anchor) {
        UUID rootRoleId() {
            UUID root = idOf(role.get("parentrootroleid"));
            return root != null ? root : role.id();
        }
    }

    /** Roles linked through an intersect table; the intersect's columns come back as {@code m.<column>}. */
    private List<Entity> roles(OrganizationService sys, String intersect, Condition condition) {
        return sys.retrieveMultiple(QueryExpression.from("role")
                .columns(ColumnSet.of("parentrootroleid", "roletemplateid", "businessunitid"))
                .link(new LinkEntity(intersect, "roleid", "roleid", "m", JoinType.INNER, ColumnSet.all(), condition,
                        null)).build()).entities();
    }

    private Map<String, PrivilegeScope> privileges(List<Grant> grants, BusinessUnitTree tree) {
        Map<UUID, List<RolePrivilegeRepository.Row>> byRole = new HashMap<>();
        Set<UUID> rootIds = new HashSet<>();
        grants.forEach(g -> rootIds.add(g.rootRoleId()));
        for (RolePrivilegeRepository.Row row : rolePrivileges.of(rootIds)) {
            byRole.computeIfAbsent(row.roleId(), k -> new ArrayList<>()).add(row);
        }
        Map<String, AccessDepth> depths = new HashMap<>();
        Map<String, Boolean> global = new HashMap<>();
        Map<String, Set<UUID>> units = new HashMap<>();
        for (Grant g : grants) {
            for (RolePrivilegeRepository.Row row : byRole.getOrDefault(g.rootRoleId(), List.of())) {
                AccessDepth d = row.depth();
                if (d == AccessDepth.NONE) {
                    continue;
                }
                String name = row.privilegeName();
                depths.merge(name, d, AccessDepth::max);
                global.merge(name, d == AccessDepth.GLOBAL, Boolean::logicalOr);
                Set<UUID> set = units.computeIfAbsent(name, k -> new HashSet<>());
                if (d == AccessDepth.LOCAL && g.anchor() != null) {
                    set.add(g.anchor());
                } else if (d == AccessDepth.DEEP && g.anchor() != null) {
                    set.addAll(tree.subtree(g.anchor()));
                }
            }
        }
        Map<String, PrivilegeScope> result = new HashMap<>();
        depths.forEach((name, depth) -> result.put(name, new PrivilegeScope(global.get(name), units.get(name), depth)));
        return result;
    }

    private Map<String, FieldPermission> fieldPermissions(OrganizationService sys, UUID userId, Set<UUID> teams) {
        Set<UUID> profiles = new HashSet<>();
        sys.retrieveMultiple(QueryExpression.from("fieldsecurityprofile").columns(ColumnSet.none())
                .link(link("systemuserprofiles", "fieldsecurityprofileid", Condition.eq("systemuserid", userId)))
                .build()).entities().forEach(p -> profiles.add(p.id()));
        if (!teams.isEmpty()) {
            sys.retrieveMultiple(QueryExpression.from("fieldsecurityprofile").columns(ColumnSet.none())
                    .link(link("teamprofiles", "fieldsecurityprofileid",
                            Condition.of("teamid", ConditionOperator.IN, teams.toArray())))
                    .distinct(true).build()).entities().forEach(p -> profiles.add(p.id()));
        }
        Map<String, FieldPermission> result = new HashMap<>();
        if (profiles.isEmpty()) {
            return result;
        }
        for (Entity p : sys.retrieveMultiple(QueryExpression.from("fieldpermission")
                .columns(ColumnSet.of("entityname", "attributelogicalname", "canread", "cancreate", "canupdate"))
                .where(Condition.of("fieldsecurityprofileid", ConditionOperator.IN, profiles.toArray())).build())
                .entities()) {
            FieldPermission f = new FieldPermission(allowed(p, "canread"), allowed(p, "cancreate"),
                    allowed(p, "canupdate"));
            result.merge(p.getString("entityname") + "." + p.getString("attributelogicalname"), f, FieldPermission::or);
        }
        return result;
    }

    private static boolean allowed(Entity p, String attribute) {
        return Integer.valueOf(ALLOWED).equals(p.get(attribute));
    }

    private static LinkEntity link(String intersect, String attribute, Condition condition) {
        return new LinkEntity(intersect, attribute, attribute, null, JoinType.INNER, ColumnSet.none(), condition,
                null);
    }

    static UUID idOf(Object value) {
        return value instanceof EntityReference r ? r.id() : value instanceof UUID u ? u : null;
    }
}
