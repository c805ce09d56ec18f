package io.rapport.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in settings.
 *
 * @param maxFailedAttempts failed password sign-ins in a row after which the account is locked
 * @param lockoutDuration how long a locked account stays locked
 * @param loginPage the path of a custom login page (the web UI's); empty for Spring Security's generated one
 * @param accessTokenTimeToLive lifetime of OAuth2 access tokens
 * @param issuer the OAuth2 issuer URL written into tokens; empty to derive it from each request
 * @param publicClientId the client id of the public (PKCE) client people use to get bearer tokens
 * @param publicClientRedirectUris where the public client may be redirected after signing in
 * @param tokenClockSkew how far a bearer token's {@code exp} and {@code nbf} may be off from this node's clock
 *     (other issuers' clocks drift); a token works up to this long after it expired
 * @param passwordHashCost the bcrypt cost (log2 of its rounds, 4 to 31) of passwords, app passwords and client
 *     secrets hashed from now on: 10 by default; each step doubles the time of a sign-in's check and of a guess.
 *     Stored hashes keep the cost they were made with and still match.
 */
@ConfigurationProperties("rapport.security.authentication")
public record AuthenticationProperties(Integer maxFailedAttempts, Duration lockoutDuration, String loginPage,
        Duration accessTokenTimeToLive, String issuer, String publicClientId, List<String> publicClientRedirectUris,
        Duration tokenClockSkew, Integer passwordHashCost) {

    public AuthenticationProperties {
        maxFailedAttempts = maxFailedAttempts == null ? 5 : maxFailedAttempts;
        lockoutDuration = lockoutDuration == null ? Duration.ofMinutes(15) : lockoutDuration;
        loginPage = loginPage == null || loginPage.isBlank() ? null : loginPage;
        accessTokenTimeToLive = accessTokenTimeToLive == null ? Duration.ofHours(1) : accessTokenTimeToLive;
        issuer = issuer == null || issuer.isBlank() ? null : issuer;
        publicClientId = publicClientId == null || publicClientId.isBlank() ? "rapport-public" : publicClientId;
        publicClientRedirectUris = publicClientRedirectUris == null || publicClientRedirectUris.isEmpty()
                ? List.of("http://127.0.0.1/callback", "http://localhost/callback")
                : List.copyOf(publicClientRedirectUris);
        tokenClockSkew = tokenClockSkew == null ? Duration.ofSeconds(60) : tokenClockSkew;
        passwordHashCost = passwordHashCost == null ? 10 : passwordHashCost;
        if (passwordHashCost < 4 || passwordHashCost > 31) {
            throw new IllegalArgumentException("rapport.security.authentication.password-hash-cost must be from 4 "
                    + "to 31 (bcrypt's log2 rounds), not " + passwordHashCost);
        }
    }
}
