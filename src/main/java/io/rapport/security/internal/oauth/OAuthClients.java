package io.rapport.security.internal.oauth;

import io.rapport.security.AuthenticationProperties;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The registered OAuth2 clients: the public client people use (authorization code with PKCE against the sign-in
 * page), registered at start when missing, and confidential clients of application users, whose secret is
 * generated here, stored hashed and shown once.
 */
@Component
class OAuthClients implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(OAuthClients.class);

    private final RegisteredClientRepository clients;
    private final PasswordEncoder encoder;
    private final AuthenticationProperties properties;
    private final SecureRandom random = new SecureRandom();

    OAuthClients(RegisteredClientRepository clients, PasswordEncoder encoder, AuthenticationProperties properties) {
        this.clients = clients;
        this.encoder = encoder;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (clients.findByClientId(properties.publicClientId()) != null) {
            return;
        }
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(properties.publicClientId()).clientName("Rapport public client")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokenSettings());
        properties.publicClientRedirectUris().forEach(b::redirectUri);
        try {
            clients.save(b.build());
            log.info("OAuth2 public client registered clientId={}", properties.publicClientId());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            log.debug("OAuth2 public client registered by another node clientId={}", properties.publicClientId());
        }
    }

    /**
     * Registers (or gives a new secret to) the confidential client of an application user.
     *
     * @return the new client secret, in clear text; it is not stored and cannot be shown again
     */
    String registerApplication(UUID applicationId, String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RegisteredClient existing = clients.findByClientId(applicationId.toString());
        RegisteredClient.Builder b = existing != null ? RegisteredClient.from(existing)
                : RegisteredClient.withId(UUID.randomUUID().toString()).clientId(applicationId.toString())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        clients.save(b.clientName(name).clientSecret(encoder.encode(secret)).tokenSettings(tokenSettings()).build());
        log.info("OAuth2 client secret issued clientId={}", applicationId);
        return secret;
    }

    private TokenSettings tokenSettings() {
        return TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.accessTokenTimeToLive()).build();
    }
}
