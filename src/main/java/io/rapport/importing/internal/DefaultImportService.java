package io.rapport.importing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.importing.ColumnMapping;
import io.rapport.importing.ImportError;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportPreview;
import io.rapport.importing.ImportProperties;
import io.rapport.importing.ImportService;
import io.rapport.importing.ImportStatus;
import io.rapport.jobs.JobScheduler;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Ids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Stores uploads and queues jobs; reads progress and errors; saves data maps. */
@Service
class DefaultImportService implements ImportService {

    private static final int SAMPLE_ROWS = 5;
    private static final TypeReference<List<ColumnMapping>> MAPPING = new TypeReference<>() {
    };

    private final MetadataService metadata;
    private final CallerProvider callers;
    private final ImportJobRepository jobs;
    private final ImportFileStore files;
    private final TransactionTemplate tx;
    private final ImportProperties properties;
    private final DSLContext dsl;
    private final JobScheduler scheduler;
    private final ImportRunJob runJob;
    private final AccessChecker access;
    private final OrganizationService organization;
    private final ObjectMapper json = new ObjectMapper();

    DefaultImportService(MetadataService metadata, CallerProvider callers, ImportJobRepository jobs,
            ImportFileStore files, TransactionTemplate tx, ImportProperties properties, DSLContext dsl,
            @Lazy JobScheduler scheduler, ImportRunJob runJob, AccessChecker access, OrganizationService organization) {
        this.scheduler = scheduler;
        this.runJob = runJob;
        this.organization = organization;
        this.access = access;
        this.metadata = metadata;
        this.callers = callers;
        this.jobs = jobs;
        this.files = files;
        this.tx = tx;
        this.properties = properties;
        this.dsl = dsl;
    }

    @Override
    public ImportPreview preview(String entityName, String fileName, byte[] content) {
        EntityMetadata entity = metadata.snapshot().entity(entityName);
        FileShape shape = shape(fileName, content);
        Head head = head(shape, new ByteArrayInputStream(content), true);
        if (head.headers().isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The file is empty: it needs a header row.");
        }
        return new ImportPreview(shape.format(), shape.charset().name(), String.valueOf(shape.delimiter()),
                head.headers(), head.sample(), head.rows(), ColumnMatcher.propose(entity, head.headers()));
    }

    @Override
    public ImportJob start(String entityName, String fileName, byte[] content, List<ColumnMapping> mapping,
            ImportOptions options) {
        ImportPreview preview = preview(entityName, fileName, content);
        List<ColumnMapping> effective = mapping == null ? preview.proposedMapping() : mapping;
        checkMapping(entityName, effective);
        ImportOptions chosen = options == null ? ImportOptions.defaults() : options;
        UUID id = store(entityName, fileName, content, effective, chosen, preview.totalRows(), ImportStatus.QUEUED);
        return jobs.find(id).orElseThrow();
    }

    @Override
    public ImportJob stage(String entityName, String fileName, byte[] content) {
        ImportPreview preview = preview(entityName, fileName, content);
        UUID id = store(entityName, fileName, content, preview.proposedMapping(), ImportOptions.defaults(),
                preview.totalRows(), ImportStatus.DRAFT);
        return jobs.find(id).orElseThrow();
    }

    @Override
    public ImportPreview preview(UUID id) {
        ImportJobRepository.JobDefinition def = owned(id);
        FileShape shape = new FileShape(def.format(), Charset.forName(def.encoding()), def.delimiter().charAt(0));
        Head head;
        try (InputStream in = files.open(id)) {
            head = head(shape, in, false);
        } catch (IOException e) {
            throw unreadable(shape, e);
        }
        return new ImportPreview(shape.format(), shape.charset().name(), String.valueOf(shape.delimiter()),
                head.headers(), head.sample(), def.job().totalRows(), read(def.mapping()));
    }

