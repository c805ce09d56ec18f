package io.rapport.importing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The state and progress of one import. */
public record ImportJob(UUID id, String entityName, String fileName, ImportStatus status, int totalRows,
        int processedRows, int created, int updated, int skipped, int failed, String message, Instant createdOn,
        Instant startedOn, Instant finishedOn) {

    /** Rows handled per second since the job started, or 0 before it starts. */
    public double rowsPerSecond() {
        if (startedOn == null || processedRows == 0) {
            return 0;
        }
        Instant end = finishedOn != null ? finishedOn : Instant.now();
        double seconds = Math.max(0.001, Duration.between(startedOn, end).toMillis() / 1000.0);
        return processedRows / seconds;
    }

    /** Seconds until the end at the current rate, or -1 when unknown. */
    public long etaSeconds() {
        double rate = rowsPerSecond();
        if (status.isFinal()) {
            return 0;
        }
        return rate <= 0 ? -1 : Math.round((totalRows - processedRows) / rate);
    }

    public int percent() {
        return totalRows == 0 ? (status.isFinal() ? 100 : 0) : (int) Math.min(100, processedRows * 100L / totalRows);
    }
}
