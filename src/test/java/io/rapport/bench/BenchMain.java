package io.rapport.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark suites and writes their results under {@code bench/results/}. System properties:
 * {@code bench.mode} (short|full), {@code bench.suites} (comma list, default all), {@code bench.database}
 * (fresh or a PostgreSQL database name), {@code bench.accounts}.
 */
public final class BenchMain {

    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path markdown = run(BenchSettings.fromSystemProperties(), Path.of(System.getProperty("bench.results",
                "bench/results")));
        log.info("Benchmark results written file={}", markdown);
    }

    static Path run(BenchSettings settings, Path resultsDir) throws Exception {
        Set<String> suites = Set.of(System.getProperty("bench.suites",
                "create,webapi,security,ui,import,delta,bulk,carddav,service,offline-first-sync,marketing,sales").split(","));
        List<BenchResult> results = new ArrayList<>();
        if (suites.contains("create")) {
            results.addAll(CreateSuite.run(settings));
        }
        if (suites.contains("webapi")) {
            results.addAll(WebApiSuite.run(settings));
        }
        if (suites.contains("security")) {
            results.addAll(RlsSuite.run(settings));
        }
        if (suites.contains("ui")) {
            results.addAll(UiListSuite.run(settings));
        }
        if (suites.contains("delta")) {
            results.addAll(DeltaSuite.run(settings));
        }
        if (suites.contains("carddav")) {
            results.addAll(CardDavSuite.run(settings));
        }
        if (suites.contains("offline-first-sync")) {
            results.addAll(OfflineFirstSyncSuite.run(settings));
        }
        if (suites.contains("sales")) {
            results.addAll(SalesSuite.run(settings));
        }
        if (suites.contains("import")) {
            results.addAll(ImportSuite.run(settings));
        }
        if (suites.contains("bulk")) {
            results.addAll(BulkSuite.run(settings));
        }
        if (suites.contains("service")) {
            results.addAll(ServiceSuite.run(settings));
        }
        if (suites.contains("marketing")) {
            results.addAll(MarketingSuite.run(settings));
        }
        return ResultsWriter.write(resultsDir, settings.full() ? "full" : "short", results,
                settings.accounts() + " accounts");
    }
}
