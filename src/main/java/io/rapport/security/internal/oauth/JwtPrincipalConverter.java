package io.rapport.security.internal.oauth;

import io.rapport.security.RapportPrincipal;
import io.rapport.security.internal.RapportUserDetailsService;
import java.util.List;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Turns a validated access token into the Rapport user it acts as (claim {@code oid}); disabled users get 401. */
@Component
class JwtPrincipalConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final RapportUserDetailsService users;

    JwtPrincipalConverter(RapportUserDetailsService users) {
        this.users = users;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String oid = jwt.getClaimAsString(TokenClaims.USER_CLAIM);
        UUID userId;
        try {
            userId = UUID.fromString(oid);
        } catch (RuntimeException e) {
            throw new DisabledException("The access token names no Rapport user.");
        }
        RapportPrincipal principal = users.enabledPrincipal(userId)
                .orElseThrow(() -> new DisabledException("The user of the access token is disabled or deleted."));
        return new BearerAuthentication(principal, jwt);
    }

    /** An authenticated bearer token whose principal is the Rapport user. */
    static final class BearerAuthentication extends AbstractAuthenticationToken {
        private final RapportPrincipal principal;
        private final Jwt jwt;

        BearerAuthentication(RapportPrincipal principal, Jwt jwt) {
            super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
            this.principal = principal;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.username();
        }
    }
}
