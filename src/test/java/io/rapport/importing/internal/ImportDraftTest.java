package io.rapport.importing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.importing.ColumnMapping;
import io.rapport.importing.DuplicateHandling;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportPreview;
import io.rapport.importing.ImportService;
import io.rapport.importing.ImportStatus;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import io.rapport.jobs.JobScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An upload waits as a draft while a person reviews its mapping: it is never picked up by a worker until it is
 * submitted, its reviewed mapping is what runs, it runs once, and drafts nobody submits are removed.
 */
abstract class ImportDraftTest {

    @OnH2
    static class H2 extends ImportDraftTest {
    }

    @OnPostgres
    static class Postgres extends ImportDraftTest {
    }

    @Autowired
    ImportService imports;

    @Autowired
    ImportDraftCleanupJob cleanup;

    @Autowired
    JobScheduler scheduler;

    @Autowired
    ImportRunJob runJob;

    @Autowired
    ImportJobRepository jobs;

    @Autowired
    OrganizationService org;

    @Autowired
    ImportFileStore files;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aDraftRunsOnlyWithItsReviewedMappingAndOnlyOnce() throws Exception {
        byte[] file = ("Surname;Nick\r\n" + run + "-a;Al\r\n" + run + "-b;Bo\r\n").getBytes(StandardCharsets.UTF_8);
        ImportJob draft = imports.stage("contact", "people.csv", file);
        assertThat(draft.status()).isEqualTo(ImportStatus.DRAFT);
        assertThat(draft.totalRows()).isEqualTo(2);

        ImportPreview preview = imports.preview(draft.id());
        assertThat(preview.delimiter()).isEqualTo(";");
        assertThat(preview.headers()).containsExactly("Surname", "Nick");
        assertThat(preview.sampleRows()).hasSize(2);
        // neither header names a contact field: nothing is proposed, and a worker would have nothing to do
        assertThat(preview.proposedMapping()).allSatisfy(m -> assertThat(m.attribute()).isNull());
        assertThat(scheduler.isScheduled(runJob, draft.id().toString())).as("a draft has no background run").isFalse();
        assertThat(cleanup.scheduleOrphans()).as("nor does the sweep give it one").isZero();
        assertThat(imports.job(draft.id()).orElseThrow().status()).isEqualTo(ImportStatus.DRAFT);

        RapportException twice = catchThrowableOfType(RapportException.class, () -> imports.submit(draft.id(),
                List.of(new ColumnMapping(0, "Surname", "lastname", null),
                        new ColumnMapping(1, "Nick", "lastname", null)), ImportOptions.defaults()));
        assertThat(twice.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(twice.getMessage()).contains("more than one column");

        imports.submit(draft.id(), List.of(new ColumnMapping(0, "Surname", "lastname", null),
                new ColumnMapping(1, "Nick", "nickname", null)), new ImportOptions(DuplicateHandling.CREATE, false,
                null));
        ImportJob done = await(draft.id());
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.created()).isEqualTo(2);
        assertThat(org.retrieveMultiple(QueryExpression.from("contact").select("lastname", "nickname")
                .where(Condition.of("lastname", io.rapport.query.ConditionOperator.BEGINS_WITH, run)).build())
                .entities()).extracting(e -> e.getString("nickname")).containsExactlyInAnyOrder("Al", "Bo");

        assertThat(files.open(draft.id()).read()).as("the uploaded file is dropped once the import is done")
                .isEqualTo(-1);

        RapportException again = catchThrowableOfType(RapportException.class, () -> imports.submit(draft.id(), null,
                ImportOptions.defaults()));
        assertThat(again.getMessage()).contains("already been started");
    }

    @Test
    void draftsNobodySubmitsAreRemovedWithTheirFiles() throws Exception {
        ImportJob draft = imports.stage("contact", "later.csv", "Last Name\r\nX\r\n".getBytes(StandardCharsets.UTF_8));
        ImportJob fresh = imports.stage("contact", "fresh.csv", "Last Name\r\nY\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(cleanup.removeDrafts(LocalDateTime.now(ZoneOffset.UTC).minusHours(1))).isZero();
        // a cut-off after both were created removes both; the submitted import of the other test is untouched
        int removed = cleanup.removeDrafts(LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1));
        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(imports.job(draft.id())).isEmpty();
        assertThat(imports.job(fresh.id())).isEmpty();
        assertThat(jobs.definition(draft.id())).isEmpty();
        assertThat(files.open(draft.id()).read()).isEqualTo(-1);
    }

    @Test
    void cancellingADraftKeepsItsRecordAndDropsItsFile() throws Exception {
        ImportJob draft = imports.stage("contact", "never.csv", "Last Name\r\nZ\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(files.open(draft.id()).read()).isNotEqualTo(-1);
        imports.cancel(draft.id());
        assertThat(imports.job(draft.id()).orElseThrow().status()).isEqualTo(ImportStatus.CANCELLED);
        assertThat(files.open(draft.id()).read()).isEqualTo(-1);
    }

    private ImportJob await(UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        ImportJob job = imports.job(id).orElseThrow();
        while (!job.status().isFinal() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            job = imports.job(id).orElseThrow();
        }
        return job;
    }
}
