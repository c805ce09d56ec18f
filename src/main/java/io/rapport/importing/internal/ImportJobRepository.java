package io.rapport.importing.internal;

import static io.rapport.importing.internal.ImportTables.*;

import io.rapport.importing.ImportError;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Import jobs, their progress counters, claims by attempts of their background job, and rejected rows. */
@Repository
class ImportJobRepository {

    /** What the runner needs of a job besides its public state. */
    record JobDefinition(ImportJob job, UUID ownerId, String format, String encoding, String delimiter, String mapping,
            String options, boolean cancelRequested) {
    }

    /** Counts of one processed batch. */
    record BatchCounts(int rows, int created, int updated, int skipped, int failed) {
    }

    private final DSLContext dsl;

    ImportJobRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    void insert(UUID id, String entity, String fileName, FileShape shape, UUID owner, String mapping, String options,
            int totalRows, ImportStatus status) {
        LocalDateTime now = now();
        dsl.insertInto(JOB).set(ID, id).set(ENTITY, entity).set(FILE_NAME, storable(fileName)).set(FORMAT, shape.format())
                .set(ENCODING, shape.charset().name()).set(DELIMITER, String.valueOf(shape.delimiter()))
                .set(STATUS, status.name()).set(OWNER, owner).set(MAPPING, mapping).set(OPTIONS, options)
                .set(TOTAL, totalRows).set(PROCESSED, 0).set(CREATED, 0).set(UPDATED, 0).set(SKIPPED, 0)
                .set(FAILED, 0).set(CANCEL, false).set(CREATED_ON, now).set(MODIFIED_ON, now).execute();
    }

    Optional<JobDefinition> definition(UUID id) {
        return dsl.select(JOB_FIELDS).from(JOB).where(ID.eq(id)).fetchOptional(r -> new JobDefinition(job(r), r.get(OWNER),
                r.get(FORMAT), r.get(ENCODING), r.get(DELIMITER), r.get(MAPPING), r.get(OPTIONS), r.get(CANCEL)));
    }

    Optional<ImportJob> find(UUID id) {
        return dsl.select(JOB_FIELDS).from(JOB).where(ID.eq(id)).fetchOptional(ImportJobRepository::job);
    }

    List<ImportJob> recent(UUID owner, int page, int pageSize) {
        return dsl.select(JOB_FIELDS).from(JOB).where(OWNER.eq(owner)).orderBy(CREATED_ON.desc(), ID.desc())
                .limit((page - 1) * pageSize, pageSize).fetch(ImportJobRepository::job);
    }

    /**
     * Claims a queued or running job for one attempt of its background job (a running one was being run by an
     * attempt given up for dead, or by a node that stopped); true unless the job has ended or is gone. The claim
     * commits before the attempt reads the checkpoint, so a batch of the earlier attempt either committed before it
     * (and is counted) or fails its {@link #progress} check and rolls back.
     */
    boolean claim(UUID id, String token) {
        LocalDateTime now = now();
        return dsl.update(JOB).set(STATUS, ImportStatus.RUNNING.name()).set(CLAIMED_BY, token).set(HEARTBEAT, now)
                .set(STARTED_ON, org.jooq.impl.DSL.coalesce(STARTED_ON, org.jooq.impl.DSL.val(now)))
                .set(MODIFIED_ON, now)
                .where(ID.eq(id)).and(STATUS.in(ImportStatus.QUEUED.name(), ImportStatus.RUNNING.name()))
                .execute() == 1;
    }

    /** Queued and running jobs, oldest first, after the given one (for the sweep that checks each has its run). */
    List<UUID> unfinished(UUID after, int limit) {
        return dsl.select(ID).from(JOB).where(STATUS.in(ImportStatus.QUEUED.name(), ImportStatus.RUNNING.name()))
                .and(after == null ? org.jooq.impl.DSL.noCondition() : ID.gt(after)).orderBy(ID).limit(limit)
                .fetch(ID);
    }

