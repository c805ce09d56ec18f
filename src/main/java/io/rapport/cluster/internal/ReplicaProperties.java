package io.rapport.cluster.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The optional read replica ({@code rapport.datasource.replica.*}).
 *
 * @param url JDBC URL of a PostgreSQL streaming replica of the primary; unset, every read goes to the primary
 * @param username defaults to {@code spring.datasource.username}
 * @param password defaults to {@code spring.datasource.password}
 * @param maximumPoolSize connections to the replica (default 4)
 * @param maxWait how long a read waits for the replica to catch up with the primary before it runs on the primary
 */
@ConfigurationProperties("rapport.datasource.replica")
record ReplicaProperties(String url, String username, String password, Integer maximumPoolSize, Duration maxWait) {

    ReplicaProperties {
        maximumPoolSize = maximumPoolSize == null ? 4 : maximumPoolSize;
        maxWait = maxWait == null ? Duration.ofMillis(200) : maxWait;
    }
}
