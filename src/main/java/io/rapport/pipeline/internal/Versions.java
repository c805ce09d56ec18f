package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.record.Entity;
import java.util.Objects;

/** Optimistic concurrency: the row version a client expects against the record's. */
final class Versions {

    private Versions() {
    }

    static void check(Entity pre, Long expected) {
        if (expected != null && !Objects.equals(expected, pre.get("versionnumber"))) {
            throw mismatch();
        }
    }

    static RapportException mismatch() {
        return new RapportException(ErrorCode.CONCURRENCY_VERSION_MISMATCH,
                "The version of the existing record doesn't match the RowVersion property provided.");
    }
}
