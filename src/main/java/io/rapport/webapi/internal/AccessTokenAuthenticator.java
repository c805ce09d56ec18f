package io.rapport.webapi.internal;

import io.rapport.security.BearerTokenAuthenticator;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Recognizes the Web API's personal access tokens ({@code Bearer rpat_...}) for the security module's API filter
 * chain, which then signs the request in as the token's user (if enabled).
 */
@Component
class AccessTokenAuthenticator implements BearerTokenAuthenticator {

    private final AccessTokens tokens;

    AccessTokenAuthenticator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<UUID> authenticate(String token) {
        return tokens.userOf(token);
    }
}
