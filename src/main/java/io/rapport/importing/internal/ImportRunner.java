package io.rapport.importing.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.error.RapportException;
import io.rapport.importing.ColumnMapping;
import io.rapport.importing.DuplicateHandling;
import io.rapport.importing.ImportError;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportProperties;
import io.rapport.importing.ImportStatus;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed import job from its checkpoint (for {@link ImportRunJob}): rows are read in order, mapped, checked
 * for duplicates and written through the pipeline as the job's owner, a batch per transaction with a savepoint per
 * row, so a bad row is rolled back alone and lands in the error report while the checkpoint moves with the batch.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final TypeReference<List<ColumnMapping>> MAPPING = new TypeReference<>() {
    };

    private final ImportJobRepository jobs;
    private final ImportFileStore files;
    private final OrganizationService organization;
    private final CallerProvider callers;
    private final MetadataService metadata;
    private final TransactionTemplate batchTx;
    private final TransactionTemplate rowTx;
    private final ImportProperties properties;
    private final ObjectMapper json = new ObjectMapper();

    ImportRunner(ImportJobRepository jobs, ImportFileStore files, OrganizationService organization,
            CallerProvider callers, MetadataService metadata, PlatformTransactionManager transactions,
            ImportProperties properties) {
        this.jobs = jobs;
        this.files = files;
        this.organization = organization;
        this.callers = callers;
        this.metadata = metadata;
        this.batchTx = new TransactionTemplate(transactions);
        this.rowTx = new TransactionTemplate(transactions);
        this.rowTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.properties = properties;
    }

    /** A row waiting in the current batch. */
    private record Pending(int line, List<String> values) {
    }

    /**
     * Where one run's wall time went, in nanoseconds (logged when the run ends, beside the run's whole time, whose
     * remainder is reading and parsing the file): mapping rows to records, the duplicate-rule check, the
     * CreateMultiple calls, and each batch from its start to its commit (checks, duplicates, writes, error rows,
     * checkpoint, commit); with the rows read and the records created.
     */
    static final class Timings {
        long rows;
        long created;
        long mapping;
        long duplicates;
        long createMultiple;
        long batches;

        @Override
        public String toString() {
            return "rows=" + rows + " created=" + created + " batchesMs=" + batches / 1_000_000 + " mappingMs="
                    + mapping / 1_000_000 + " duplicatesMs=" + duplicates / 1_000_000 + " createMultipleMs="
                    + createMultiple / 1_000_000;
        }
    }

    /**
     * Runs a job claimed by {@code token} until the file ends, the job is cancelled, {@code stopping} says this node
     * shuts down (the job goes back to the queue at its checkpoint), or another attempt claimed it. A refusal by
     * Rapport (the entity or the owner is gone...) fails the job; anything else is thrown for the job scheduler to
     * retry from the checkpoint.
     */
    Outcome run(UUID id, String token, BooleanSupplier stopping) {
        ImportJobRepository.JobDefinition def = jobs.definition(id).orElseThrow();
        Outcome outcome;
        Timings timings = new Timings();
        long started = System.nanoTime();
        try {
            outcome = process(def, token, stopping, timings);
        } catch (RapportException e) {
            log.warn("Import job refused job={} code={}", id, e.code(), e);
            // the person sees Rapport's own messages; anything else (a database error shows its SQL) stays in the log
            jobs.finish(id, token, ImportStatus.FAILED, "The import stopped: " + e.getMessage());
            return Outcome.FAILED;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        switch (outcome) {
            case DONE -> finish(id, token, ImportStatus.COMPLETED);
            case CANCELLED -> finish(id, token, ImportStatus.CANCELLED);
            case STOPPED -> jobs.release(id, token);
            default -> log.warn("Import job taken over by another attempt job={} node={}", id, token);
        }
        log.info("Import job ended job={} outcome={} ms={} {}", id, outcome, (System.nanoTime() - started) / 1_000_000,
                timings);
        return outcome;
    }

    /**
     * Ends the job (still claimed by this attempt) and drops its uploaded file: the counts and the rejected rows (with
     * their raw values) stay, the purchased list itself is not kept once nothing will read it again. A failed job
     * keeps its file.
     */
    private void finish(UUID id, String token, ImportStatus status) {
        if (jobs.finish(id, token, status, null)) {
            files.delete(id);
        }
    }

    /** How a run ended: the file done, cancelled, stopped with its node, claimed by another attempt, refused. */
    enum Outcome { DONE, CANCELLED, STOPPED, LOST, FAILED }

    private Outcome process(ImportJobRepository.JobDefinition def, String node, BooleanSupplier stopping,
            Timings timings) throws IOException {
        UUID id = def.job().id();
        Caller caller = callers.forUser(def.ownerId(), Channel.IMPORT);
        OrganizationService org = organization.as(caller);
        MetadataSnapshot snapshot = metadata.snapshot();
        EntityMetadata entity = snapshot.entity(def.job().entityName());
        ImportOptions options = json.readValue(def.options(), ImportOptions.class);
        List<ColumnMapping> mapping = json.readValue(def.mapping(), MAPPING);
        LookupResolver lookups = new LookupResolver(org, snapshot, options.createMissingLookups());
        RowMapper mapper = new RowMapper(entity, mapping, new ValueParser(caller.language(), caller.zone()), lookups);
        // the rules are configuration, read whatever the importer's roles; existing records are matched as the
        // importer (check(org, ...)), so a record they cannot read is neither reported nor updated nor skipped
        DuplicateChecker duplicates = DuplicateChecker.load(organization.as(callers.system()), snapshot, entity);
        FileShape shape = new FileShape(def.format(), Charset.forName(def.encoding()), def.delimiter().charAt(0));
        int skip = def.job().processedRows();
        List<Pending> batch = new ArrayList<>();
        Outcome[] outcome = {Outcome.DONE};
        int[] dataRow = {0};
        boolean[] header = {true};
        try (InputStream in = files.open(id)) {
            TabularReader.read(shape, in, (line, values) -> {
                if (header[0]) {
                    header[0] = false;
                    return true;
                }
                if (++dataRow[0] <= skip) {
                    return true;
                }
                batch.add(new Pending(line, values));
                if (batch.size() < properties.batchSize()) {
                    return true;
                }
                outcome[0] = flush(id, node, stopping, org, mapper, lookups, duplicates, options, batch, timings);
                return outcome[0] == Outcome.DONE;
            });
        }
        if (outcome[0] == Outcome.DONE && !batch.isEmpty()) {
            outcome[0] = flush(id, node, stopping, org, mapper, lookups, duplicates, options, batch, timings);
        }
        return outcome[0];
    }

    private Outcome flush(UUID id, String node, BooleanSupplier stopping, OrganizationService org, RowMapper mapper,
            LookupResolver lookups, DuplicateChecker duplicates, ImportOptions options, List<Pending> batch,
            Timings timings) {
        long started = System.nanoTime();
        if (jobs.cancelRequested(id)) {
            return Outcome.CANCELLED;
        }
        if (stopping.getAsBoolean()) {
            return Outcome.STOPPED;
        }
        Boolean kept = batchTx.execute(status -> {
            jobs.relaxDurabilityOfBatch();
            ImportJobRepository.BatchCounts counts = writeBatch(id, org, mapper, lookups, duplicates, options, batch,
                    timings);
            if (!jobs.progress(id, node, counts)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        batch.clear();
        timings.batches += System.nanoTime() - started;
        return Boolean.TRUE.equals(kept) ? Outcome.DONE : Outcome.LOST;
    }

    private ImportJobRepository.BatchCounts writeBatch(UUID id, OrganizationService org, RowMapper mapper,
            LookupResolver lookups, DuplicateChecker duplicates, ImportOptions options, List<Pending> batch,
            Timings timings) {
        int created = 0;
        int updated = 0;
        int skipped = 0;
        int failed = 0;
        List<Entity> records = new ArrayList<>();
        List<Pending> mapped = new ArrayList<>();
        long mapping = System.nanoTime();
        for (Pending row : batch) {
            try {
                // mapping writes only when it creates missing lookups: only then does it need a savepoint
                records.add(options.createMissingLookups() ? rowTx.execute(s -> mapRow(mapper, row))
                        : mapRow(mapper, row));
                mapped.add(row);
                lookups.rowCommitted();
            } catch (RowException e) {
                lookups.rowRolledBack();
                jobs.addError(id, new ImportError(row.line(), e.column, e.getMessage(), raw(row)));
                failed++;
            }
        }
        long checking = System.nanoTime();
        timings.mapping += checking - mapping;
        List<DuplicateChecker.Match> matches = duplicates.check(org, records);
        timings.duplicates += System.nanoTime() - checking;
        List<Integer> toCreate = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Entity record = records.get(i);
            Pending row = mapped.get(i);
            DuplicateChecker.Match match = matches.get(i);
            DuplicateHandling handling = match.isDuplicate() ? options.duplicates() : DuplicateHandling.CREATE;
            if (handling == DuplicateHandling.UPDATE && match.existingId() == null) {
                handling = DuplicateHandling.SKIP;
            }
            if (handling == DuplicateHandling.SKIP) {
                jobs.addError(id, new ImportError(row.line(), null, match.existingId() != null
                        ? "Skipped: duplicate of an existing record (" + match.existingId() + ")"
                        : "Skipped: duplicate of an earlier row of the file", raw(row)));
                skipped++;
            } else if (handling == DuplicateHandling.UPDATE) {
                record.setId(match.existingId());
                if (write(id, org, mapper, row, () -> org.update(record))) {
                    updated++;
                } else {
                    failed++;
                }
            } else {
                toCreate.add(i);
            }
        }
        long creating = System.nanoTime();
        int createdNow = createAll(id, org, mapper, records, mapped, toCreate);
        timings.createMultiple += System.nanoTime() - creating;
        timings.rows += batch.size();
        timings.created += createdNow;
        created += createdNow;
        failed += toCreate.size() - createdNow;
        return new ImportJobRepository.BatchCounts(batch.size(), created, updated, skipped, failed);
    }

    /**
     * Creates the rows in one CreateMultiple (one batch insert); a row the pipeline rejects is reported and the
     * rest retried without it; a failure the database reports for the batch as a whole is narrowed down row by row.
     *
     * @return how many were created
     */
    private int createAll(UUID id, OrganizationService org, RowMapper mapper, List<Entity> records,
            List<Pending> rows, List<Integer> indexes) {
        List<Integer> pending = new ArrayList<>(indexes);
        while (!pending.isEmpty()) {
            List<Entity> targets = pending.stream().map(records::get).toList();
            try {
                rowTx.executeWithoutResult(s -> org.execute(new Messages.CreateMultipleRequest(targets)));
                return pending.size();
            } catch (RapportException e) {
                Object faulted = e.details().get(Messages.FAULTED_REQUEST_INDEX);
                if (!(faulted instanceof Integer index)) {
                    int created = 0;
                    for (int i : pending) {
                        Entity record = records.get(i);
                        if (write(id, org, mapper, rows.get(i), () -> org.create(record))) {
                            created++;
                        }
                    }
                    return created;
                }
                Pending row = rows.get(pending.remove((int) index));
                jobs.addError(id, new ImportError(row.line(), mapper.columnOf(e.attribute()), e.getMessage(), raw(row)));
            }
        }
        return 0;
    }

    /** Writes one row in its own savepoint; a rejected row is reported. */
    private boolean write(UUID id, OrganizationService org, RowMapper mapper, Pending row, Runnable change) {
        try {
            rowTx.executeWithoutResult(s -> change.run());
            return true;
        } catch (RapportException e) {
            jobs.addError(id, new ImportError(row.line(), mapper.columnOf(e.attribute()), e.getMessage(), raw(row)));
            return false;
        }
    }

    /** A mapping failure carried out of the row's savepoint so that its lookups' creations roll back. */
    private static final class RowException extends RuntimeException {
        private final String column;

        RowException(String column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    private static Entity mapRow(RowMapper mapper, Pending row) {
        try {
            return mapper.map(row.values());
        } catch (RowMapper.RowFailure e) {
            throw new RowException(e.column(), e.getMessage());
        } catch (RapportException e) {
            throw new RowException(mapper.columnOf(e.attribute()), e.getMessage());
        }
    }

    private static String raw(Pending row) {
        String joined = String.join(" | ", row.values());
        return joined.length() > 4000 ? joined.substring(0, 4000) : joined;
    }
}
