package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Dataverse's service protection limits over real HTTP with low limits: the number of requests per user in the
 * window (429, 0x80072322, Retry-After up to the window's end) and concurrent requests per user (429, 0x80072326,
 * Retry-After); a refused request does not count, and other users are unaffected. The combined execution time is
 * proven over HTTP by {@link QueryTimeLimitsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"rapport.webapi.rate-limit-requests=30", "rapport.webapi.rate-limit-window=5m",
        "rapport.webapi.concurrency-limit=1"})
abstract class ServiceProtectionHttpTest {

    @OnH2
    static class H2 extends ServiceProtectionHttpTest {
    }

    @OnPostgres
    static class Postgres extends ServiceProtectionHttpTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    Principals people;

    @BeforeAll
    void people() {
        people = new Principals(org);
    }

    private ApiClient user(String name) {
        UUID id = people.user(name, people.rootUnit(), "Salesperson");
        return new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(id) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRequestsOverTheLimitOfTheWindowGet429WithRetryAfter() {
        ApiClient carol = user("carol");
        ApiClient dave = user("dave");
        for (int i = 0; i < 30; i++) {
            assertThat(carol.get("WhoAmI()").status()).as("request %d", i + 1).isEqualTo(200);
        }
        Response refused = carol.get("WhoAmI()");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("0x80072322");
        assertThat(refused.errorMessage()).contains("Number of requests exceeded the limit of 30");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(carol.get("WhoAmI()").status()).isEqualTo(429);
        assertThat(dave.get("WhoAmI()").status()).isEqualTo(200);
    }

    @Test
    void aSecondRequestWhileTheFirstRunsGets429AndTheUserIsServedAgainAfterwards() {
        ApiClient erin = user("erin");
        ApiClient frank = user("frank");
        StringBuilder body = new StringBuilder("{\"Targets\":[");
        for (int i = 0; i < 1500; i++) {
            body.append(i == 0 ? "" : ",").append("{\"@odata.type\":\"Microsoft.Dynamics.CRM.contact\","
                    + "\"lastname\":\"Busy ").append(i).append("\"}");
        }
        String targets = body.append("]}").toString();
        List<Response> meanwhile = new ArrayList<>();
        Response created = null;
        // the first poll may take the user's one slot before the long request does; then that one is refused: again
        for (int attempt = 0; attempt < 5 && (created == null || created.status() == 429); attempt++) {
            meanwhile.clear();
            CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() ->
                    erin.post("contacts/Microsoft.Dynamics.CRM.CreateMultiple", targets));
            while (!slow.isDone()) {
                meanwhile.add(erin.get("WhoAmI()"));
                if (meanwhile.stream().anyMatch(r -> r.status() == 429)) {
                    assertThat(frank.get("WhoAmI()").status()).as("another user").isEqualTo(200);
                    break;
                }
            }
            created = slow.join();
        }
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Response refused = meanwhile.stream().filter(r -> r.status() == 429).findFirst().orElseThrow(() ->
                new AssertionError("no request was refused while CreateMultiple ran: " + meanwhile.size()));
        assertThat(refused.errorCode()).isEqualTo("0x80072326");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(erin.get("WhoAmI()").status()).isEqualTo(200);
    }
}