    /** A failed attempt gives the job back to the queue until its retry. */
    void requeue(UUID id) {
        dsl.update(JOB).set(STATUS, ImportStatus.QUEUED.name()).setNull(CLAIMED_BY).set(MODIFIED_ON, now())
                .where(ID.eq(id)).and(STATUS.eq(ImportStatus.RUNNING.name())).execute();
    }

    /**
     * Adds a batch's counts and moves the checkpoint from {@code processedBefore}, the rows before the batch; false if
     * another attempt claimed the job meanwhile, or if the checkpoint is not where the batch starts (an earlier batch
     * written beside it rolled back).
     */
    boolean progress(UUID id, String node, int processedBefore, BatchCounts c) {
        LocalDateTime now = now();
        return dsl.update(JOB).set(PROCESSED, PROCESSED.plus(c.rows())).set(CREATED, CREATED.plus(c.created()))
                .set(UPDATED, UPDATED.plus(c.updated())).set(SKIPPED, SKIPPED.plus(c.skipped()))
                .set(FAILED, FAILED.plus(c.failed())).set(HEARTBEAT, now).set(MODIFIED_ON, now)
                .where(ID.eq(id)).and(CLAIMED_BY.eq(node)).and(PROCESSED.eq(processedBefore)).execute() == 1;
    }

    /** Whether batches of one import can be written side by side and committed in order (PostgreSQL). */
    boolean writesBatchesSideBySide() {
        return dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES;
    }

    /**
     * Takes, until the current transaction ends, the lock of one batch of an import (PostgreSQL's advisory lock on
     * the import and the batch's number): the batch holds its own lock from its start, and the next batch takes it
     * before its checkpoint, so it waits there until the batch has committed or rolled back. The database sees that
     * wait, so a batch that also waits for a row the next one wrote ends in a deadlock error, not a hang.
     */
    void lockBatch(UUID id, int batch) {
        dsl.execute("select pg_advisory_xact_lock(?, ?)", id.hashCode(), batch);
    }

    /**
     * The current batch's commit need not wait for the disk: the checkpoint commits with the rows, so a crash loses
     * both together and the job redoes the batch; and its statements are planned for their actual values, on
     * solid-state storage (PostgreSQL only).
     */
    void relaxDurabilityOfBatch() {
        if (dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            dsl.execute("set local synchronous_commit = off");
            // the duplicate and lookup checks bind a whole batch's values as one IN list: a custom plan sees them
            // as constants, so PostgreSQL hashes the list (or picks the index) instead of comparing every row of
            // the table with every value, which a cached generic plan does
            dsl.execute("set local plan_cache_mode = force_custom_plan");
            // and answered by the index: at PostgreSQL's default random_page_cost of 4 (a spinning disk's) the
            // planner scans the whole table for a list of 1,000 e-mail addresses, 40 ms at 100,000 contacts against
            // 9 ms through the index when every value is there (bench/README.md, 5 December 2026, evening); 1.1 is
            // the figure PostgreSQL's documentation gives for solid-state storage
            dsl.execute("set local random_page_cost = 1.1");
        }
    }

    /** Fails a job that has not ended (its last attempt failed); a cancelled or finished job stays as it is. */
    void failUnfinished(UUID id, String message) {
        LocalDateTime now = now();
        dsl.update(JOB).set(STATUS, ImportStatus.FAILED.name()).set(MESSAGE, storable(message)).set(FINISHED_ON, now)
                .set(MODIFIED_ON, now).setNull(CLAIMED_BY).where(ID.eq(id))
                .and(STATUS.in(ImportStatus.QUEUED.name(), ImportStatus.RUNNING.name())).execute();
    }

