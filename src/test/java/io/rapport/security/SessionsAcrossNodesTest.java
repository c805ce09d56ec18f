package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.jobs.JobRun;
import io.rapport.jobs.RecurringJob;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.EntityReference;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Web sessions are kept in the database (Spring Session JDBC): a person signed in through one node is served by the
 * other with the same cookie, signing out on one node ends the session on both, the sign-in still replaces the
 * session (fixation protection), the timeout is still 30 minutes, an expired session is refused and removed by the
 * cleanup job, and a node that stops signs nobody out. On H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SessionsAcrossNodesTest {

    static class H2 extends SessionsAcrossNodesTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.h2();
        }
    }

    static class Postgres extends SessionsAcrossNodesTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.postgres();
        }
    }

    abstract Map<String, String> database();

    private static final String PASSWORD = "correct horse battery";
    private static final String BROWSER = "text/html,*/*;q=0.8";
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;
    private OrganizationService org;
    private JdbcTemplate jdbc;

    @BeforeAll
    void start() {
        Map<String, String> db = database();
        nodeA = AppInstances.start(db);
        nodeB = AppInstances.start(db);
        org = nodeA.getBean(OrganizationService.class);
        jdbc = nodeB.getBean(JdbcTemplate.class);
    }

    @AfterAll
    void stop() {
        nodeB.close();
        if (nodeA.isActive()) {
            nodeA.close();
        }
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    /** A salesperson with a password; returns the user name. */
    private String salesperson(String name, UUID[] id) {
        SecurityFixture f = new SecurityFixture(org);
        UUID person = f.user(name, f.rootUnit(), "Salesperson");
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", person),
                Map.of("Password", PASSWORD)));
        id[0] = person;
        return name + "-" + f.run;
    }

    private int sessionsOf(String username) {
        return jdbc.queryForObject("select count(*) from sys_http_session where principal_name = ?", Integer.class,
                username);
    }

    private static void assertSignedOut(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    @Order(1)
    void aSessionStartedOnOneNodeIsServedByTheOtherAndSignOutOnEitherEndsItOnBoth() {
        UUID[] id = new UUID[1];
        String name = salesperson("roam", id);
        Http onA = new Http(port(nodeA));
        onA.get("/login");
        String before = onA.cookies().get("JSESSIONID");
        assertThat(before).as("the sign-in page starts a session for its CSRF token").isNotNull();
        HttpResponse<String> signedIn = onA.signIn(name, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String after = onA.cookies().get("JSESSIONID");
        assertThat(after).as("signing in replaces the session (fixation protection)").isNotNull().isNotEqualTo(before);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID=")
                && c.contains("HttpOnly") && c.contains("SameSite=Lax"));
        assertThat(sessionsOf(name)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select max_inactive_interval from sys_http_session where principal_name = ?",
                Integer.class, name)).as("the timeout stays 30 minutes").isEqualTo(1800);

        HttpResponse<String> meOnA = onA.get("/test/whoami", "Accept", BROWSER);
        assertThat(meOnA.statusCode()).isEqualTo(200);
        assertThat(meOnA.body()).contains(id[0].toString());
        Http onB = onA.at(port(nodeB));
        HttpResponse<String> meOnB = onB.get("/test/whoami", "Accept", BROWSER);
        assertThat(meOnB.statusCode()).isEqualTo(200);
        assertThat(meOnB.body()).contains(id[0].toString());

        String csrf = Http.csrf(onB.get("/login").body());
        HttpResponse<String> out = onB.postForm("/logout", Map.of("_csrf", csrf), "Accept", BROWSER);
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(sessionsOf(name)).isZero();
        // the old cookie, replayed on the node where it was made, no longer signs anybody in
        Http replay = new Http(port(nodeA));
        HttpResponse<String> again = replay.get("/test/whoami", "Accept", BROWSER, "Cookie", "JSESSIONID=" + after);
        assertSignedOut(again);
    }

    @Test
    @Order(2)
    void anExpiredSessionIsRefusedEverywhereAndRemovedByTheCleanupJob() throws Exception {
        UUID[] id = new UUID[1];
        String name = salesperson("idle", id);
        Http onA = new Http(port(nodeA));
        assertThat(onA.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(onA.get("/test/whoami", "Accept", BROWSER).statusCode()).isEqualTo(200);
        long thirtyOneMinutesAgo = System.currentTimeMillis() - 31 * 60_000L;
        jdbc.update("update sys_http_session set last_access_time = ?, expiry_time = ? where principal_name = ?",
                thirtyOneMinutesAgo, thirtyOneMinutesAgo + 1_800_000L, name);
        assertSignedOut(onA.at(port(nodeB)).get("/test/whoami", "Accept", BROWSER));
        assertSignedOut(onA.get("/test/whoami", "Accept", BROWSER));

        Http other = new Http(port(nodeB));
        assertThat(other.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        jdbc.update("update sys_http_session set expiry_time = ? where principal_name = ?", thirtyOneMinutesAgo, name);
        RecurringJob cleanup = nodeB.getBeansOfType(RecurringJob.class).values().stream()
                .filter(j -> j.name().equals("http-session-cleanup")).findFirst().orElseThrow();
        cleanup.run(new JobRun("recurring", 1));
        assertThat(sessionsOf(name)).isZero();
    }

    @Test
    @Order(3)
    void aNodeThatStopsSignsNobodyOut() {
        UUID[] id = new UUID[1];
        String name = salesperson("stay", id);
        Http onA = new Http(port(nodeA));
        assertThat(onA.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(onA.get("/test/whoami", "Accept", BROWSER).statusCode()).isEqualTo(200);
        Http onB = onA.at(port(nodeB));
        nodeA.close();
        HttpResponse<String> me = onB.get("/test/whoami", "Accept", BROWSER);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains(id[0].toString());
    }
}
