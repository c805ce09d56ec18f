package io.rapport.security.internal.access;

import java.util.Set;
import java.util.UUID;

/**
 * Where one privilege reaches for one user, combined over all their roles and their teams' roles: everywhere
 * ({@code global}), in these business units, and always the records owned by the user or their owner teams.
 */
public record PrivilegeScope(boolean global, Set<UUID> businessUnits, AccessDepth depth) {

    public PrivilegeScope {
        businessUnits = Set.copyOf(businessUnits);
    }
}
