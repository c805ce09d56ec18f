package io.rapport.webapi.internal.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Web API settings.
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 * @param rateLimitRequests how many requests one user may send per {@code rateLimitWindow} on one node
 * @param rateLimitWindow the window of the request-rate limit
 * @param concurrencyLimit how many requests of one user may run at once on one node
 * @param trackedUsers how many users the limits remember at most per node (oldest windows dropped first)
 * @param executionTimeLimit the combined time one user's requests may run per {@code rateLimitWindow} on one node
 */
@ConfigurationProperties("rapport.webapi")
public record WebApiProperties(DataSize maxRequestSize, Integer rateLimitRequests, Duration rateLimitWindow,
        Integer concurrencyLimit, Integer trackedUsers, Duration executionTimeLimit) {

    public WebApiProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(16) : maxRequestSize;
        rateLimitRequests = rateLimitRequests == null ? 6000 : rateLimitRequests;
        rateLimitWindow = rateLimitWindow == null ? Duration.ofMinutes(5) : rateLimitWindow;
        concurrencyLimit = concurrencyLimit == null ? 52 : concurrencyLimit;
        trackedUsers = trackedUsers == null ? 10_000 : trackedUsers;
        executionTimeLimit = executionTimeLimit == null ? Duration.ofMinutes(20) : executionTimeLimit;
    }
}
