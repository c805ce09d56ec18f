package io.rapport.security.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.CallerProvider;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Finds an enabled user by user name, with their password hash, for form and basic sign-in. */
@Component
public class RapportUserDetailsService implements UserDetailsService {

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final CredentialRepository credentials;
    private final com.github.benmanes.caffeine.cache.Cache<java.util.UUID, java.util.Optional<RapportPrincipal>>
            principals = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
                    .expireAfterWrite(java.time.Duration.ofSeconds(10)).build();

    RapportUserDetailsService(OrganizationService organization, CallerProvider callers,
            CredentialRepository credentials) {
        this.organization = organization;
        this.callers = callers;
        this.credentials = credentials;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Entity user = findUser(username);
        var credential = credentials.find(user.id())
                .orElseThrow(() -> new UsernameNotFoundException("No password is set for " + username));
        boolean locked = credential.lockedUntil() != null
                && credential.lockedUntil().isAfter(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
        // no authority says "administrator": SystemAdministrators reads role membership at each request
        return new PrincipalUserDetails(principal(user), credential.passwordHash(),
                Boolean.TRUE.equals(user.get("isdisabled")), locked);
    }

    /** The user with this user name, if exactly one exists. */
    public java.util.Optional<Entity> lookUp(String username) {
        try {
            return java.util.Optional.of(findUser(username));
        } catch (UsernameNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The principal of an enabled user by id, for bearer tokens. Remembered for a few seconds per node, so that a
     * burst of API calls costs one lookup; a disabled user is refused at once anyway by {@link ActivePrincipals}.
     */
    public java.util.Optional<RapportPrincipal> enabledPrincipal(java.util.UUID userId) {
        return principals.get(userId, this::loadEnabledPrincipal);
    }

    private java.util.Optional<RapportPrincipal> loadEnabledPrincipal(java.util.UUID userId) {
        List<Entity> found = organization.as(callers.system()).retrieveMultiple(QueryExpression.from("systemuser")
                .columns(ColumnSet.of("fullname", "domainname", "businessunitid", "isdisabled", "uilanguage"))
                .where(Condition.eq("systemuserid", userId)).top(1).lookupNames(false).build()).entities();
        if (found.isEmpty() || Boolean.TRUE.equals(found.get(0).get("isdisabled"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(principal(found.get(0)));
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
    public static final class PrincipalUserDetails extends User {
        private final RapportPrincipal principal;

        PrincipalUserDetails(RapportPrincipal principal, String hash, boolean disabled, boolean locked) {
            super(principal.username(), hash, !disabled, true, true, !locked,
                    List.of(new SimpleGrantedAuthority("ROLE_USER")));
            this.principal = principal;
        }

        /** Restores signed-in details (without the password) from a stored OAuth2 authorization. */
        public PrincipalUserDetails(RapportPrincipal principal, boolean enabled, boolean accountNonLocked) {
            this(principal, "[not stored]", !enabled, !accountNonLocked);
        }

        public RapportPrincipal principal() {
            return principal;
        }
    }
}
