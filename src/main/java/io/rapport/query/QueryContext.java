package io.rapport.query;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * Who runs a query and when: the caller's user, business unit and teams (for {@code EQUAL_USER_ID} and
 * friends), the time zone that relative dates are computed in, and the row access the caller has.
 */
public record QueryContext(UUID userId, UUID businessUnitId, Set<UUID> teamIds, ZoneId zone, Clock clock,
        RecordAccess access) {

    public QueryContext {
        teamIds = teamIds == null ? Set.of() : Set.copyOf(teamIds);
        zone = zone == null ? ZoneId.of("UTC") : zone;
        clock = clock == null ? Clock.systemUTC() : clock;
        access = access == null ? RecordAccess.UNRESTRICTED : access;
    }

    /** A context that sees every row, for platform work (cascades, duplicate checks, start-up). */
    public static QueryContext system(UUID userId) {
        return new QueryContext(userId, null, Set.of(), null, null, RecordAccess.UNRESTRICTED);
    }
}
