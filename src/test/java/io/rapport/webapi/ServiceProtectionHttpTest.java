package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Dataverse's service protection limits over real HTTP with low limits: the number of requests per user in the
 * window (429, 0x80072322, Retry-After up to the window's end) and concurrent requests per user (429, 0x80072326,
 * Retry-After); a refused request does not count, and other users are unaffected. The combined execution time is
 * proven over HTTP by {@link QueryTimeLimitsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ServiceProtectionHttpTest.Holding.class)
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
    void aSecondRequestWhileTheFirstRunsGets429AndTheUserIsServedAgainAfterwards() throws Exception {
        ApiClient erin = user("erin");
        ApiClient frank = user("frank");
        Holding.entered = new CountDownLatch(1);
        Holding.release = new CountDownLatch(1);
        CompletableFuture<Response> held;
        try {
            held = CompletableFuture.supplyAsync(() -> erin.post("contacts", "{\"lastname\":\"" + Holding.NAME + "\"}"));
            assertThat(Holding.entered.await(20, TimeUnit.SECONDS)).as("the first request reached the pipeline")
                    .isTrue();
            Response refused = erin.get("WhoAmI()");
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("0x80072326");
            assertThat(refused.errorMessage()).contains("concurrent");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(frank.get("WhoAmI()").status()).as("another user").isEqualTo(200);
        } finally {
            Holding.release.countDown();
        }
        Response created = held.get(20, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        assertThat(erin.get("WhoAmI()").status()).isEqualTo(200);
    }

    /**
     * Holds a contact create named {@link #NAME} inside the pipeline while a test polls, so that the request is
     * provably running on the server (its concurrency slot taken) when the second one arrives.
     */
    @TestConfiguration
    static class Holding {
        static final String NAME = "Held by ServiceProtectionHttpTest";
        static volatile CountDownLatch entered;
        static volatile CountDownLatch release;

        @Bean
        Plugin holdingPlugin() {
            return new Holder();
        }
    }

    @PluginStep(messages = "Create", entity = "contact", stage = Stage.PRE_OPERATION)
    static class Holder implements Plugin {
        @Override
        public void execute(PluginContext context) {
            CountDownLatch release = Holding.release;
            if (release == null || !Holding.NAME.equals(context.target().getString("lastname"))) {
                return;
            }
            Holding.entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
