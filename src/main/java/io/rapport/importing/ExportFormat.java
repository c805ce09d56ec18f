package io.rapport.importing;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** File formats of exports. */
public enum ExportFormat {
    CSV("text/csv", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The format named by its extension ({@code csv}, {@code xlsx}), in any case. */
    public static ExportFormat of(String name) {
        for (ExportFormat f : values()) {
            if (f.extension.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The export format '" + name + "' is not one of "
                + Arrays.stream(values()).map(f -> f.extension).collect(Collectors.joining(", ")) + ".");
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
