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
 * (fresh or a PostgreSQL database name), {@code bench.accounts}, {@code bench.soakSeconds} (the mixed soak's
 * length; 600 in full mode).
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

    /** Issue 19: the peak heap of the whole run, as a row of its own (target under 512 MiB). */
    static BenchResult peakHeap() {
        long peak = ResultsWriter.peakHeapMiB();
        long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        long oldPeak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                oldPeak = pool.getPeakUsage().getUsed() / (1024 * 1024);
            }
        }
        return new BenchResult("peak heap across the run", "peak heap used (this JVM, all suites)", peak, "—",
                Double.NaN, "MiB", Double.NaN, "< 512 MiB", peak < 512, "the sum of each heap pool's own peak "
                        + "(an upper bound, garbage included); old generation peak " + oldPeak + " MiB; max heap "
                        + max + " MiB; the cold-start suite's separate JVMs not included");
    }

    static Path run(BenchSettings settings, Path resultsDir) throws Exception {
        Set<String> suites = Set.of(System.getProperty("bench.suites",
                "create,webapi,startup,security,ui,import,delta,bulk,carddav,service,offline-first-sync,marketing,sales,soak").split(","));
        List<BenchResult> results = new ArrayList<>();
        try {
            runSuites(settings, suites, results);
        } finally {
            BenchApps.stopShared();
        }
        results.add(peakHeap());
        return ResultsWriter.write(resultsDir, settings.full() ? "full" : "short", results,
                settings.accounts() + " accounts");
    }

    private static void runSuites(BenchSettings settings, Set<String> suites, List<BenchResult> results)
            throws Exception {
        if (suites.contains("create")) {
            results.addAll(CreateSuite.run(settings));
        }
        if (suites.contains("webapi")) {
            results.addAll(WebApiSuite.run(settings));
        }
        if (suites.contains("startup")) {
            results.addAll(StartupSuite.run(settings));
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
        if (suites.contains("soak")) {
            // last: its creates and import add contacts to a kept database
            results.addAll(SoakSuite.run(settings));
        }
    }
}
