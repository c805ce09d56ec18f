package io.rapport.importing;

import java.util.List;

/**
 * What a file looks like before importing it: the detected format, the header, a few rows and the mapping
 * proposed from the column names (display names in any language, or logical names).
 */
public record ImportPreview(String format, String encoding, String delimiter, List<String> headers,
        List<List<String>> sampleRows, int totalRows, List<ColumnMapping> proposedMapping) {
}
