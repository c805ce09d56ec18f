package io.rapport.cluster;

import java.util.function.Supplier;

/**
 * Reads that may go to a PostgreSQL streaming replica ({@code rapport.datasource.replica.url}): exports, dashboards
 * and aggregate queries, whose cost would otherwise fall on the primary. A read goes to the replica only once the
 * replica has replayed everything the primary had written when the read began, so that nobody misses their own
 * writes (or anyone's committed before); when the replica lags longer than {@code rapport.datasource.replica.max-wait}
 * the read runs on the primary. Without a replica, or inside a transaction (whose connection is already taken), the
 * work simply runs.
 */
public interface ReplicaReads {

    <T> T read(Supplier<T> work);
}
