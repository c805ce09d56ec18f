package io.rapport.security.internal.access;

import io.rapport.pipeline.Caller;
import io.rapport.security.SystemAdministrators;
import io.rapport.security.internal.OrganizationIdentity;
import org.springframework.stereotype.Component;

/** System Administrator role membership from the cached security of the user. */
@Component
class RoleMembershipAdministrators implements SystemAdministrators {

    private final UserSecurityCache cache;
    private final OrganizationIdentity identity;

    RoleMembershipAdministrators(UserSecurityCache cache, OrganizationIdentity identity) {
        this.cache = cache;
        this.identity = identity;
    }

    @Override
    public boolean isSystemAdministrator(Caller caller) {
        if (identity.isSystem(caller)) {
            return true;
        }
        UserSecurity s = cache.get(caller.userId());
        return !s.disabled() && s.systemAdministrator();
    }
}
