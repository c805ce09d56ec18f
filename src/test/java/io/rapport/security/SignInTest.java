package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Form sign-in with sessions and CSRF, lockout after repeated failures (default 5), and the audit of sign-ins,
 * failures and lockouts in the user's history.
 */
abstract class SignInTest {

    @OnH2
    static class H2 extends SignInTest {
    }

    @OnPostgres
    static class Postgres extends SignInTest {
    }

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    OrganizationService org;

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    private UUID person(SecurityFixture f, String name) {
        UUID user = f.user(name, f.rootUnit(), SecurityFixture.OWN_RECORDS);
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", user),
                Map.of("Password", PASSWORD)));
        return user;
    }

    @Test
    void formSignInNeedsTheCsrfTokenStartsASessionAndIsAudited() {
        SecurityFixture f = new SecurityFixture(org);
        UUID user = person(f, "form");
        Http browser = new Http(port);
        HttpResponse<String> withoutToken = browser.postForm("/login", Map.of("username", "form-" + f.run,
                "password", PASSWORD));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> signedIn = browser.signIn("form-" + f.run, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(signedIn.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID")
                && c.contains("HttpOnly") && c.contains("SameSite=Lax"));
        HttpResponse<String> me = browser.get("/test/whoami");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(user.toString());
        assertThat(operations(user)).contains("SignIn");
    }

    @Test
    void apiCallsWithTheirOwnCredentialsLeaveNoSessionBehind() {
        SecurityFixture f = new SecurityFixture(org);
        UUID user = person(f, "stateless");
        HttpResponse<String> me = new Http(port).get("/api/test/whoami", "Authorization",
                Http.basic("stateless-" + f.run, PASSWORD));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(user.toString());
        // a session per API call would pile up on the server and tie clients to one node
        assertThat(me.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }

    @Test
    void repeatedFailuresLockTheAccountUntilAnAdministratorSetsANewPassword() {
        SecurityFixture f = new SecurityFixture(org);
        UUID user = person(f, "locked");
        Http api = new Http(port);
        String name = "locked-" + f.run;
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/test/whoami", "Authorization", Http.basic(name, "wrong " + i)).statusCode())
                    .isEqualTo(401);
        }
        assertThat(api.get("/api/test/whoami", "Authorization", Http.basic(name, PASSWORD)).statusCode())
                .as("locked even with the right password").isEqualTo(401);
        assertThat(new Http(port).signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .contains("error");
        List<String> ops = operations(user);
        assertThat(ops.stream().filter("SignInFailed"::equals).count()).isGreaterThanOrEqualTo(5);
        assertThat(ops).contains("LockedOut");

        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", user),
                Map.of("Password", PASSWORD + "!")));
        assertThat(api.get("/api/test/whoami", "Authorization", Http.basic(name, PASSWORD + "!")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aFailureForAnUnknownUserIsAuditedToo() {
        String ghost = "ghost-" + UUID.randomUUID();
        assertThat(new Http(port).get("/api/test/whoami", "Authorization", Http.basic(ghost, "x")).statusCode())
                .isEqualTo(401);
        assertThat(audit.history("systemuser", new UUID(0, 0), 1, 500)).anySatisfy(e -> {
            assertThat(e.operation()).isEqualTo("SignInFailed");
            assertThat(e.changes().get("username").newValue()).isEqualTo(ghost);
            assertThat(e.channel()).isEqualTo("API");
        });
    }

    private List<String> operations(UUID user) {
        return audit.history("systemuser", user, 1, 100).stream().map(AuditEntry::operation).toList();
    }
}
