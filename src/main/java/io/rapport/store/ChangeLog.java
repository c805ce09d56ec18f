package io.rapport.store;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.QueryContext;
import io.rapport.query.RecordAccess.AccessRule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The store's side of change tracking: records that left an entity's tracked set (deleted, or no longer readable by
 * someone) kept as tombstones numbered from the row-version sequence, read back by version range through the
 * tombstone index (never a scan of the entity's table), and purged after their expiry.
 */
public interface ChangeLog {

    /** Why a record left the set a caller tracks. */
    enum RemovalKind {
        /** The record was deleted. */
        DELETED,
        /** The record exists but a principal lost access to it (owner changed, share revoked). */
        ACCESS
    }

    /** A tombstone as one caller sees it: the record's id and the version at which it left. */
    record Removal(UUID id, long version) {
    }

    /**
     * Writes a tombstone in the current transaction with the next row version. For {@code DELETED}, {@code principal}
     * and {@code businessUnit} are the record's owner and unit; for {@code ACCESS}, the principal that lost access and
     * its unit when it was the owner (null for a revoked share). No effect when the entity is not change tracked.
     */
    void recordRemoval(EntityMetadata entity, UUID id, RemovalKind kind, UUID principal, UUID businessUnit);

    /**
     * Writes, in the current transaction with the next row version, that a user's read access to an entity shrank
     * (a role removed, a team left, another business unit): {@code former} is the rule the user read the entity's
     * records by before. No effect when the entity is not change tracked.
     */
    void recordAccessLoss(EntityMetadata entity, UUID user, AccessRule former);

    /**
     * The tombstones of one entity after {@code afterVersion} and up to {@code upToVersion} that concern the caller,
     * oldest first, at most {@code limit}: every deletion, and an access removal when the caller could read the
     * record through the principal that lost it and cannot read it now; and, for each loss of the caller's own
     * access recorded in that range, every record the former rule admitted that the caller cannot read now (all at
     * that loss's version, in id order; such a group is never cut by the limit).
     */
    List<Removal> removals(EntityMetadata entity, long afterVersion, long upToVersion, int limit, QueryContext context);

    /** A row version higher than that of every row and tombstone written so far (a value of the sequence). */
    long nextVersion();

    /** Removes the tombstones written before {@code cutoff}; returns how many. */
    int purge(Instant cutoff);

    /** Takes a watermark sample (the sequence's next value at {@code now}), writes it down and returns it. */
    Watermark sampleWatermark(Instant now);

    /** A watermark sample: at {@code takenOn} the sequence stood at {@code version}. */
    record Watermark(long version, Instant takenOn) {
    }

    /** The newest sample taken at or before {@code notAfter}, or {@code null} when there is none. */
    Watermark watermark(Instant notAfter);

    /** When the newest sample was taken, or {@code null}. */
    Instant lastSample();

    /** Removes the samples taken before {@code cutoff} except the newest one. */
    void purgeWatermarks(Instant cutoff);
}
