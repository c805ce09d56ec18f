package io.rapport.security.internal.oauth;

import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.pipeline.Channel;
import io.rapport.record.Entity;
import io.rapport.record.Ids;
import io.rapport.security.RapportPrincipal;
import io.rapport.security.internal.RapportUserDetailsService;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Names the Rapport user an access token acts as in the claim {@code oid} (as Microsoft Entra ID does): the
 * application user of the client for client credentials, the signed-in person for authorization code. A client
 * without an enabled application user gets no token.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String USER_CLAIM = "oid";

    private final ApplicationUsers applicationUsers;
    private final AuditLog audit;
    private final Clock clock;

    TokenClaims(ApplicationUsers applicationUsers, AuditLog audit, Clock clock) {
        this.applicationUsers = applicationUsers;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            String clientId = context.getRegisteredClient().getClientId();
            Entity user = applicationUsers.forClient(clientId).orElseThrow(() -> new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "No enabled application user has the "
                            + "applicationid " + clientId + ".", null)));
            context.getClaims().claim(USER_CLAIM, user.id().toString()).claim("appid", clientId)
                    .claim("name", String.valueOf(user.get("fullname")));
            audit.record(new AuditEntry(Ids.newId(), Instant.now(clock), user.id(), "SignIn", "systemuser", user.id(),
                    Channel.API.name(), Map.of("method", new AttributeChange(null, "client_credentials"),
                            "clientid", new AttributeChange(null, clientId))));
        } else if (context.getPrincipal().getPrincipal()
                instanceof RapportUserDetailsService.PrincipalUserDetails details) {
            RapportPrincipal p = details.principal();
            context.getClaims().claim(USER_CLAIM, p.userId().toString()).claim("upn", p.username())
                    .claim("name", String.valueOf(p.fullName()));
        } else if (context.getPrincipal().getPrincipal() instanceof RapportPrincipal p) {
            context.getClaims().claim(USER_CLAIM, p.userId().toString()).claim("upn", p.username());
        }
    }
}
