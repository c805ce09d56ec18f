package io.rapport.webapi.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;

/** Per-user request-rate and concurrency limits answer 429 with Dataverse's codes and Retry-After. */
class ServiceProtectionTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ApiRequest request = new ApiRequest("GET", "accounts", Map.of(), Map.of(), null, "http://x/",
            Map.of());

    private ServiceProtection protection(int requests, int concurrent, int trackedUsers) {
        return protection(requests, concurrent, trackedUsers, null);
    }

    private ServiceProtection protection(int requests, int concurrent, int trackedUsers, Duration budget) {
        return new ServiceProtection(new WebApiProperties(DataSize.ofMegabytes(1), requests, Duration.ofMinutes(5),
                concurrent, trackedUsers, budget), clock);
    }

    private static void as(String user) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(user, null,
                java.util.List.of()));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void requestsOverTheRateLimitGet429UntilTheWindowEnds() {
        ServiceProtection p = protection(3, 10, 100);
        as("alice");
        for (int i = 0; i < 3; i++) {
            assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
        }
        now.set(now.get().plusSeconds(100));
        ApiResponse refused = p.run(request, ApiResponse::noContent);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsEntry("Retry-After", "200");
        assertThat(refused.bodyText()).contains("\"code\":\"0x80072322\"")
                .contains("Number of requests exceeded the limit of 3 over time window of 300 seconds.");
        as("bob");
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
        as("alice");
        now.set(now.get().plusSeconds(200));
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
    }

    @Test
    void concurrentRequestsOverTheLimitGet429AndSlotsAreReleased() {
        ServiceProtection p = protection(100, 1, 100);
        as("carol");
        ApiResponse inner = p.run(request, () -> p.run(request, ApiResponse::noContent));
        assertThat(inner.status()).isEqualTo(429);
        assertThat(inner.headers()).containsEntry("Retry-After", "1");
        assertThat(inner.bodyText()).contains("0x80072326").contains("concurrent requests exceeded the limit of 1");
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
        // the slot must be released even when the work fails
        assertThatThrownBy(() -> p.run(request, () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
    }

    @Test
    void aUserOverTheExecutionTimeBudgetGets429UntilTheWindowEndsAndOthersAreUnaffected() {
        ServiceProtection p = protection(100, 10, 100, Duration.ofSeconds(3));
        as("dave");
        ApiResponse slow = p.run(request, () -> {
            now.set(now.get().plusSeconds(2));
            return ApiResponse.noContent();
        });
        assertThat(slow.status()).isEqualTo(204);
        // 2 of 3 seconds used: the next request runs, and crosses the budget
        assertThat(p.run(request, () -> {
            now.set(now.get().plusMillis(1500));
            return ApiResponse.noContent();
        }).status()).isEqualTo(204);
        ApiResponse refused = p.run(request, ApiResponse::noContent);
        assertThat(refused.status()).isEqualTo(429);
        // 3.5 s of the 300 s window have passed
        assertThat(refused.headers()).containsEntry("Retry-After", "297");
        assertThat(refused.bodyText()).contains("\"code\":\"0x80072321\"")
                .contains("Combined execution time of incoming requests exceeded limit of 3,000 milliseconds over "
                        + "time window of 300 seconds.");
        as("erin");
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
        as("dave");
        now.set(now.get().plusSeconds(297));
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
    }

    @Test
    void theMapOfUsersStaysBounded() {
        ServiceProtection p = protection(1, 10, 2);
        as("u1");
        p.run(request, ApiResponse::noContent);
        as("u2");
        p.run(request, ApiResponse::noContent);
        as("u3");
        p.run(request, ApiResponse::noContent);
        as("u1");
        // u1 was the least recently seen and was dropped, so its count starts again
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(204);
        as("u3");
        assertThat(p.run(request, ApiResponse::noContent).status()).isEqualTo(429);
    }
}
