package io.rapport.security.internal.oauth;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts an access token only while the authorization server still holds it as active: tokens revoked through
 * {@code /oauth2/revoke} (or whose authorization was removed) stop working at once, on every node.
 */
class NotRevokedValidator implements OAuth2TokenValidator<Jwt> {

    private final OAuth2AuthorizationService authorizations;

    NotRevokedValidator(OAuth2AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        OAuth2Authorization authorization = authorizations.findByToken(jwt.getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN);
        var token = authorization == null ? null : authorization.getAccessToken();
        if (token == null || token.isInvalidated()) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The access token has been revoked or is unknown.", null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
