package io.rapport.security.internal.tokens;

import io.rapport.security.PersonalAccessTokens.TokenScope;
import io.rapport.security.RapportPrincipal;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request signed in by a personal access token: the token's owner and what the token may do. */
final class PersonalAccessTokenAuthentication extends AbstractAuthenticationToken {

    private final RapportPrincipal principal;
    private final TokenScope scope;

    PersonalAccessTokenAuthentication(RapportPrincipal principal, TokenScope scope) {
        super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.principal = principal;
        this.scope = scope;
        setAuthenticated(true);
    }

    TokenScope scope() {
        return scope;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public RapportPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.username();
    }
}
