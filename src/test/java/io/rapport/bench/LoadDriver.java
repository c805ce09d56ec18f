package io.rapport.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one operation from several threads for a fixed time and reports throughput and latency percentiles.
 * A warm-up period runs first and is not counted (none when it is 0 seconds, as in short runs).
 */
final class LoadDriver {

    /** One call of the measured operation; {@code n} counts calls of this thread. */
    @FunctionalInterface
    interface Operation {
        void call(int thread, long n) throws Exception;
    }

    /** Throughput in operations per second and latencies in milliseconds. */
    record Result(double throughput, double p50, double p95, double p99, long count, long errors) {
    }

    private LoadDriver() {
    }

    static Result run(int threads, int warmupSeconds, int seconds, Operation op) throws Exception {
        if (warmupSeconds > 0) {
            measure(threads, warmupSeconds, op);
        }
        return result(List.of(measure(threads, seconds, op)));
    }

    /**
     * Two operations measured against each other ({@code seconds} each): both warmed first, then measured in turns
     * (a, b, a, b, ... {@code turns} windows each), so that what drifts during a run (the JIT still compiling after a
     * start, caches filling, the machine's load) falls on both alike instead of on whichever went first. Each result
     * merges its windows.
     */
    static Result[] compare(int threads, int warmupSeconds, int seconds, int turns, Operation a, Operation b)
            throws Exception {
        if (warmupSeconds > 0) {
            measure(threads, warmupSeconds, a);
            measure(threads, warmupSeconds, b);
        }
        int window = Math.max(1, seconds / turns);
        List<Window> as = new ArrayList<>();
        List<Window> bs = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            as.add(measure(threads, window, a));
            bs.add(measure(threads, window, b));
        }
        return new Result[] {result(as), result(bs)};
    }

    /** The latencies (nanoseconds) of one measured window's successful calls, its length and its failed calls. */
    private record Window(long[] latencies, double seconds, long errors) {
    }

    private static Result result(List<Window> windows) {
        long[] all = windows.stream().flatMapToLong(w -> Arrays.stream(w.latencies())).sorted().toArray();
        long errors = windows.stream().mapToLong(Window::errors).sum();
        double seconds = windows.stream().mapToDouble(Window::seconds).sum();
        if (all.length == 0) {
            throw new IllegalStateException("No call succeeded (" + errors + " errors)");
        }
        if (errors > all.length / 100) {
            throw new IllegalStateException(errors + " of " + (all.length + errors) + " calls failed");
        }
        return new Result(all.length / seconds, pct(all, 0.50), pct(all, 0.95), pct(all, 0.99), all.length, errors);
    }

    private static Window measure(int threads, int seconds, Operation op) throws Exception {
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        // the window opens when every thread is running (a loaded machine can take longer than a short window to
        // start them: CI saw a one-second window close before any thread made a call), and each thread makes at
        // least one call
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong endAt = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int size = 0;
                ready.countDown();
                go.await();
                long end = endAt.get();
                for (long n = 0; n == 0 || System.nanoTime() < end; n++) {
                    long t0 = System.nanoTime();
                    try {
                        op.call(thread, n);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (size == latencies.length) {
                        latencies = Arrays.copyOf(latencies, size * 2);
                    }
                    latencies[size++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, size);
            }));
        }
        ready.await();
        long start = System.nanoTime();
        endAt.set(start + seconds * 1_000_000_000L);
        go.countDown();
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Window(parts.stream().flatMapToLong(Arrays::stream).toArray(), elapsed, errors.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** One unmeasured pass of a warm-up; {@code index} counts from 0. */
    interface Pass {
        void run(int index) throws Exception;
    }

    /** How a warm-up ended: the passes it ran and the compiler's share of the last one. */
    record Settling(int passes, double lastCompileShare) {
    }

    /**
     * Runs passes until the JIT compiler's time during a pass is under a tenth of the pass's wall time, or {@code
     * maxPasses} passes: for about half a minute after a start the compiler takes most of a core, which a measure
     * taken then would share with it (the server runs in this JVM, so its compiler is this JVM's).
     */
    static Settling untilJitSettles(int maxPasses, Pass pass) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        int passes = 0;
        double share;
        do {
            long compiled = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            pass.run(passes);
            share = (jit.getTotalCompilationTime() - compiled) / ((System.nanoTime() - started) / 1e6);
            passes++;
        } while (passes < maxPasses && share >= 0.1);
        return new Settling(passes, share);
    }
}
