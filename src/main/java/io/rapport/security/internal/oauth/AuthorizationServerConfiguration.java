package io.rapport.security.internal.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.rapport.security.AuthenticationProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.util.function.SingletonSupplier;

/**
 * The OAuth2 authorization server's parts (Spring Authorization Server): registered clients, authorizations and
 * consents in the database, the signing key from {@link SigningKeys}, and the decoder the resource server
 * validates access tokens with (signature, expiry within {@code token-clock-skew}, and not revoked).
 */
@Configuration
class AuthorizationServerConfiguration {

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbc, clients);
        var rows = new JdbcOAuth2AuthorizationService.OAuth2AuthorizationRowMapper(clients);
        rows.setObjectMapper(AuthorizationJson.mapper());
        service.setAuthorizationRowMapper(rows);
        var parameters = new JdbcOAuth2AuthorizationService.OAuth2AuthorizationParametersMapper();
        parameters.setObjectMapper(AuthorizationJson.mapper());
        service.setAuthorizationParametersMapper(parameters);
        return service;
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
            RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /**
     * The signing key, read (or, on a new database, generated: an RSA key pair, about half a second of a cold JVM)
     * when the first token is issued or validated, not during the start.
     */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        SingletonSupplier<JWKSet> set = SingletonSupplier.of(() -> new JWKSet(keys.current()));
        return (selector, context) -> selector.select(set.obtain());
    }

    /** The decoder of access tokens, built with the signing key when the first bearer token arrives. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, OAuth2AuthorizationService authorizations,
            AuthenticationProperties properties) {
        SingletonSupplier<NimbusJwtDecoder> decoder = SingletonSupplier.of(() -> {
            NimbusJwtDecoder d;
            try {
                d = NimbusJwtDecoder.withPublicKey(keys.current().toRSAPublicKey()).build();
            } catch (JOSEException e) {
                throw new IllegalStateException("The stored token signing key has no RSA public key", e);
            }
            List<OAuth2TokenValidator<Jwt>> validators = List.of(JwtValidators.createDefaultWithValidators(
                    List.of(new JwtTimestampValidator(properties.tokenClockSkew()))),
                    new NotRevokedValidator(authorizations));
            d.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
            return d;
        });
        return token -> decoder.obtain().decode(token);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthenticationProperties properties) {
        AuthorizationServerSettings.Builder b = AuthorizationServerSettings.builder();
        if (properties.issuer() != null) {
            b.issuer(properties.issuer());
        }
        return b.build();
    }
}
