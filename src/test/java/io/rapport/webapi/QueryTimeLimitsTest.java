package io.rapport.webapi;

import static io.rapport.webapi.ApiClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 21, defect 3: a query that would pin a core for minutes is cancelled by the statement timeout and answers
 * Dataverse's SQL timeout error (400, never 5xx); a user whose requests ran longer in total than the execution-time
 * budget gets 429 with Retry-After and Dataverse's code, while another user is unaffected. Before the fix the
 * query ran on (past any test timeout) and nothing counted execution time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"rapport.query.statement-timeout=1s",
        "rapport.webapi.execution-time-limit=500ms"})
abstract class QueryTimeLimitsTest {

    @OnH2
    static class H2 extends QueryTimeLimitsTest {
    }

    @OnPostgres
    static class Postgres extends QueryTimeLimitsTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient alice;
    ApiClient bob;

    @BeforeAll
    void data() {
        for (int i = 0; i < 20; i++) {
            org.create(new Entity("account").set("name", "Slow " + i));
        }
        Principals principals = new Principals(org);
        UUID unit = principals.rootUnit();
        ApiClient api = new ApiClient(port);
        alice = api.withAuthorization(basic(principals.userName(principals.user("alice", unit, "Salesperson"))));
        bob = api.withAuthorization(basic(principals.userName(principals.user("bob", unit, "Salesperson"))));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + Principals.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Counts the rows of 20 accounts joined with themselves 8 times on a column they share: 20^9 rows. */
    private static String crossJoin() {
        String link = "<link-entity name='account' from='statecode' to='statecode' link-type='inner'/>";
        return "accounts?fetchXml=" + enc("<fetch aggregate='true'><entity name='account'>"
                + "<attribute name='accountid' aggregate='count' alias='n'/>" + link.repeat(8) + "</entity></fetch>");
    }

    @Test
    void aSlowQueryIsCancelledAndTheUserOverBudgetIsThrottled() {
        long start = System.nanoTime();
        Response r = alice.get(crossJoin());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("0x80044151");
        assertThat(r.errorMessage()).isEqualTo("Sql error: the query ran longer than the statement timeout and was "
                + "cancelled. Narrow the filter, join fewer tables or ask for fewer rows.");
        assertThat(millis).isBetween(1_000L, 20_000L);
        // the cancelled query ran at least a second: over the 0.5 s budget
        Response throttled = alice.get("accounts?$select=name&$top=1");
        assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("0x80072321");
        assertThat(throttled.errorMessage()).isEqualTo("Combined execution time of incoming requests exceeded limit "
                + "of 500 milliseconds over time window of 300 seconds. Decrease number of concurrent requests or "
                + "reduce the duration of requests and try again later.");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(240, 300);

        Response other = bob.get("accounts?$select=name&$filter=" + enc("startswith(name,'Slow ')"));
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(other.json().path("value").size()).isEqualTo(20);
    }
}
