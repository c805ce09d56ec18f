package io.rapport.security.internal.access;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OwnershipType;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers whether a user's privileges reach a record: the depth of the privilege against the record's owner and
 * owning business unit, then explicit shares with the user or their teams.
 */
@Component
public class AccessEvaluator {

    private static final PrivilegeScope EVERYWHERE = new PrivilegeScope(true, java.util.Set.of(), AccessDepth.GLOBAL);

    private final UserSecurityCache cache;
    private final SharingRepository sharing;
    private final OrganizationIdentity identity;
    private final ObjectProvider<OrganizationService> organization;

    AccessEvaluator(UserSecurityCache cache, SharingRepository sharing, OrganizationIdentity identity,
            ObjectProvider<OrganizationService> organization) {
        this.cache = cache;
        this.sharing = sharing;
        this.identity = identity;
        this.organization = organization;
    }

    public UserSecurity security(UUID userId) {
        return cache.get(userId);
    }

    /** Whether any record of the entity is shared with the user or one of their teams. */
    public boolean sharesAny(UserSecurity s, String entityName) {
        return cache.sharesAny(s, entityName);
    }

    /** The scope of a privilege on an entity for the user, or empty when none of their roles grants it. */
    public Optional<PrivilegeScope> scope(UserSecurity s, EntityMetadata e, Privilege p) {
        if (s.disabled()) {
            return Optional.empty();
        }
        if (e.isIntersect() || s.systemAdministrator()) {
            return Optional.of(EVERYWHERE);
        }
        return s.scope(PrivilegeCatalog.name(p, e));
    }

    /** Whether the user holds a miscellaneous privilege such as prvReadRecordAuditHistory. */
    public boolean holds(UserSecurity s, String privilegeName) {
        return !s.disabled() && (s.systemAdministrator() || s.scope(privilegeName).isPresent());
    }

    /** Whether the scope reaches the record, by ownership, business unit or a share carrying the right. */
    public boolean reaches(UserSecurity s, EntityMetadata e, PrivilegeScope scope, Privilege p, Entity record) {
        if (scope.global() || e.isIntersect() || e.ownership() == OwnershipType.ORGANIZATION) {
            return true;
        }
        if (e.ownership() == OwnershipType.BUSINESS) {
            UUID unit = businessUnitOf(e, record);
            return unit == null || unit.equals(s.businessUnitId()) || scope.businessUnits().contains(unit)
                    || e.logicalName().equals("systemuser") && s.userId().equals(record.id());
        }
        UUID owner = idOf(record.get("ownerid"));
        if (owner == null || s.owners().contains(owner)) {
            return true;
        }
        UUID unit = idOf(record.get("owningbusinessunit"));
        if (unit == null && record.get("ownerid") instanceof EntityReference ref) {
            unit = businessUnitOfPrincipal(ref);
        }
        if (unit != null && scope.businessUnits().contains(unit)) {
            return true;
        }
        return p != Privilege.CREATE && record.id() != null
                && AccessRight.of(p).in(sharing.rights(record.id(), s.principals()));
    }

    /** The rights (AccessRights mask) the user has on a record, for RetrievePrincipalAccess. */
    public int rightsOn(UserSecurity s, EntityMetadata e, Entity record) {
        int mask = 0;
        for (AccessRight right : AccessRight.values()) {
            if (right == AccessRight.CREATE || (!e.isUserOwned()
                    && (right == AccessRight.ASSIGN || right == AccessRight.SHARE))) {
                continue;
            }
            Optional<PrivilegeScope> scope = scope(s, e, right.privilege());
            if (scope.isPresent() && reaches(s, e, scope.get(), right.privilege(), record)) {
                mask |= right.mask();
            }
        }
        return mask;
    }

    public boolean isSystem(io.rapport.pipeline.Caller caller) {
        return identity.isSystem(caller);
    }

    /** The business unit a record of a business-owned entity belongs to. */
    static UUID businessUnitOf(EntityMetadata e, Entity record) {
        if (e.logicalName().equals("businessunit")) {
            UUID parent = idOf(record.get("parentbusinessunitid"));
            return record.id() != null ? record.id() : parent;
        }
        return idOf(record.get("businessunitid"));
    }

    private UUID businessUnitOfPrincipal(EntityReference principal) {
        return organization.getObject().as(identity.systemCaller())
                .retrieve(principal.logicalName(), principal.id(), ColumnSet.of("businessunitid"))
                .getReference("businessunitid").id();
    }

    static UUID idOf(Object value) {
        return SecurityModelReader.idOf(value);
    }
}
