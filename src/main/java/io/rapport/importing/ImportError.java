package io.rapport.importing;

/** A rejected row: its line in the file, the column at fault (if one is), the reason and the raw values. */
public record ImportError(int lineNumber, String column, String reason, String rawValues) {
}
