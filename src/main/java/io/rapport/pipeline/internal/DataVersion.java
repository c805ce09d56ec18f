package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.time.Instant;

/**
 * The position a delta token ({@code DataVersion}, {@code $deltatoken}) stands for: every change up to {@code safe}
 * was delivered (taken at {@code safeTime}); a pass over the changes after it is under way up to {@code cursor}, and
 * will move the safe point to {@code watermark} (taken at {@code watermarkTime}) when it ends. Written as
 * {@code safe!safeTime!cursor!watermark!watermarkTime} (times in epoch milliseconds); {@code safe} is -1 during the
 * first pass.
 */
record DataVersion(long safe, long safeTime, long cursor, long watermark, long watermarkTime) {

    /** A first (full) pass, for a client that has nothing yet: deletions are of no interest to it. */
    boolean initial() {
        return safe < 0;
    }

    String format() {
        return safe + "!" + safeTime + "!" + cursor + "!" + watermark + "!" + watermarkTime;
    }

    Instant safeInstant() {
        return Instant.ofEpochMilli(safeTime);
    }

    static DataVersion parse(String token) {
        String[] parts = token.split("!", -1);
        if (parts.length != 5) {
            throw malformed(token);
        }
        try {
            long[] v = new long[5];
            for (int i = 0; i < 5; i++) {
                v[i] = Long.parseLong(parts[i]);
            }
            if (v[0] < -1 || v[2] < v[0] || v[3] < v[0]) {
                throw malformed(token);
            }
            return new DataVersion(v[0], v[1], v[2], v[3], v[4]);
        } catch (NumberFormatException e) {
            throw malformed(token);
        }
    }

    private static RapportException malformed(String token) {
        return new RapportException(ErrorCode.EXPIRED_VERSION_STAMP, "The data version (delta token) '" + token
                + "' is not valid. Please perform a full sync: query again without a data version.");
    }

    static RapportException expired() {
        return new RapportException(ErrorCode.EXPIRED_VERSION_STAMP,
                "Version stamp associated with the client has expired. Please perform a full sync.");
    }
}
