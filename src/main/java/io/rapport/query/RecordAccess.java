package io.rapport.query;

import java.util.Set;
import java.util.UUID;

/**
 * The rows a caller may read, per entity, expressed as data so the store can translate it into SQL
 * (never filtered after reading).
 */
@FunctionalInterface
public interface RecordAccess {

    RecordAccess UNRESTRICTED = entity -> AccessRule.ALL;

    AccessRule ruleFor(String entityName);

    /**
     * Row access to one entity: all rows, or rows owned by one of {@code ownerIds}, or owned within one of
     * {@code businessUnitIds}, or shared with one of {@code sharedWithPrincipalIds}.
     */
    record AccessRule(boolean all, Set<UUID> ownerIds, Set<UUID> businessUnitIds, Set<UUID> sharedWithPrincipalIds) {

        public static final AccessRule ALL = new AccessRule(true, Set.of(), Set.of(), Set.of());
        public static final AccessRule NONE = new AccessRule(false, Set.of(), Set.of(), Set.of());

        public AccessRule {
            ownerIds = Set.copyOf(ownerIds);
            businessUnitIds = Set.copyOf(businessUnitIds);
            sharedWithPrincipalIds = Set.copyOf(sharedWithPrincipalIds);
        }
    }
}