    @Override
    public ImportJob submit(UUID id, List<ColumnMapping> mapping, ImportOptions options) {
        ImportJobRepository.JobDefinition def = owned(id);
        if (def.job().status() != ImportStatus.DRAFT) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "This import has already been started.");
        }
        List<ColumnMapping> effective = mapping == null ? read(def.mapping()) : mapping;
        String entityName = def.job().entityName();
        checkMapping(entityName, effective);
        ImportOptions chosen = options == null ? ImportOptions.defaults() : options;
        tx.executeWithoutResult(s -> {
            if (!jobs.queueDraft(id, write(effective), write(chosen))) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "This import has already been started.");
            }
            saveDataMap(chosen, entityName, effective);
            scheduleRun(id);
        });
        return jobs.find(id).orElseThrow();
    }

    @Override
    public List<String> dataMaps(String entityName) {
        return dsl.select(ImportTables.MAP_NAME).from(ImportTables.MAP).where(ImportTables.ENTITY.eq(entityName))
                .orderBy(ImportTables.MAP_NAME).limit(200).fetch(ImportTables.MAP_NAME);
    }

    /**
     * Every column names its place in the file, every mapped attribute exists on the entity, and at least one column
     * is mapped.
     */
    private void checkMapping(String entityName, List<ColumnMapping> mapping) {
        EntityMetadata entity = metadata.snapshot().entity(entityName);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ColumnMapping m : mapping) {
            if (m == null || m.column() < 0) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "Each column of the mapping needs its column "
                        + "number in the file, 0 or more.");
            }
            if (m.attribute() != null) {
                entity.attribute(m.attribute());
                if (!seen.add(m.attribute())) {
                    throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The attribute " + m.attribute()
                            + " is mapped from more than one column.", m.attribute());
                }
            }
        }
        if (mapping.stream().noneMatch(m -> m.attribute() != null)) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "No column of the file is mapped to an attribute of "
                    + entityName + ".");
        }
    }

    private UUID store(String entityName, String fileName, byte[] content, List<ColumnMapping> mapping,
            ImportOptions options, int totalRows, ImportStatus status) {
        Caller caller = callers.current();
        // rows are checked one by one as they are created; a caller who may create none is told at once
        organization.as(caller).checkPrivilege(entityName, Privilege.CREATE);
        UUID owner = caller.userId();
        UUID id = Ids.newId();
        FileShape shape = shape(fileName, content);
        tx.executeWithoutResult(s -> {
            files.save(id, content);
            jobs.insert(id, entityName, fileName, shape, owner, write(mapping), write(options), totalRows, status);
            if (status == ImportStatus.QUEUED) {
                saveDataMap(options, entityName, mapping);
                scheduleRun(id);
            }
        });
        return id;
    }

    /** Schedules the import's background run in the transaction that queues it: it runs only if the queue commits. */
    private void scheduleRun(UUID id) {
        scheduler.schedule(runJob, id.toString(), id.toString());
    }

    /**
     * The job if the caller started it (or runs unrestricted, as the system does); anyone else's import is "not
     * found", so its file and rejected rows stay private.
     */
    private ImportJobRepository.JobDefinition owned(UUID id) {
        ImportJobRepository.JobDefinition def = jobs.definition(id).orElse(null);
        Caller caller = callers.current();
        if (def == null || !(access.unrestricted(caller) || def.ownerId().equals(caller.userId()))) {
            throw RapportException.notFound("importjob", id);
        }
        return def;
    }

    private List<ColumnMapping> read(String mapping) {
        try {
            return json.readValue(mapping, MAPPING);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private FileShape shape(String fileName, byte[] content) {
        if (content.length > properties.maxFileBytes()) {
            throw new RapportException(ErrorCode.PAYLOAD_TOO_LARGE, "The file is larger than the "
                    + properties.maxFileBytes() / (1024 * 1024) + " MiB an import accepts.");
        }
        return FileShape.detect(fileName, Arrays.copyOf(content, Math.min(content.length, FileShape.sampleSize())));
    }

    /** The header row, the first rows and (when asked, reading the whole file) the number of data rows. */
    private record Head(List<String> headers, List<List<String>> sample, int rows) {
    }

    private static Head head(FileShape shape, InputStream in, boolean countRows) {
        List<String> headers = new ArrayList<>();
        List<List<String>> sample = new ArrayList<>();
        int[] rows = {0};
        try {
            TabularReader.read(shape, in, (line, values) -> {
                if (headers.isEmpty()) {
                    headers.addAll(values.stream().map(String::trim).toList());
                    return true;
                }
                rows[0]++;
                if (sample.size() < SAMPLE_ROWS) {
                    sample.add(values);
                }
                return countRows || sample.size() < SAMPLE_ROWS;
            });
        } catch (IOException | RuntimeException e) {
            throw unreadable(shape, e);
        }
        return new Head(headers, sample, rows[0]);
    }

    private static RapportException unreadable(FileShape shape, Exception e) {
        return new RapportException(ErrorCode.INVALID_ARGUMENT, "The file cannot be read as " + shape.format() + ": "
                + e.getMessage());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves the mapping under the options' data map name, if they name one. */
    private void saveDataMap(ImportOptions options, String entity, List<ColumnMapping> mapping) {
        if (options.dataMapName() == null || options.dataMapName().isBlank()) {
            return;
        }
        String name = options.dataMapName().trim();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        int updated = dsl.update(ImportTables.MAP).set(ImportTables.ENTITY, entity).set(ImportTables.MAPPING,
                write(mapping)).set(ImportTables.MODIFIED_ON, now).where(ImportTables.MAP_NAME.eq(name)).execute();
        if (updated == 0) {
            dsl.insertInto(ImportTables.MAP).set(ImportTables.MAP_NAME, name).set(ImportTables.ENTITY, entity)
                    .set(ImportTables.MAPPING, write(mapping)).set(ImportTables.MODIFIED_ON, now).execute();
        }
    }

    @Override
    public Optional<List<ColumnMapping>> dataMap(String name) {
        return dsl.select(ImportTables.MAPPING).from(ImportTables.MAP).where(ImportTables.MAP_NAME.eq(name))
                .fetchOptional(ImportTables.MAPPING).map(text -> {
                    try {
                        return json.readValue(text, MAPPING);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @Override
    public Optional<ImportJob> job(UUID id) {
        try {
            return Optional.of(owned(id).job());
        } catch (RapportException notFound) {
            return Optional.empty();
        }
    }

    @Override
    public List<ImportJob> recent(int page, int pageSize) {
        checkPage(page);
        return jobs.recent(callers.current().userId(), page, pageSize);
    }

    private static void checkPage(int page) {
        if (page < 1) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The page number must be 1 or more, not " + page
                    + ".");
        }
    }

    @Override
    public void cancel(UUID id) {
        owned(id);
        jobs.requestCancel(id);
        if (jobs.find(id).map(j -> j.status() == ImportStatus.CANCELLED).orElse(false)) {
            // cancelled before any node started it: nothing will read the file (a running job drops it itself)
            files.delete(id);
        }
    }

    @Override
    public List<ImportError> errors(UUID id, int page, int pageSize) {
        checkPage(page);
        owned(id);
        return jobs.errors(id, page, pageSize);
    }

    @Override
    public void writeErrorReport(UUID id, OutputStream out) throws IOException {
        owned(id);
        CsvWriter csv = CsvWriter.builder().build(out, StandardCharsets.UTF_8);
        csv.writeRecord("line", "column", "reason", "values");
        int page = 1;
        List<ImportError> errors;
        do {
            errors = jobs.errors(id, page++, 1000);
            for (ImportError e : errors) {
                // the file's own values (and column names, and reasons quoting them) may be formulas
                csv.writeRecord(Integer.toString(e.lineNumber()), defuse(e.column()), defuse(e.reason()),
                        defuse(e.rawValues()));
            }
        } while (errors.size() == 1000);
        csv.flush();
    }

    private static String defuse(String text) {
        return text == null ? "" : SpreadsheetText.defuse(text);
    }
}
