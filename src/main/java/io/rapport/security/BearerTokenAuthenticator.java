package io.rapport.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Authenticates bearer tokens on {@code /api/**} that are not JWTs (for example personal access tokens of the
 * Web API module). The security module hands every bearer token that does not look like a JWT to these beans in
 * order; the first that recognizes it names the user. JWTs are validated by the OAuth2 resource server only.
 */
public interface BearerTokenAuthenticator {

    /** The id of the enabled user the token belongs to, or empty when this authenticator does not know it. */
    Optional<UUID> authenticate(String token);
}
