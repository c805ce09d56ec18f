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
import io.rapport.jobs.RunThreads;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
        int atOnce = 1;

        /** Adds the timings of a batch written beside the run's thread. */
        synchronized void add(Timings batch) {
            rows += batch.rows;
            created += batch.created;
            mapping += batch.mapping;
            duplicates += batch.duplicates;
            createMultiple += batch.createMultiple;
            batches += batch.batches;
        }

        @Override
        public String toString() {
            return "batchesAtOnce=" + atOnce + " rows=" + rows + " created=" + created + " batchesMs="
                    + batches / 1_000_000 + " mappingMs=" + mapping / 1_000_000 + " duplicatesMs="
                    + duplicates / 1_000_000 + " createMultipleMs=" + createMultiple / 1_000_000;
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
        // batches written at once: the file part of the duplicate check remembers those that may not have committed
        int atOnce = sideBySide(options) ? properties.parallelBatches() : 1;
        // the rules are configuration, read whatever the importer's roles; existing records are matched as the
        // importer (check(org, ...)), so a record they cannot read is neither reported nor updated nor skipped
        DuplicateChecker duplicates = DuplicateChecker.load(organization.as(callers.system()), snapshot, entity,
                atOnce - 1);
        FileShape shape = new FileShape(def.format(), Charset.forName(def.encoding()), def.delimiter().charAt(0));
        int skip = def.job().processedRows();
        timings.atOnce = atOnce;
        Run run = new Run(id, node, org, mapper, lookups, duplicates, options, timings);
        Batches batches = atOnce > 1 ? new SideBySide(run, skip) : new OneAfterAnother(run, skip);
        List<Pending> batch = new ArrayList<>();
        Outcome[] outcome = {Outcome.DONE};
        int[] dataRow = {0};
        boolean[] header = {true};
        try (batches; InputStream in = files.open(id)) {
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
                outcome[0] = next(id, stopping, batches, batch);
                return outcome[0] == Outcome.DONE;
            });
            if (outcome[0] == Outcome.DONE && !batch.isEmpty()) {
                outcome[0] = next(id, stopping, batches, batch);
            }
            Outcome written = batches.finish();
            return outcome[0] == Outcome.DONE || written == Outcome.LOST ? written : outcome[0];
        }
    }

    /**
     * Whether this import's batches are written side by side: on PostgreSQL, unless its rows create missing lookups
     * (the next batch would have to see the records the one before it creates) or update the existing records they
     * repeat (two batches would update the same record).
     */
    private boolean sideBySide(ImportOptions options) {
        return properties.parallelBatches() > 1 && jobs.writesBatchesSideBySide() && !options.createMissingLookups()
                && options.duplicates() != DuplicateHandling.UPDATE;
    }

    /** Hands a full batch (or the file's last rows) on, unless the job was cancelled or its node stops. */
    private Outcome next(UUID id, BooleanSupplier stopping, Batches batches, List<Pending> batch) {
        if (jobs.cancelRequested(id)) {
            return Outcome.CANCELLED;
        }
        if (stopping.getAsBoolean()) {
            return Outcome.STOPPED;
        }
        Outcome outcome = batches.write(List.copyOf(batch));
        batch.clear();
        return outcome;
    }

    /** Writes the batches of one run, each with its checkpoint, in file order. */
    private interface Batches extends AutoCloseable {
        /** Writes a batch, or starts writing it; DONE while the run goes on. */
        Outcome write(List<Pending> rows);

        /** Waits for the batches still being written: DONE when each committed. */
        Outcome finish();

        @Override
        void close();
    }

    /** What the batches of one run share: the import, the claim, the caller and how rows become records. */
    private record Run(UUID id, String node, OrganizationService org, RowMapper mapper, LookupResolver lookups,
            DuplicateChecker duplicates, ImportOptions options, Timings timings) {
    }

    /** One batch after the other, each mapped, checked and written in its transaction. */
    private final class OneAfterAnother implements Batches {
        private final Run run;
        private int processed;

        OneAfterAnother(Run run, int processed) {
            this.run = run;
            this.processed = processed;
        }

        @Override
        public Outcome write(List<Pending> rows) {
            long started = System.nanoTime();
            Timings timings = run.timings();
            Boolean kept = batchTx.execute(status -> {
                jobs.relaxDurabilityOfBatch();
                Mapped mapped = map(run, rows, true, timings);
                long checking = System.nanoTime();
                List<DuplicateChecker.Match> matches = run.duplicates().check(run.org(), mapped.records());
                timings.duplicates += System.nanoTime() - checking;
                ImportJobRepository.BatchCounts counts = writeMapped(run, mapped, matches, timings);
                if (!jobs.progress(run.id(), run.node(), processed, counts)) {
                    status.setRollbackOnly();
                    return false;
                }
                return true;
            });
            timings.batches += System.nanoTime() - started;
            if (!Boolean.TRUE.equals(kept)) {
                return Outcome.LOST;
            }
            processed += rows.size();
            return Outcome.DONE;
        }

        @Override
        public Outcome finish() {
            return Outcome.DONE;
        }

        @Override
        public void close() {
        }
    }

    /**
     * Batches written side by side ({@code rapport.importing.parallel-batches} at once), so that the database works
     * on one batch's rows while the pipeline checks the next one's: the rows are mapped and checked against the
     * earlier rows of the file here, in file order; each batch's transaction then checks them against the existing
     * records, writes them and its error rows, and moves the checkpoint once the batch before it has committed (its
     * lock, {@link ImportJobRepository#lockBatch}), from where that batch left it. A batch whose predecessor rolled
     * back finds the checkpoint elsewhere and rolls back too, so the checkpoint only ever counts a prefix of the file.
     */
    private final class SideBySide implements Batches {
        private final Run run;
        private final RunThreads writers;
        private final Deque<Writing> writing = new ArrayDeque<>();
        private int processed;
        private int number;

        /** A batch being written: its outcome, and when it holds its lock. */
        private record Writing(Future<Outcome> outcome, CompletableFuture<Void> locked, Timings timings) {
        }

        SideBySide(Run run, int processed) {
            this.run = run;
            this.processed = processed;
            this.writers = RunThreads.start("import-" + run.id().toString().substring(0, 8),
                    properties.parallelBatches());
        }

        @Override
        public Outcome write(List<Pending> rows) {
            if (writing.size() >= properties.parallelBatches()) {
                Outcome oldest = await(writing.removeFirst());
                if (oldest != Outcome.DONE) {
                    return oldest;
                }
            }
            Timings own = new Timings();
            Mapped mapped = map(run, rows, false, own);
            long checking = System.nanoTime();
            List<DuplicateChecker.Match> inFile = run.duplicates().inFile(mapped.records());
            own.duplicates += System.nanoTime() - checking;
            int before = processed;
            int batch = number++;
            UUID id = run.id();
            CompletableFuture<Void> previous = writing.isEmpty() ? null : writing.getLast().locked();
            CompletableFuture<Void> locked = new CompletableFuture<>();
            Future<Outcome> outcome = writers.submit(() -> {
                try {
                    if (previous != null) {
                        // the batch before takes its own lock first, so this one cannot take it before it
                        previous.join();
                    }
                    long started = System.nanoTime();
                    Boolean kept = batchTx.execute(status -> {
                        jobs.lockBatch(id, batch);
                        locked.complete(null);
                        jobs.relaxDurabilityOfBatch();
                        mapped.rejected().forEach(e -> jobs.addError(id, e));
                        long existing = System.nanoTime();
                        List<DuplicateChecker.Match> matches = run.duplicates().withExisting(run.org(),
                                mapped.records(), inFile);
                        own.duplicates += System.nanoTime() - existing;
                        ImportJobRepository.BatchCounts counts = writeMapped(run, mapped, matches, own);
                        if (previous != null) {
                            jobs.lockBatch(id, batch - 1);
                        }
                        if (!jobs.progress(id, run.node(), before, counts)) {
                            status.setRollbackOnly();
                            return false;
                        }
                        return true;
                    });
                    own.batches += System.nanoTime() - started;
                    return Boolean.TRUE.equals(kept) ? Outcome.DONE : Outcome.LOST;
                } finally {
                    locked.complete(null);
                }
            });
            processed += rows.size();
            writing.addLast(new Writing(outcome, locked, own));
            return Outcome.DONE;
        }

        /** The outcome of a batch, its timings added to the run's; its failure thrown once the others ended. */
        private Outcome await(Writing w) {
            try {
                Outcome outcome = w.outcome().get();
                run.timings().add(w.timings());
                return outcome;
            } catch (ExecutionException e) {
                finish();
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish();
                throw new IllegalStateException("interrupted while an import batch was written", e);
            }
        }

        @Override
        public Outcome finish() {
            Outcome first = Outcome.DONE;
            while (!writing.isEmpty()) {
                Writing w = writing.removeFirst();
                Outcome outcome;
                try {
                    outcome = await(w);
                } catch (RuntimeException e) {
                    if (first != Outcome.DONE) {
                        // a batch after one that did not commit: it rolled back, as it had to
                        continue;
                    }
                    throw e;
                }
                if (first == Outcome.DONE) {
                    first = outcome;
                }
            }
            return first;
        }

        /** Lets the batches being written end (the run stopped early: a failure, its node stopping) before it ends. */
        @Override
        public void close() {
            try {
                finish();
            } catch (RuntimeException e) {
                log.warn("Import batch failed after the run had stopped job={}", run.id(), e);
            } finally {
                writers.close();
            }
        }
    }

    /** A batch's rows mapped to records: the records with the rows they came from, and the rows mapping rejected. */
    private record Mapped(List<Entity> records, List<Pending> rows, List<ImportError> rejected, int failed) {
    }

    /**
     * Maps the rows of a batch. Mapping writes only when it creates missing lookups: only then does a row need a
     * savepoint ({@code inTransaction}), and its rejection is written at once; otherwise rejections are kept for the
     * batch's transaction.
     */
    private Mapped map(Run run, List<Pending> batch, boolean inTransaction, Timings timings) {
        long started = System.nanoTime();
        List<Entity> records = new ArrayList<>();
        List<Pending> mapped = new ArrayList<>();
        List<ImportError> rejected = new ArrayList<>();
        // rows are mapped on the run's thread only, so its lookup cache needs no lock
        LookupResolver lookups = run.lookups();
        for (Pending row : batch) {
            try {
                records.add(inTransaction && run.options().createMissingLookups()
                        ? rowTx.execute(s -> mapRow(run.mapper(), row)) : mapRow(run.mapper(), row));
                mapped.add(row);
                lookups.rowCommitted();
            } catch (RowException e) {
                lookups.rowRolledBack();
                ImportError error = new ImportError(row.line(), e.column, e.getMessage(), raw(row));
                if (inTransaction) {
                    jobs.addError(run.id(), error);
                } else {
                    rejected.add(error);
                }
            }
        }
        timings.mapping += System.nanoTime() - started;
        timings.rows += batch.size();
        return new Mapped(records, mapped, rejected, batch.size() - records.size());
    }

    /**
     * Writes a mapped batch by its duplicate {@code matches}: a duplicate is skipped (reported) or updates the record
     * it repeats, as the import says; the rest are created in one CreateMultiple.
     */
    private ImportJobRepository.BatchCounts writeMapped(Run run, Mapped batch, List<DuplicateChecker.Match> matches,
            Timings timings) {
        UUID id = run.id();
        OrganizationService org = run.org();
        RowMapper mapper = run.mapper();
        int updated = 0;
        int skipped = 0;
        int failed = batch.failed();
        List<Entity> records = batch.records();
        List<Integer> toCreate = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Entity record = records.get(i);
            Pending row = batch.rows().get(i);
            DuplicateChecker.Match match = matches.get(i);
            DuplicateHandling handling = match.isDuplicate() ? run.options().duplicates() : DuplicateHandling.CREATE;
            if (handling == DuplicateHandling.UPDATE && match.existingId() == null) {
                handling = DuplicateHandling.SKIP;
            }
            if (handling == DuplicateHandling.SKIP) {
                // a row repeating an earlier row says so, whether or not that row's record was committed when this
                // row was checked (a batch written beside the one before it may or may not find it)
                jobs.addError(id, new ImportError(row.line(), null, match.duplicateInFile()
                        ? "Skipped: duplicate of an earlier row of the file"
                        : "Skipped: duplicate of an existing record (" + match.existingId() + ")", raw(row)));
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
        int created = createAll(id, org, mapper, records, batch.rows(), toCreate);
        timings.createMultiple += System.nanoTime() - creating;
        timings.created += created;
        failed += toCreate.size() - created;
        return new ImportJobRepository.BatchCounts(records.size() + batch.failed(), created, updated, skipped, failed);
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
