package io.rapport.importing;

import io.rapport.query.QueryExpression;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every row of a query (its filter, columns and order; all pages) as the current caller sees it, with
 * column headers and formatted values in the caller's language. Pages are read and written one at a time, so
 * memory stays flat whatever the number of rows.
 */
public interface ExportService {

    /**
     * Checks that the query's entity, columns and order exist, so that a bad export is refused with an error before
     * a byte of the file is sent rather than cut off after the response started.
     */
    void check(QueryExpression query);

    /** @return the number of rows written */
    long export(QueryExpression query, ExportFormat format, OutputStream out) throws IOException;

    /** The same in the given language (headers, option labels, sheet name) rather than the caller's. */
    long export(QueryExpression query, ExportFormat format, java.util.Locale locale, OutputStream out)
            throws IOException;
}
