package io.rapport.security.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.security.internal.access.UserSecurity;
import io.rapport.security.internal.access.UserSecurityCache;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller of the current request, from the authenticated principal, with their current business unit and
 * teams; the system user when nobody is signed in (start-up, background jobs). The channel follows the request
 * path: {@code /api/} is the Web API.
 */
@Component
class SecurityContextCallerProvider implements CallerProvider {

    private final OrganizationIdentity identity;
    // resolved on first use (they depend on this bean) and then kept: resolving a provider on every call looks
    // the bean up in the factory each time, which showed in every Web API request's profile
    private final SingletonSupplier<UserSecurityCache> security;
    private final SingletonSupplier<OrganizationService> organization;

    SecurityContextCallerProvider(OrganizationIdentity identity, ObjectProvider<UserSecurityCache> security,
            ObjectProvider<OrganizationService> organization) {
        this.identity = identity;
        this.security = SingletonSupplier.of(security::getObject);
        this.organization = SingletonSupplier.of(organization::getObject);
    }

    @Override
    public Caller forUser(UUID userId, Channel channel) {
        Entity user = organization.obtain().as(system()).retrieve("systemuser", userId,
                ColumnSet.of("fullname", "uilanguage"));
        UserSecurity s = security.obtain().get(userId);
        return new Caller(userId, user.getString("fullname"), s.businessUnitId(), s.teamIds(),
                user.getString("uilanguage"), null, channel);
    }

    @Override
    public Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        RapportPrincipal p = null;
        if (auth != null && auth.getPrincipal() instanceof RapportPrincipal principal) {
            p = principal;
        } else if (auth != null && auth.getPrincipal() instanceof RapportUserDetailsService.PrincipalUserDetails d) {
            p = d.principal();
        }
        if (p != null) {
            UserSecurity s = security.obtain().get(p.userId());
            return new Caller(p.userId(), p.fullName(), s.businessUnitId(), s.teamIds(), p.language(), null,
                    channel());
        }
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            // someone is signed in, but not as a Rapport user: never let that run as the unrestricted system user
            throw new RapportException(ErrorCode.NOT_AUTHENTICATED, "The signed-in principal '" + auth.getName()
                    + "' is not a Rapport user.");
        }
        return system();
    }

    @Override
    public Caller system() {
        return identity.systemCaller();
    }

    private static Channel channel() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return a.getRequest().getRequestURI().startsWith(a.getRequest().getContextPath() + "/api/") ? Channel.API
                    : Channel.UI;
        }
        return Channel.SYSTEM;
    }
}
