package io.rapport.query;

import java.util.Arrays;
import java.util.List;

/**
 * Which attributes to read: all of them, or the listed ones. Write-only attributes (a mailbox's passwords) are never
 * part of "all", and a listed one is read only when the set says {@code secrets}, which no parser of a client's
 * query sets and the pipeline allows only to the system user's own jobs.
 */
public record ColumnSet(boolean allColumns, List<String> columns, boolean secrets) {

    public ColumnSet {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    public ColumnSet(boolean allColumns, List<String> columns) {
        this(allColumns, columns, false);
    }

    public static ColumnSet all() {
        return new ColumnSet(true, List.of());
    }

    public static ColumnSet of(String... columns) {
        return new ColumnSet(false, Arrays.asList(columns));
    }

    public static ColumnSet of(List<String> columns) {
        return new ColumnSet(false, columns);
    }

    public static ColumnSet none() {
        return new ColumnSet(false, List.of());
    }

    /** The same columns with the write-only ones among them read too (system jobs only; see the class comment). */
    public ColumnSet withSecrets() {
        return new ColumnSet(allColumns, columns, true);
    }
}
