package io.rapport.importing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportService;
import io.rapport.importing.ImportStatus;
import io.rapport.jobs.JobFailure;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobStopped;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The attempts of an import's background job ({@link ImportRunJob}), driven directly: a later attempt's claim makes an
 * earlier attempt's batch roll back; a node that stops puts the import back in the queue at its checkpoint and asks
 * for the run again; a failed attempt waits in the queue for its retry and the last one fails the import. The imports
 * here are queued without a scheduled run, so that nothing but the test runs them.
 */
abstract class ImportAttemptsTest {

    @OnH2
    static class H2 extends ImportAttemptsTest {
    }

    @OnPostgres
    static class Postgres extends ImportAttemptsTest {

        @Autowired
        PlatformTransactionManager transactions;

        /**
         * Two batches of one import written side by side ({@code ImportRunner}'s SideBySide): the second one's
         * checkpoint waits for the first batch's transaction to end, and moves only if that batch committed.
         */
        @Test
        void aBatchWrittenBesideAnotherWaitsForItAndRollsBackWhenItRolledBack() throws Exception {
            UUID id = queued(1);
            TransactionTemplate tx = new TransactionTemplate(transactions);
            ImportJobRepository.BatchCounts hundred = new ImportJobRepository.BatchCounts(100, 100, 0, 0, 0);
            try {
                assertThat(jobs.claim(id, "attempt-1")).isTrue();
                for (boolean firstCommits : new boolean[] {false, true}) {
                    int before = imports.job(id).orElseThrow().processedRows();
                    CountDownLatch firstLocked = new CountDownLatch(1);
                    CountDownLatch firstMayEnd = new CountDownLatch(1);
                    CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> tx.execute(status -> {
                        jobs.lockBatch(id, 0);
                        firstLocked.countDown();
                        await(firstMayEnd);
                        boolean moved = jobs.progress(id, "attempt-1", before, hundred);
                        if (!firstCommits) {
                            status.setRollbackOnly();
                        }
                        return moved;
                    }));
                    assertThat(firstLocked.await(10, TimeUnit.SECONDS)).isTrue();
                    CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> tx.execute(status -> {
                        jobs.lockBatch(id, 1);
                        jobs.lockBatch(id, 0);
                        boolean moved = jobs.progress(id, "attempt-1", before + 100, hundred);
                        if (!moved) {
                            status.setRollbackOnly();
                        }
                        return moved;
                    }));
                    Thread.sleep(300);
                    assertThat(second).as("the second batch waits for the first one's lock").isNotDone();
                    firstMayEnd.countDown();
                    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
                    assertThat(second.get(10, TimeUnit.SECONDS)).as("the second batch's checkpoint moved")
                            .isEqualTo(firstCommits);
                    assertThat(imports.job(id).orElseThrow().processedRows())
                            .isEqualTo(firstCommits ? before + 200 : before);
                }
            } finally {
                jobs.delete(id);
            }
        }

        private static void await(CountDownLatch latch) {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Autowired
    ImportService imports;

    @Autowired
    ImportJobRepository jobs;

    @Autowired
    ImportRunJob runJob;

    @Autowired
    OrganizationService org;

    private final String run = "Attempt" + UUID.randomUUID().toString().substring(0, 6);

    /** An import of {@code rows} contacts, queued with no run scheduled. */
    UUID queued(int rows) {
        StringBuilder csv = new StringBuilder("Last Name\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(run).append("\r\n");
        }
        UUID id = imports.stage("contact", "attempts.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).id();
        ImportJobRepository.JobDefinition def = jobs.definition(id).orElseThrow();
        assertThat(jobs.queueDraft(id, def.mapping(), def.options())).isTrue();
        return id;
    }

    private long stored() {
        return org.retrieveMultiple(QueryExpression.from("contact").select("contactid")
                .where(Condition.of("lastname", ConditionOperator.EQUAL, run)).build()).entities().size();
    }

    @Test
    void aLaterAttemptsClaimMakesTheEarlierAttemptsBatchRollBack() {
        UUID id = queued(1);
        try {
            assertThat(jobs.claim(id, "attempt-1")).isTrue();
            assertThat(jobs.claim(id, "attempt-2")).as("an attempt given up for dead is claimed over").isTrue();
            ImportJobRepository.BatchCounts batch = new ImportJobRepository.BatchCounts(100, 100, 0, 0, 0);
            assertThat(jobs.progress(id, "attempt-1", 0, batch)).as("the earlier attempt's checkpoint").isFalse();
            assertThat(jobs.progress(id, "attempt-2", 100, batch))
                    .as("a batch whose predecessor did not commit: the checkpoint is not where it starts").isFalse();
            assertThat(jobs.progress(id, "attempt-2", 0, batch)).isTrue();
            assertThat(jobs.finish(id, "attempt-1", ImportStatus.COMPLETED, null)).isFalse();
            ImportJob job = imports.job(id).orElseThrow();
            assertThat(job.status()).isEqualTo(ImportStatus.RUNNING);
            assertThat(job.processedRows()).isEqualTo(100);
        } finally {
            jobs.delete(id);
        }
    }

    @Test
    void aStoppingNodePutsTheImportBackAndTheNextAttemptImportsEveryRowOnce() {
        UUID id = queued(3);
        JobStopped stopped = catchThrowableOfType(JobStopped.class,
                () -> runJob.run(id.toString(), new JobRun(id.toString(), 1, () -> true)));
        assertThat(stopped).as("the run asks to be due again").isNotNull();
        ImportJob back = imports.job(id).orElseThrow();
        assertThat(back.status()).isEqualTo(ImportStatus.QUEUED);
        assertThat(back.processedRows()).isZero();
        assertThat(stored()).isZero();

        runJob.run(id.toString(), new JobRun(id.toString(), 1));
        ImportJob done = imports.job(id).orElseThrow();
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.processedRows()).isEqualTo(3);
        assertThat(done.created()).isEqualTo(3);
        assertThat(stored()).isEqualTo(3);

        runJob.run(id.toString(), new JobRun(id.toString(), 2));
        assertThat(stored()).as("a run of a finished import does nothing").isEqualTo(3);
    }

    @Test
    void aFailedAttemptWaitsInTheQueueAndTheLastOneFailsTheImport() {
        UUID id = queued(1);
        UUID cancelled = queued(1);
        try {
            assertThat(jobs.claim(id, "attempt-1")).isTrue();
            IllegalStateException cause = new IllegalStateException("connection lost");
            runJob.failed(id.toString(), new JobFailure(id.toString(), 1, cause, Instant.now().plusSeconds(10)));
            assertThat(imports.job(id).orElseThrow().status()).as("waiting for its retry").isEqualTo(ImportStatus.QUEUED);

            assertThat(jobs.claim(id, "attempt-5")).isTrue();
            runJob.failed(id.toString(), new JobFailure(id.toString(), 5, cause, null));
            ImportJob failed = imports.job(id).orElseThrow();
            assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
            assertThat(failed.message()).isEqualTo("The import stopped because of an unexpected error; the server log "
                    + "has the details of job " + id + ".");

            imports.cancel(cancelled);
            runJob.failed(cancelled.toString(), new JobFailure(cancelled.toString(), 5, cause, null));
            assertThat(imports.job(cancelled).orElseThrow().status()).isEqualTo(ImportStatus.CANCELLED);
        } finally {
            jobs.delete(id);
            jobs.delete(cancelled);
        }
    }
}
