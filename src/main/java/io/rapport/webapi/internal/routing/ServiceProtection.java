package io.rapport.webapi.internal.routing;

import io.rapport.error.ErrorCode;
import io.rapport.webapi.internal.errors.ApiErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dataverse-style service protection, per user and per node: a request-rate limit and a combined execution-time
 * limit over a fixed window, and a limit of concurrent requests, all answered with 429, the Dataverse error code
 * and {@code Retry-After}. Execution time is counted when a request ends, so the request that crosses the budget
 * completes and the user's next one is refused until the window ends. The counters
 * live in memory in a map bounded by {@code rapport.webapi.tracked-users} (least recently seen users are dropped),
 * so with several nodes each node enforces the limits on the requests it serves, as Dataverse does per server.
 */
@Component
public class ServiceProtection {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProtection.class);

    /** The counters of one user. */
    private static final class Usage {
        long windowStart;
        int requests;
        int running;
        long executionMillis;
    }

    private final WebApiProperties properties;
    private final Clock clock;
    private final Map<String, Usage> users;

    ServiceProtection(WebApiProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        int max = properties.trackedUsers();
        this.users = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Usage> eldest) {
                return size() > max && eldest.getValue().running == 0;
            }
        };
    }

    ApiResponse run(ApiRequest request, Supplier<ApiResponse> work) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String user = auth == null ? "anonymous" : auth.getName();
        ApiResponse refused = acquire(user);
        if (refused != null) {
            LOG.info("webapi.throttled user={} method={} path={} status=429", user, request.method(), request.path());
            return refused;
        }
        long start = clock.millis();
        try {
            return work.get();
        } finally {
            release(user, Math.max(0, clock.millis() - start));
        }
    }

    private synchronized ApiResponse acquire(String user) {
        long now = Instant.now(clock).toEpochMilli();
        long window = properties.rateLimitWindow().toMillis();
        Usage u = users.computeIfAbsent(user, k -> new Usage());
        if (now - u.windowStart >= window) {
            u.windowStart = now;
            u.requests = 0;
            u.executionMillis = 0;
        }
        if (u.running >= properties.concurrencyLimit()) {
            return ApiErrors.body(ErrorCode.CONCURRENCY_LIMIT_EXCEEDED, "Number of concurrent requests exceeded "
                    + "the limit of " + properties.concurrencyLimit() + ".").header("Retry-After", "1");
        }
        if (u.requests >= properties.rateLimitRequests()) {
            long retry = Math.max(1, (u.windowStart + window - now + 999) / 1000);
            return ApiErrors.body(ErrorCode.RATE_LIMIT_EXCEEDED, "Number of requests exceeded the limit of "
                    + properties.rateLimitRequests() + " over time window of " + window / 1000 + " seconds.")
                    .header("Retry-After", Long.toString(retry));
        }
        long budget = properties.executionTimeLimit().toMillis();
        if (u.executionMillis >= budget) {
            long retry = Math.max(1, (u.windowStart + window - now + 999) / 1000);
            return ApiErrors.body(ErrorCode.EXECUTION_TIME_LIMIT_EXCEEDED, String.format(Locale.ROOT,
                    "Combined execution time of incoming requests exceeded limit of %,d milliseconds over time "
                    + "window of %d seconds. Decrease number of concurrent requests or reduce the duration of "
                    + "requests and try again later.", budget, window / 1000))
                    .header("Retry-After", Long.toString(retry));
        }
        u.requests++;
        u.running++;
        return null;
    }

    private synchronized void release(String user, long elapsedMillis) {
        Usage u = users.get(user);
        if (u != null && u.running > 0) {
            u.running--;
            u.executionMillis += elapsedMillis;
        }
    }
}
