package io.rapport.security.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.CallerProvider;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import io.rapport.security.SecurityProperties;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Finds an enabled user by user name, with their password hash, for form and basic sign-in. */
@Component
class RapportUserDetailsService implements UserDetailsService {

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final CredentialRepository credentials;
    private final SecurityProperties properties;

    RapportUserDetailsService(OrganizationService organization, CallerProvider callers,
            CredentialRepository credentials, SecurityProperties properties) {
        this.organization = organization;
        this.callers = callers;
        this.credentials = credentials;
        this.properties = properties;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Entity user = findUser(username);
        var credential = credentials.find(user.id())
                .orElseThrow(() -> new UsernameNotFoundException("No password is set for " + username));
        // the configured administrator may customize the system (the web UI's customization area)
        boolean admin = properties.adminUsername().equalsIgnoreCase(username);
        return new PrincipalUserDetails(principal(user), credential.passwordHash(),
                Boolean.TRUE.equals(user.get("isdisabled")), admin);
    }

    Entity findUser(String username) {
        List<Entity> found = organization.as(callers.system()).retrieveMultiple(QueryExpression.from("systemuser")
                .columns(ColumnSet.of("fullname", "domainname", "businessunitid", "isdisabled", "uilanguage"))
                .where(Condition.eq("domainname", username)).top(2).build()).entities();
        if (found.size() != 1) {
            throw new UsernameNotFoundException("Unknown user " + username);
        }
        return found.get(0);
    }

    static RapportPrincipal principal(Entity user) {
        EntityReference bu = (EntityReference) user.get("businessunitid");
        return new RapportPrincipal(user.id(), user.getString("domainname"), user.getString("fullname"),
                bu == null ? null : bu.id(), user.getString("uilanguage"));
    }

    /** User details whose principal is the {@link RapportPrincipal} the caller provider reads. */
    static final class PrincipalUserDetails extends User {
        private final RapportPrincipal principal;

        PrincipalUserDetails(RapportPrincipal principal, String hash, boolean disabled, boolean admin) {
            super(principal.username(), hash, !disabled, true, true, true, admin
                    ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                    : List.of(new SimpleGrantedAuthority("ROLE_USER")));
            this.principal = principal;
        }

        RapportPrincipal principal() {
            return principal;
        }
    }
}
