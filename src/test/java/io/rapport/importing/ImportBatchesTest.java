package io.rapport.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An import of many small batches: on PostgreSQL two batches are written side by side (each in its own transaction,
 * committed in file order), on H2 one after the other, and the outcome is the same row for row: a row repeating the
 * last row of the batch before it is skipped as a duplicate within the file, a row repeating a row of an older batch
 * or an existing contact is skipped as a duplicate of that record, rows the pipeline refuses are reported, and every
 * other row is stored once.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ImportBatchesTest {

    static class H2 extends ImportBatchesTest {
        @TempDir
        Path dir;

        @Override
        Map<String, String> database() {
            return TestDatabases.h2File(dir.resolve("rapport").toString());
        }

        @Override
        int batchesAtOnce() {
            return 1;
        }
    }

    static class Postgres extends ImportBatchesTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.postgres();
        }

        @Override
        int batchesAtOnce() {
            return 2;
        }
    }

    abstract Map<String, String> database();

    abstract int batchesAtOnce();

    @Test
    void batchesOfTenGiveEveryRowItsOutcomeOnce(CapturedOutput output) throws Exception {
        String tag = "Batches" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> settings = new HashMap<>(database());
        settings.put("rapport.importing.batch-size", "10");
        settings.put("rapport.jobs.polling-interval", "200ms");
        try (ConfigurableApplicationContext app = AppInstances.start(settings)) {
            OrganizationService org = app.getBean(OrganizationService.class);
            org.create(new Entity("contact").set("lastname", "Known").set("emailaddress1", "known-" + tag
                    + "@example.com"));
            // 45 rows in 5 batches: line 12 repeats line 11, the last row of the batch before it; line 27 repeats
            // the existing contact; line 32 has no last name; line 40 repeats line 4, three batches before: no
            // longer remembered from the file, it is found in the table as the contact line 4 created; line 43's
            // e-mail address is not one
            StringBuilder csv = new StringBuilder("First Name,Last Name,Email\n");
            for (int i = 0; i < 45; i++) {
                String email = switch (i) {
                    case 10 -> tag + "-9@example.com";
                    case 25 -> "known-" + tag + "@example.com";
                    case 38 -> tag + "-2@example.com";
                    case 41 -> "not-an-email";
                    default -> tag + "-" + i + "@example.com";
                };
                csv.append("Row").append(i).append(',').append(i == 30 ? "" : tag).append(',').append(email)
                        .append('\n');
            }
            ImportService imports = app.getBean(ImportService.class);
            UUID id = imports.start("contact", "batches.csv", csv.toString().getBytes(StandardCharsets.UTF_8), null,
                    ImportOptions.defaults()).id();
            ImportJob done = ImportTestSupport.awaitEnd(imports, id, Duration.ofSeconds(60));

            assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(done.processedRows()).isEqualTo(45);
            assertThat(done.created()).isEqualTo(40);
            assertThat(done.skipped()).isEqualTo(3);
            assertThat(done.failed()).isEqualTo(2);
            List<ImportError> errors = imports.errors(id, 1, 50);
            assertThat(errors).extracting(ImportError::lineNumber).containsExactly(12, 27, 32, 40, 43);
            assertThat(errors.get(0).reason()).isEqualTo("Skipped: duplicate of an earlier row of the file");
            assertThat(errors.get(1).reason()).startsWith("Skipped: duplicate of an existing record (");
            assertThat(errors.get(2).column()).isEqualTo("Last Name");
            UUID lineFour = org.retrieveMultiple(QueryExpression.from("contact").columns(ColumnSet.none())
                    .where(Condition.eq("emailaddress1", tag + "-2@example.com")).build()).entities().get(0).id();
            assertThat(errors.get(3).reason()).isEqualTo("Skipped: duplicate of an existing record (" + lineFour + ")");
            assertThat(errors.get(4).column()).isEqualTo("Email");

            List<Entity> stored = org.retrieveMultiple(QueryExpression.from("contact")
                    .columns(ColumnSet.of("firstname"))
                    .where(Condition.of("lastname", ConditionOperator.EQUAL, tag)).top(100).build()).entities();
            assertThat(stored).hasSize(40);
            assertThat(stored.stream().map(e -> e.getString("firstname")).distinct()).hasSize(40);
            assertThat(output.getOut()).contains("Import job ended job=" + id + " outcome=DONE")
                    .contains("batchesAtOnce=" + batchesAtOnce() + " rows=45 created=40");
        }
    }
}