    /** Ends a job still claimed by the given attempt; false if another attempt claimed it meanwhile. */
    boolean finish(UUID id, String token, ImportStatus status, String message) {
        LocalDateTime now = now();
        return dsl.update(JOB).set(STATUS, status.name()).set(MESSAGE, storable(message)).set(FINISHED_ON, now)
                .set(MODIFIED_ON, now).setNull(CLAIMED_BY).where(ID.eq(id)).and(CLAIMED_BY.eq(token)).execute() == 1;
    }

    /** Gives a job back to the queue (this node is stopping); another node or a restart resumes it. */
    void release(UUID id, String token) {
        dsl.update(JOB).set(STATUS, ImportStatus.QUEUED.name()).setNull(CLAIMED_BY).set(MODIFIED_ON, now())
                .where(ID.eq(id)).and(CLAIMED_BY.eq(token)).execute();
    }

    /** Queues a draft with its final mapping and options; false if it was no longer a draft. */
    boolean queueDraft(UUID id, String mapping, String options) {
        LocalDateTime now = now();
        return dsl.update(JOB).set(STATUS, ImportStatus.QUEUED.name()).set(MAPPING, mapping).set(OPTIONS, options)
                .set(CREATED_ON, now).set(MODIFIED_ON, now)
                .where(ID.eq(id)).and(STATUS.eq(ImportStatus.DRAFT.name())).execute() == 1;
    }

    /** Drafts whose mapping was never submitted, created before the given time. */
    List<UUID> abandonedDrafts(LocalDateTime createdBefore, int limit) {
        return dsl.select(ID).from(JOB).where(STATUS.eq(ImportStatus.DRAFT.name())).and(CREATED_ON.lt(createdBefore))
                .orderBy(CREATED_ON).limit(limit).fetch(ID);
    }

    void delete(UUID id) {
        dsl.deleteFrom(ERROR).where(ID.eq(id)).execute();
        dsl.deleteFrom(JOB).where(ID.eq(id)).execute();
    }

    void requestCancel(UUID id) {
        dsl.update(JOB).set(CANCEL, true).set(MODIFIED_ON, now()).where(ID.eq(id)).execute();
        dsl.update(JOB).set(STATUS, ImportStatus.CANCELLED.name()).set(FINISHED_ON, now())
                .where(ID.eq(id)).and(STATUS.in(ImportStatus.QUEUED.name(), ImportStatus.DRAFT.name())).execute();
    }

    boolean cancelRequested(UUID id) {
        return Boolean.TRUE.equals(dsl.select(CANCEL).from(JOB).where(ID.eq(id)).fetchOne(CANCEL));
    }

    void addError(UUID id, ImportError e) {
        String reason = storable(e.reason());
        dsl.insertInto(ERROR).set(ID, id).set(LINE, e.lineNumber()).set(COLUMN, storable(e.column()))
                .set(REASON, reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                .set(RAW, storable(e.rawValues())).execute();
    }

    /**
     * Text as the report can keep it: a NUL (which PostgreSQL cannot store) shows as the visible symbol for it, so
     * that the rejected row's report itself never fails.
     */
    static String storable(String text) {
        return text == null ? null : text.replace('\0', '\u2400');
    }

    List<ImportError> errors(UUID id, int page, int pageSize) {
        return dsl.select(LINE, COLUMN, REASON, RAW).from(ERROR).where(ID.eq(id)).orderBy(LINE)
                .limit((page - 1) * pageSize, pageSize)
                .fetch(r -> new ImportError(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private static ImportJob job(Record r) {
        return new ImportJob(r.get(ID), r.get(ENTITY), r.get(FILE_NAME), ImportStatus.valueOf(r.get(STATUS)),
                r.get(TOTAL), r.get(PROCESSED), r.get(CREATED), r.get(UPDATED), r.get(SKIPPED), r.get(FAILED),
                r.get(MESSAGE), instant(r.get(CREATED_ON)), instant(r.get(STARTED_ON)), instant(r.get(FINISHED_ON)));
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
