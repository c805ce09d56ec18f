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
     * {@code businessUnitIds}, or shared with one of {@code sharedWithPrincipalIds}; and, when {@code gate} is set,
     * only those of them that a module's row gate admits (a private queue's items to its members).
     */
    record AccessRule(boolean all, Set<UUID> ownerIds, Set<UUID> businessUnitIds, Set<UUID> sharedWithPrincipalIds,
            Gate gate) {

        public static final AccessRule ALL = new AccessRule(true, Set.of(), Set.of(), Set.of());
        public static final AccessRule NONE = new AccessRule(false, Set.of(), Set.of(), Set.of());

        public AccessRule {
            ownerIds = Set.copyOf(ownerIds);
            businessUnitIds = Set.copyOf(businessUnitIds);
            sharedWithPrincipalIds = Set.copyOf(sharedWithPrincipalIds);
            if (gate != null && all) {
                throw new IllegalArgumentException("A gated rule does not admit all rows");
            }
        }

        public AccessRule(boolean all, Set<UUID> ownerIds, Set<UUID> businessUnitIds,
                Set<UUID> sharedWithPrincipalIds) {
            this(all, ownerIds, businessUnitIds, sharedWithPrincipalIds, null);
        }

        /** This rule further limited by the row gates of the entity, for the given user and their principals. */
        public AccessRule gated(UUID userId, Set<UUID> principals) {
            return new AccessRule(false, ownerIds, businessUnitIds, sharedWithPrincipalIds,
                    new Gate(all, userId, principals));
        }
    }

    /**
     * The row gates' part of a rule: {@code ungatedAll} when the role alone would admit every row, the user and the
     * principals (the user and their teams) the gates test.
     */
    record Gate(boolean ungatedAll, UUID userId, Set<UUID> principals) {

        public Gate {
            principals = Set.copyOf(principals);
        }
    }
}
