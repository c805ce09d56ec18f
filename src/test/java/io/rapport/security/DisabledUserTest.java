package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
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
 * Disabling a user ends their UI sessions and access tokens at once on the node that disabled them and within
 * the security version check interval on another node; enabling them again does not bring the old sessions and
 * tokens back. The tokens' clock skew is a setting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DisabledUserTest {

    static class H2 extends DisabledUserTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.h2();
        }
    }

    static class Postgres extends DisabledUserTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.postgres();
        }
    }

    abstract Map<String, String> database();

    private static final String PASSWORD = "correct horse battery";
    private static final String WHOAMI = "/api/data/v9.2/WhoAmI";
    // what a browser asks for: the UI answers a signed-out page request with the sign-in page
    private static final String BROWSER = "text/html,*/*;q=0.8";
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext node1;
    private ConfigurableApplicationContext node2;
    private OrganizationService org;

    @BeforeAll
    void start() {
        Map<String, String> db = new HashMap<>(database());
        db.put("rapport.security.authentication.token-clock-skew", "5s");
        node1 = AppInstances.start(db);
        node2 = AppInstances.start(db);
        org = node1.getBean(OrganizationService.class);
    }

    @AfterAll
    void stop() {
        node2.close();
        node1.close();
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void disablingAUserEndsTheirSessionsAndTokensOnEveryNode() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID person = f.user("off", f.rootUnit(), "Salesperson");
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", person),
                Map.of("Password", PASSWORD)));
        String name = "off-" + f.run;
        UUID app = f.user("app", f.rootUnit(), "Salesperson");
        org.update(new Entity("systemuser", app).set("applicationid", UUID.randomUUID()));
        var client = org.execute(new ActionRequest("RegisterApplicationClient",
                new EntityReference("systemuser", app), Map.of())).outputs();
        Http sessionOn1 = new Http(port(node1));
        Http sessionOn2 = new Http(port(node2));
        assertThat(sessionOn1.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        assertThat(sessionOn2.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        String token = token(node2, (String) client.get("ClientId"), (String) client.get("ClientSecret"));
        Http api1 = new Http(port(node1));
        Http api2 = new Http(port(node2));
        assertThat(sessionOn1.get("/test/whoami", "Accept", BROWSER).statusCode()).isEqualTo(200);
        assertThat(sessionOn2.get("/test/whoami", "Accept", BROWSER).statusCode()).isEqualTo(200);
        assertThat(api1.get(WHOAMI, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(api2.get(WHOAMI, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        org.update(new Entity("systemuser", person).set("isdisabled", true));
        org.update(new Entity("systemuser", app).set("isdisabled", true));
        assertSignedOut(sessionOn1.get("/test/whoami", "Accept", BROWSER));
        assertThat(api1.get(WHOAMI, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
        // the other node reads the security version at most every 250 ms
        Thread.sleep(400);
        assertSignedOut(sessionOn2.get("/test/whoami", "Accept", BROWSER));
        assertThat(api2.get(WHOAMI, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);

        Http notYetUsed = new Http(port(node2));
        assertThat(notYetUsed.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .as("a disabled user cannot sign in").contains("error");

        org.update(new Entity("systemuser", person).set("isdisabled", false));
        org.update(new Entity("systemuser", app).set("isdisabled", false));
        Thread.sleep(400);
        assertSignedOut(sessionOn2.get("/test/whoami", "Accept", BROWSER));
        assertThat(api1.get(WHOAMI, "Authorization", "Bearer " + token).statusCode())
                .as("the token issued before the user was disabled stays dead").isEqualTo(401);
        assertThat(api2.get(WHOAMI, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
        Http again = new Http(port(node2));
        assertThat(again.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        assertThat(again.get("/test/whoami", "Accept", BROWSER).statusCode()).isEqualTo(200);
        String fresh = token(node1, (String) client.get("ClientId"), (String) client.get("ClientSecret"));
        assertThat(api2.get(WHOAMI, "Authorization", "Bearer " + fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionStartedBeforeTheUserWasDisabledStaysEndedEvenIfNotUsedWhileDisabled() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID person = f.user("idle", f.rootUnit(), "Salesperson");
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", person),
                Map.of("Password", PASSWORD)));
        Http idle = new Http(port(node2));
        assertThat(idle.signIn("idle-" + f.run, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        assertThat(idle.get("/test/whoami", "Accept", BROWSER).statusCode()).isEqualTo(200);
        org.update(new Entity("systemuser", person).set("isdisabled", true));
        org.update(new Entity("systemuser", person).set("isdisabled", false));
        Thread.sleep(400);
        assertSignedOut(idle.get("/test/whoami", "Accept", BROWSER));
    }

    @Test
    void theTokenClockSkewIsASetting() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID app = f.user("skew", f.rootUnit(), "Salesperson");
        UUID applicationId = UUID.randomUUID();
        org.update(new Entity("systemuser", app).set("applicationid", applicationId));
        org.execute(new ActionRequest("RegisterApplicationClient", new EntityReference("systemuser", app), Map.of()));
        Http api = new Http(port(node1));
        // the nodes run with a skew of 5 s: a token expired 2 s ago still passes, one expired 10 s ago does not
        assertThat(api.get(WHOAMI, "Authorization", "Bearer " + expiredToken(app, applicationId, 2)).statusCode())
                .isEqualTo(200);
        assertThat(api.get(WHOAMI, "Authorization", "Bearer " + expiredToken(app, applicationId, 10)).statusCode())
                .isEqualTo(401);
    }

    private String expiredToken(UUID user, UUID clientId, int secondsAgo) {
        Instant expired = Instant.now().minus(secondsAgo, ChronoUnit.SECONDS);
        Instant issued = expired.minus(1, ChronoUnit.HOURS);
        @SuppressWarnings("unchecked")
        JWKSource<SecurityContext> keys = node1.getBean(JWKSource.class);
        String value = new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), JwtClaimsSet.builder().subject(clientId.toString())
                        .issuedAt(issued).expiresAt(expired).claim("oid", user.toString()).build())).getTokenValue();
        node1.getBean(OAuth2AuthorizationService.class).save(OAuth2Authorization.withRegisteredClient(
                node1.getBean(RegisteredClientRepository.class).findByClientId(clientId.toString()))
                .principalName(clientId.toString()).authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, issued, expired)).build());
        return value;
    }

    private String token(ConfigurableApplicationContext node, String id, String secret) throws Exception {
        HttpResponse<String> r = new Http(port(node)).postForm("/oauth2/token",
                Map.of("grant_type", "client_credentials"), "Authorization", Http.basic(id, secret));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("access_token").asText();
    }

    private static void assertSignedOut(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
