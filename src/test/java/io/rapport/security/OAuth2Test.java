package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.TestUsers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * OAuth2 over HTTP: a client-credentials token from {@code /oauth2/token} authenticates {@code /api/**} as the
 * application user; tampered, expired and revoked tokens get 401 with the Dataverse error body; a person gets a
 * bearer token through authorization code with PKCE against the sign-in form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OAuth2Test {

    @OnH2
    static class H2 extends OAuth2Test {
    }

    @OnPostgres
    static class Postgres extends OAuth2Test {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    JWKSource<SecurityContext> keys;

    @Autowired
    OAuth2AuthorizationService authorizations;

    @Autowired
    RegisteredClientRepository clients;

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    Http http;
    UUID appUser;
    String clientId;
    String clientSecret;

    @BeforeAll
    void applicationUser() {
        http = new Http(port);
        SecurityFixture f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Apps", f.rootUnit());
        UUID applicationId = UUID.randomUUID();
        appUser = org.create(new Entity("systemuser").set("lastname", "Integration").set("domainname",
                "app-" + f.run).set("applicationid", applicationId)
                .set("businessunitid", new EntityReference("businessunit", unit)));
        f.giveRole(appUser, f.roleOf(SecurityFixture.OWN_RECORDS, unit));
        var out = org.execute(new ActionRequest("RegisterApplicationClient", new EntityReference("systemuser", appUser),
                Map.of())).outputs();
        clientId = (String) out.get("ClientId");
        clientSecret = (String) out.get("ClientSecret");
        assertThat(clientId).isEqualTo(applicationId.toString());
    }

    @Test
    void aClientCredentialsTokenAuthenticatesTheApiAsTheApplicationUser() throws Exception {
        JsonNode token = token(clientId, clientSecret);
        assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asInt()).isBetween(3500, 3600);
        HttpResponse<String> me = http.get("/api/test/whoami", "Authorization", "Bearer " + token.get("access_token").asText());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).get("UserId").asText()).isEqualTo(appUser.toString());
    }

    @Test
    void aWrongClientSecretGetsNoToken() {
        HttpResponse<String> r = http.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Authorization", Http.basic(clientId, "wrong"));
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void aTamperedTokenGets401WithTheDataverseErrorBody() throws Exception {
        String token = token(clientId, clientSecret).get("access_token").asText();
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(appUser.toString(), TestUsersIds.zero());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertUnauthorized(http.get("/api/test/whoami", "Authorization", "Bearer " + forged));
        assertUnauthorized(http.get("/api/test/whoami", "Authorization", "Bearer " + parts[0] + "." + parts[1] + ".AAAA"));
    }

    @Test
    void anExpiredTokenGets401() throws Exception {
        Instant issued = Instant.now().minus(2, ChronoUnit.HOURS);
        Instant expired = issued.plus(1, ChronoUnit.HOURS);
        var claims = JwtClaimsSet.builder().subject(clientId).issuedAt(issued).expiresAt(expired)
                .claim("oid", appUser.toString()).build();
        String value = new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
        authorizations.save(OAuth2Authorization.withRegisteredClient(clients.findByClientId(clientId))
                .principalName(clientId).authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issued, expired)).build());
        assertUnauthorized(http.get("/api/test/whoami", "Authorization", "Bearer " + value));
    }

    @Test
    void aRevokedTokenGets401() throws Exception {
        String token = token(clientId, clientSecret).get("access_token").asText();
        assertThat(http.get("/api/test/whoami", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        HttpResponse<String> revoke = http.postForm("/oauth2/revoke", Map.of("token", token,
                "token_type_hint", "access_token"), "Authorization", Http.basic(clientId, clientSecret));
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertUnauthorized(http.get("/api/test/whoami", "Authorization", "Bearer " + token));
    }

    @Test
    void aPersonGetsABearerTokenWithAuthorizationCodeAndPkce() throws Exception {
        Http browser = new Http(port);
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = "/oauth2/authorize?response_type=code&client_id=rapport-public"
                + "&redirect_uri=http://127.0.0.1/callback&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=xyz";
        HttpResponse<String> first = browser.get(authorize, "Accept", "text/html");
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> signedIn = browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> again = browser.get(signedIn.headers().firstValue("Location").orElseThrow());
        String callback = again.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://127.0.0.1/callback");
        Map<String, String> params = Http.query(callback);
        assertThat(params.get("state")).isEqualTo("xyz");
        HttpResponse<String> token = http.postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", params.get("code"), "redirect_uri", "http://127.0.0.1/callback", "client_id", "rapport-public",
                "code_verifier", verifier));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String access = json.readTree(token.body()).get("access_token").asText();
        HttpResponse<String> me = http.get("/api/test/whoami", "Authorization", "Bearer " + access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readTree(me.body()).get("Channel").asText()).isEqualTo("API");
    }

    private JsonNode token(String id, String secret) throws Exception {
        HttpResponse<String> r = http.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
                "Authorization", Http.basic(id, secret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private void assertUnauthorized(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json.readTree(r.body()).at("/error/code").asText()).isEqualTo("0x8005f101");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    /** Ids that exist nowhere. */
    static final class TestUsersIds {
        static String zero() {
            return new UUID(0, 1).toString();
        }
    }
}
