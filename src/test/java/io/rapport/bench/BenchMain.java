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

    /**
     * Issue 19, row 16: the peak heap of the whole run, as a row of its own (target under 512 MiB): the largest heap
     * occupancy before a garbage collection ({@link HeapWatch}), with the largest live set after one and the old
     * figure (the sum of each pool's own peak) in the note.
     */
    static BenchResult peakHeap() {
        long peak = HeapWatch.peakMiB();
        long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return new BenchResult("peak heap across the run", "heap used before a GC, largest (this JVM, all suites)",
                peak, "—", Double.NaN, "MiB", Double.NaN, "< 512 MiB", peak < 512, "the largest sum over the heap "
                        + "pools of the used memory before a garbage collection (" + HeapWatch.collections()
                        + " collections; garbage not yet collected included), during " + HeapWatch.peakSuite()
                        + "; largest live set after a collection " + HeapWatch.liveSetMiB() + " MiB, during "
                        + HeapWatch.liveSetSuite() + "; the old figure, the sum of each heap pool's own peak (pools "
                        + "peak at different moments: an overestimate), " + HeapWatch.sumOfPoolPeaksMiB()
                        + " MiB; max heap " + max + " MiB; the cold-start suite's separate JVMs not included");
    }

    static Path run(BenchSettings settings, Path resultsDir) throws Exception {
        Set<String> suites = Set.of(System.getProperty("bench.suites",
                "create,webapi,startup,security,ui,import,delta,bulk,carddav,service,offline-first-sync,marketing,sales,soak").split(","));
        List<BenchResult> results = new ArrayList<>();
        HeapWatch.install();
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
            HeapWatch.suite("create");
            results.addAll(CreateSuite.run(settings));
        }
        if (suites.contains("webapi")) {
            HeapWatch.suite("webapi");
            results.addAll(WebApiSuite.run(settings));
        }
        if (suites.contains("startup")) {
            HeapWatch.suite("startup");
            results.addAll(StartupSuite.run(settings));
        }
        if (suites.contains("security")) {
            HeapWatch.suite("security");
            results.addAll(RlsSuite.run(settings));
        }
        if (suites.contains("ui")) {
            HeapWatch.suite("ui");
            results.addAll(UiListSuite.run(settings));
        }
        if (suites.contains("delta")) {
            HeapWatch.suite("delta");
            results.addAll(DeltaSuite.run(settings));
        }
        if (suites.contains("carddav")) {
            HeapWatch.suite("carddav");
            results.addAll(CardDavSuite.run(settings));
        }
        if (suites.contains("offline-first-sync")) {
            HeapWatch.suite("offline-first-sync");
            results.addAll(OfflineFirstSyncSuite.run(settings));
        }
        if (suites.contains("sales")) {
            HeapWatch.suite("sales");
            results.addAll(SalesSuite.run(settings));
        }
        if (suites.contains("import")) {
            HeapWatch.suite("import");
            results.addAll(ImportSuite.run(settings));
        }
        if (suites.contains("bulk")) {
            HeapWatch.suite("bulk");
            results.addAll(BulkSuite.run(settings));
        }
        if (suites.contains("service")) {
            HeapWatch.suite("service");
            results.addAll(ServiceSuite.run(settings));
        }
        if (suites.contains("marketing")) {
            HeapWatch.suite("marketing");
            results.addAll(MarketingSuite.run(settings));
        }
        if (suites.contains("soak")) {
            HeapWatch.suite("soak");
            // last: its creates and import add contacts to a kept database
            results.addAll(SoakSuite.run(settings));
        }
    }
}
