package io.rapport.security.internal.access;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What one user may do, computed from their roles, their teams' roles, their business unit and field security
 * profiles; cached per security version.
 *
 * @param teamIds every team the user is a member of (owner and access teams): records shared with them are shared
 *     with the user
 * @param ownerTeamIds the owner teams among them: records they own count as the user's own
 * @param roleIds the user's roles and their owner teams' roles
 * @param privileges privilege name to scope; absent means not granted
 * @param fieldPermissions {@code entity.attribute} to the field permission granted by the user's profiles
 */
public record UserSecurity(UUID userId, UUID businessUnitId, boolean disabled, Set<UUID> teamIds,
        Set<UUID> ownerTeamIds, Set<UUID> roleIds, boolean systemAdministrator, Map<String, PrivilegeScope> privileges,
        Map<String, FieldPermission> fieldPermissions) {

    public UserSecurity {
        teamIds = Set.copyOf(teamIds);
        ownerTeamIds = Set.copyOf(ownerTeamIds);
        roleIds = Set.copyOf(roleIds);
        privileges = Map.copyOf(privileges);
        fieldPermissions = Map.copyOf(fieldPermissions);
    }

    public Optional<PrivilegeScope> scope(String privilegeName) {
        return Optional.ofNullable(privileges.get(privilegeName));
    }

    /** The user and their owner teams: owners of the records at user depth. */
    public Set<UUID> owners() {
        Set<UUID> owners = new HashSet<>(ownerTeamIds);
        owners.add(userId);
        return owners;
    }

    /** The user and all their teams: principals whose shares the user enjoys. */
    public Set<UUID> principals() {
        Set<UUID> principals = new HashSet<>(teamIds);
        principals.add(userId);
        return principals;
    }

    /** Read, create and update permission on one secured attribute. */
    public record FieldPermission(boolean read, boolean create, boolean update) {

        public static final FieldPermission ALL = new FieldPermission(true, true, true);
        public static final FieldPermission NONE = new FieldPermission(false, false, false);

        public FieldPermission or(FieldPermission other) {
            return new FieldPermission(read || other.read, create || other.create, update || other.update);
        }
    }
}
