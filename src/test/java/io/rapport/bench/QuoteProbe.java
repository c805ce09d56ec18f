package io.rapport.bench;

import io.rapport.testing.AppInstances;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A single-process probe of the sales suite's quote row for profiling, independent of the machine's load: the
 * suite's quote with 20 lines (one deep insert as a salesperson, then {@code CalculatePrice}) created one after
 * another on PostgreSQL, with the calling thread's CPU time, allocated bytes and SQL statements (a jOOQ execute
 * listener) of each half. Run it under JFR ({@code -XX:StartFlightRecording}) to see where the time goes.
 *
 * <pre>
 * java -Xmx1g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
 *   -Dbench.quotes=300 io.rapport.bench.QuoteProbe
 * </pre>
 * Properties: {@code bench.quotes} (measured, default 300, after as many warm-up quotes), {@code bench.schema} (a
 * PostgreSQL schema kept between runs instead of a fresh one), {@code bench.printStatements} (log the SQL of one more
 * quote at the end).
 */
public final class QuoteProbe {

    private static final Logger log = LoggerFactory.getLogger(QuoteProbe.class);

    /** Statements run by the thread that measures (background jobs not counted). */
    static final class Statements implements ExecuteListener {
        static final ThreadLocal<AtomicLong> COUNT = new ThreadLocal<>();
        static final ThreadLocal<java.util.List<String>> TEXT = new ThreadLocal<>();

        @Override
        public void executeStart(ExecuteContext ctx) {
            AtomicLong count = COUNT.get();
            if (count != null) {
                count.incrementAndGet();
            }
            java.util.List<String> text = TEXT.get();
            if (text != null) {
                text.add(ctx.batchSQL().length > 1 ? "batch of " + ctx.batchSQL().length + ": " + ctx.sql()
                        : ctx.sql());
            }
        }
    }

    private QuoteProbe() {
    }

    public static void main(String[] args) throws Exception {
        int quotes = Integer.getInteger("bench.quotes", 300);
        Map<String, String> props = BenchDatabase.probeProperties();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (ConfigurableApplicationContext app = AppInstances.start(props, ctx -> ctx.getBeanFactory()
                .registerSingleton("quoteProbeStatements", (ExecuteListenerProvider)
                        new DefaultExecuteListenerProvider(new Statements())))) {
            SalesSuite.Quotes q = SalesSuite.Quotes.prepare(app);
            AtomicLong statements = new AtomicLong();
            Statements.COUNT.set(statements);
            for (int round = 0; round < 2; round++) {
                // per quote: wall, CPU, bytes, statements of the create, then of CalculatePrice
                long[][] create = new long[4][quotes];
                long[][] calculate = new long[4][quotes];
                for (int i = 0; i < quotes; i++) {
                    long[] start = {System.nanoTime(), threads.getCurrentThreadCpuTime(),
                        threads.getThreadAllocatedBytes(thread), statements.get()};
                    UUID quote = q.create();
                    long[] middle = {System.nanoTime(), threads.getCurrentThreadCpuTime(),
                        threads.getThreadAllocatedBytes(thread), statements.get()};
                    if (q.calculate(quote).compareTo(SalesSuite.Quotes.EXPECTED_TOTAL) != 0) {
                        throw new IllegalStateException("Quote " + quote + " does not total "
                                + SalesSuite.Quotes.EXPECTED_TOTAL);
                    }
                    long[] end = {System.nanoTime(), threads.getCurrentThreadCpuTime(),
                        threads.getThreadAllocatedBytes(thread), statements.get()};
                    for (int k = 0; k < 4; k++) {
                        create[k][i] = middle[k] - start[k];
                        calculate[k][i] = end[k] - middle[k];
                    }
                }
                log.info(line(round == 0 ? "warm-up" : "measured", "create (deep insert)", create));
                log.info(line(round == 0 ? "warm-up" : "measured", "CalculatePrice + retrieve", calculate));
            }
            if (Boolean.getBoolean("bench.printStatements")) {
                java.util.List<String> text = new java.util.ArrayList<>();
                Statements.TEXT.set(text);
                UUID quote = q.create();
                int created = text.size();
                q.calculate(quote);
                Statements.TEXT.remove();
                log.info("Statements of one quote: create (deep insert) {}, CalculatePrice + retrieve {}\n{}",
                        created, text.size() - created, String.join("\n", text));
            }
        }
    }

    private static String line(String round, String what, long[][] m) {
        long[] wall = sorted(m[0]);
        long[] cpu = sorted(m[1]);
        return String.format(Locale.ROOT, "Quote probe %s %s: %d quotes; wall p50/p95 %.2f/%.2f ms; thread CPU "
                + "p50/mean %.2f/%.2f ms; allocated mean %.0f KiB; statements mean %.1f", round, what, wall.length,
                wall[wall.length / 2] / 1e6, wall[(int) (wall.length * 0.95)] / 1e6, cpu[cpu.length / 2] / 1e6,
                mean(cpu) / 1e6, mean(m[2]) / 1024.0, mean(m[3]));
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
