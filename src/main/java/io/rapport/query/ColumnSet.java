package io.rapport.query;

import java.util.Arrays;
import java.util.List;

/** Which attributes to read: all of them, or the listed ones. */
public record ColumnSet(boolean allColumns, List<String> columns) {

    public ColumnSet {
        columns = columns == null ? List.of() : List.copyOf(columns);
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
}
