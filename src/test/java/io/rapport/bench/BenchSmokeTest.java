package io.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short benchmark run on PostgreSQL, so that the benchmark suite cannot rot: it must run end to end and write a
 * result table with a ratio for every comparison. It asserts nothing about speed; bench/run.sh measures. It runs
 * every suite once (the suites have no smoke tests of their own: each would repeat part of this run), the issue 19
 * rows included: the Web API floors, the cold starts (separate JVMs: H2 from the class directory, PostgreSQL from
 * the jar with its archive, after the training run), the peak heap and a 5-second mixed soak.
 * To stay cheap in CI the short run migrates one schema and shares one Rapport instance among the suites
 * ({@link BenchApps}), with no warm-up and one-second load windows; the test holds it to its three starts.
 */
class BenchSmokeTest {

    @TempDir
    Path results;

    @Test
    void shortRunWritesRatiosAgainstBaselines() throws Exception {
        // JMH allows one run per machine through /tmp/jmh.lock; builds of several checkouts on one machine run
        // this smoke test at the same time, and its numbers are not judged.
        System.setProperty("jmh.ignoreLock", "true");
        int startsBefore = BenchApps.starts();
        Jdks.Jdk production = Jdks.production();
        Path markdown = BenchMain.run(new BenchSettings(false, 0, 1, 1, 0, 500), results);
        // one instance for every suite, restarted (on the migrated schema) for the service suite, which switches the
        // job scheduler off, and again for the suites after it
        assertThat(BenchApps.starts() - startsBefore).as("Rapport instances the short run started").isEqualTo(3);
        String table = Files.readString(markdown);
        assertThat(table).contains("| create account | pipeline create |").contains("raw JDBC insert")
                .contains("| import 1000 contacts (CSV) | import job |").contains("PostgreSQL COPY")
                .contains("| export 1000 contacts (CSV) | ExportService |")
                .contains("| create 500 accounts (CreateMultiple) | Web API CreateMultiple |").contains("row security")
                .contains("UI list, first page").contains("Web API retrieve by id")
                .contains("| CardDAV full sync (200 contacts) |")
                .contains("| SLA timer pass (2000 active cases, 40 due) | service-sla-timers job, one pass |")
                .contains("20 to Nearing Noncompliance, 20 to Noncompliant")
                .contains("| create a case vs an account (Web API) | POST incidents |").contains("| offline first sync (200 records) |").contains("| CardDAV incremental sync (10 changed) |")
                .contains("| quick campaign over 1000 contacts | PropagateByExpression job |")
                .contains("PostgreSQL INSERT … SELECT")
                .contains("| quote with 20 lines (create + CalculatePrice) |")
                .contains("| invoices by customer (2000 invoices, page of 50) |")
                .contains("commit:").contains("machine:");
        // the rows of issue 19: each ran and wrote its row (their values are not judged here)
        assertThat(table).contains("| Web API retrieve by id | GET accounts(id) |")
                .contains("| minimal endpoint, same SELECT over JDBC, same API filter chain |")
                .contains("| Web API list ($top=50) | GET accounts?$filter&$orderby |")
                .contains("| minimal endpoint, hand-written SQL (range on lower(name), ORDER BY, LIMIT), same API filter "
                        + "chain |")
                .contains("| cold start to ready, H2 (fresh database) | java -cp … RapportApplication until "
                        + "/actuator/health UP |")
                // under Surefire there is no packaged jar: the class path with the class directory as a jar, on the
                // newest JDK (the AOT cache from Java 25, else AppCDS); the short run starts H2 from the class directory
                // and PostgreSQL in the production layout (the full run starts both databases both ways)
                .containsPattern("\\| cold start to ready, PostgreSQL \\(\\d+ accounts\\), production layout \\| "
                        + "java <archive> -cp <jars> RapportApplication until /actuator/health UP \\|")
                .containsPattern("class path with the class directory as a jar \\(no packaged jar\\), Java "
                        + production.feature() + ", without Spring AOT, " + (production.aotCache() ? "AOT cache"
                        : "AppCDS archive") + " from a training run of [\\d.]+ s")
                .contains("| java -version |")
                .contains("| peak heap across the run | heap used before a GC, largest (this JVM, all suites) |")
                .contains("| mixed soak (50 users, 5 s) | errors and lost updates |")
                .contains("| mixed soak (50 users, 5 s): read by id |")
                .contains("| mixed soak (50 users, 5 s): list ($top=50) |")
                .contains("| mixed soak (50 users, 5 s): update (PATCH) |")
                .contains("| mixed soak (50 users, 5 s): create (POST contacts) |")
                .contains("| <= 1.3x (issue 19) |").contains("| p50 <= 25 ms |")
                .contains("| >= 20,000 rows/s (issue 19: on 1M contacts) |");
        assertThat(Files.list(results).filter(p -> p.toString().endsWith(".csv")).count()).isEqualTo(1);
    }
}
