package io.rapport.security.internal;

import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.security.RapportPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller of the current request, from the authenticated principal; the system user when nobody is signed
 * in (start-up, background jobs). The channel follows the request path: {@code /api/} is the Web API.
 */
@Component
class SecurityContextCallerProvider implements CallerProvider {

    private final OrganizationIdentity identity;
    private final org.springframework.beans.factory.ObjectProvider<io.rapport.pipeline.OrganizationService> organization;

    SecurityContextCallerProvider(OrganizationIdentity identity,
            org.springframework.beans.factory.ObjectProvider<io.rapport.pipeline.OrganizationService> organization) {
        this.identity = identity;
        this.organization = organization;
    }

    @Override
    public Caller forUser(java.util.UUID userId, Channel channel) {
        io.rapport.record.Entity user = organization.getObject().as(system()).retrieve("systemuser", userId,
                io.rapport.query.ColumnSet.of("fullname", "businessunitid", "uilanguage"));
        io.rapport.record.EntityReference bu = user.getReference("businessunitid");
        return new Caller(userId, user.getString("fullname"), bu == null ? null : bu.id(), null,
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
            return new Caller(p.userId(), p.fullName(), p.businessUnitId(), null, p.language(), null, channel());
        }
        return system();
    }

    @Override
    public Caller system() {
        OrganizationIdentity.Ids ids = identity.get();
        return ids == null ? new Caller(null, "SYSTEM", null, null, "en", null, Channel.SYSTEM)
                : new Caller(ids.systemUserId(), "SYSTEM", ids.rootBusinessUnitId(), null, "en", null, Channel.SYSTEM);
    }

    private static Channel channel() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return a.getRequest().getRequestURI().startsWith(a.getRequest().getContextPath() + "/api/") ? Channel.API
                    : Channel.UI;
        }
        return Channel.SYSTEM;
    }
}
