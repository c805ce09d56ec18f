package io.rapport.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Starts, follows and cancels imports; the work runs in the background on whichever node claims it. */
public interface ImportService {

    /** Reads the file's format, header and first rows and proposes a mapping onto the entity. */
    ImportPreview preview(String entityName, String fileName, byte[] content);

    /**
     * Stores the file and queues the import as the current caller; {@code mapping} null uses the proposed one.
     *
     * @return the queued job
     */
    ImportJob start(String entityName, String fileName, byte[] content, List<ColumnMapping> mapping,
            ImportOptions options);

    /**
     * Stores the file as a draft with the proposed mapping, for a person to review before it runs; drafts never
     * submitted are removed after a day.
     */
    ImportJob stage(String entityName, String fileName, byte[] content);

    /** The header, first rows and current mapping of a draft (or any import) the caller started. */
    ImportPreview preview(UUID id);

    /** Queues a draft with the reviewed mapping ({@code null}: the proposed one) and options. */
    ImportJob submit(UUID id, List<ColumnMapping> mapping, ImportOptions options);

    /** Names of the saved data maps for an entity. */
    List<String> dataMaps(String entityName);

    /** The job, if the caller started it. */
    Optional<ImportJob> job(UUID id);

    /** The current caller's imports, newest first. */
    List<ImportJob> recent(int page, int pageSize);

    /** Asks the job to stop after its current batch. */
    void cancel(UUID id);

    /** The rejected rows, one page at a time, by line number. */
    List<ImportError> errors(UUID id, int page, int pageSize);

    /** Writes every rejected row as CSV (line, column, reason, values), streaming. */
    void writeErrorReport(UUID id, OutputStream out) throws IOException;

    /** The mapping saved under a name, if any. */
    Optional<List<ColumnMapping>> dataMap(String name);
}
