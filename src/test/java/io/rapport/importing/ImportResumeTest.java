package io.rapport.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Aggregate;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An import survives the application stopping (it goes back to the queue at its checkpoint) and a node dying
 * (another node's job scheduler revives its run once its heartbeats stop): every row arrives once, none twice. An
 * import queued without a background run (by a version that polled for imports) gets one.
 */
abstract class ImportResumeTest {

    static class H2 extends ImportResumeTest {
        @TempDir
        Path dir;

        @Override
        Map<String, String> database() {
            return TestDatabases.h2File(dir.resolve("rapport").toString());
        }
    }

    static class Postgres extends ImportResumeTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.postgres();
        }
    }

    abstract Map<String, String> database();

    private static Map<String, String> with(Map<String, String> db, String... settings) {
        Map<String, String> all = new HashMap<>(db);
        all.put("rapport.importing.batch-size", "100");
        all.put("rapport.jobs.polling-interval", "200ms");
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return all;
    }

    private static byte[] contacts(String tag, int rows) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Row").append(i).append(',').append(tag).append(',').append(tag).append(i)
                    .append("@example.com\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStoppedApplicationResumesTheImportAfterRestart() throws Exception {
        Map<String, String> db = with(database());
        String tag = "Resume" + UUID.randomUUID().toString().substring(0, 6);
        UUID id;
        try (ConfigurableApplicationContext first = AppInstances.start(db)) {
            ImportService imports = first.getBean(ImportService.class);
            id = imports.start("contact", "contacts.csv", contacts(tag, 1200), null, ImportOptions.defaults()).id();
            Instant deadline = Instant.now().plusSeconds(60);
            while (imports.job(id).orElseThrow().processedRows() < 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
        }
        try (ConfigurableApplicationContext idle = AppInstances.start(with(db, "rapport.importing.workers", "0"))) {
            ImportJob stopped = idle.getBean(ImportService.class).job(id).orElseThrow();
            assertThat(stopped.status()).as("back in the queue at its checkpoint").isEqualTo(ImportStatus.QUEUED);
            // where the first node stopped depends on timing; the checkpoint moves only with whole batches of 100
            assertThat(stopped.processedRows()).isBetween(200, 1100);
            assertThat(stopped.processedRows() % 100).isZero();
            assertThat(count(idle.getBean(OrganizationService.class), tag)).isEqualTo(stopped.created());
        }
        try (ConfigurableApplicationContext second = AppInstances.start(db)) {
            ImportService imports = second.getBean(ImportService.class);
            ImportJob done = ImportTestSupport.awaitEnd(imports, id, Duration.ofSeconds(120));
            assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(done.processedRows()).isEqualTo(1200);
            assertThat(done.created()).isEqualTo(1200);
            assertThat(count(second.getBean(OrganizationService.class), tag)).isEqualTo(1200);
        }
    }

    @Test
    void anotherNodeTakesOverTheJobOfANodeThatDiedAndRunsImportsLeftWithoutARun() throws Exception {
        Map<String, String> db = database();
        String tag = "Dead" + UUID.randomUUID().toString().substring(0, 6);
        String orphanTag = "Orphan" + UUID.randomUUID().toString().substring(0, 6);
        UUID id;
        UUID orphan;
        try (ConfigurableApplicationContext dying = AppInstances.start(with(db, "rapport.importing.workers", "0"))) {
            ImportService imports = dying.getBean(ImportService.class);
            id = imports.start("contact", "contacts.csv", contacts(tag, 250), null, ImportOptions.defaults()).id();
            orphan = imports.start("contact", "orphan.csv", contacts(orphanTag, 150), null, ImportOptions.defaults())
                    .id();
            DSLContext dsl = dying.getBean(DSLContext.class);
            // the node picked the import's run, claimed the import and vanished without a word
            assertThat(dsl.update(DSL.table(DSL.name("sys_scheduled_tasks")))
                    .set(DSL.field(DSL.name("picked"), Boolean.class), true)
                    .set(DSL.field(DSL.name("picked_by"), String.class), "dead-node")
                    .set(DSL.field(DSL.name("last_heartbeat"), Instant.class), Instant.now().minusSeconds(3600))
                    .where(DSL.field(DSL.name("task_name"), String.class).eq("import-run"))
                    .and(DSL.field(DSL.name("task_instance"), String.class).eq(id.toString())).execute())
                    .isEqualTo(1);
            dsl.update(DSL.table(DSL.name("sys_importjob")))
                    .set(DSL.field(DSL.name("status"), String.class), "RUNNING")
                    .set(DSL.field(DSL.name("claimedby"), String.class), "dead-node")
                    .where(DSL.field(DSL.name("importjobid"), UUID.class).eq(id)).execute();
            // the other was queued with no run at all
            assertThat(dsl.deleteFrom(DSL.table(DSL.name("sys_scheduled_tasks")))
                    .where(DSL.field(DSL.name("task_name"), String.class).eq("import-run"))
                    .and(DSL.field(DSL.name("task_instance"), String.class).eq(orphan.toString())).execute())
                    .isEqualTo(1);
        }
        try (ConfigurableApplicationContext survivor = AppInstances.start(with(db,
                "rapport.jobs.heartbeat-interval", "1s"))) {
            ImportService imports = survivor.getBean(ImportService.class);
            ImportJob done = ImportTestSupport.awaitEnd(imports, id, Duration.ofSeconds(60));
            assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(done.created()).isEqualTo(250);
            assertThat(count(survivor.getBean(OrganizationService.class), tag)).isEqualTo(250);
            ImportJob swept = ImportTestSupport.awaitEnd(imports, orphan, Duration.ofSeconds(60));
            assertThat(swept.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(swept.created()).isEqualTo(150);
            assertThat(count(survivor.getBean(OrganizationService.class), orphanTag)).isEqualTo(150);
        }
    }

    @Test
    void aCancelledImportStopsAfterItsBatch() throws Exception {
        String tag = "Cancel" + UUID.randomUUID().toString().substring(0, 6);
        try (ConfigurableApplicationContext app = AppInstances.start(with(database()))) {
            ImportService imports = app.getBean(ImportService.class);
            UUID id = imports.start("contact", "contacts.csv", contacts(tag, 3000), null, ImportOptions.defaults()).id();
            Instant deadline = Instant.now().plusSeconds(60);
            while (imports.job(id).orElseThrow().processedRows() < 100 && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
            imports.cancel(id);
            ImportJob done = ImportTestSupport.awaitEnd(imports, id, Duration.ofSeconds(60));
            assertThat(done.status()).isEqualTo(ImportStatus.CANCELLED);
            assertThat(done.processedRows()).isLessThan(3000);
            assertThat(count(app.getBean(OrganizationService.class), tag)).isEqualTo(done.created());
        }
    }

    private static long count(OrganizationService org, String tag) {
        return ((Number) org.retrieveMultiple(QueryExpression.from("contact")
                .where(Condition.of("lastname", ConditionOperator.EQUAL, tag))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false)).build())
                .entities().get(0).get("n")).longValue();
    }
}
