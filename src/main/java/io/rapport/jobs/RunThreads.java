package io.rapport.jobs;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads over which one run of a job spreads its own work (an import writing two batches at once): created by the
 * run, and ended by it, since {@link #close} waits for the work handed over. Nothing here outlives the run, so a node
 * that dies takes the work with the run, and the job scheduler gives the job to another node as always. Work that
 * must outlive the run is a {@link OneOffJob}. The one place besides the cluster signals' listener where Rapport
 * starts threads of its own ({@code NoNodeLocalSchedulingTest}).
 */
public final class RunThreads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunThreads.class);

    private final ExecutorService threads;
    private final String name;

    private RunThreads(String name, int count) {
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code count} threads named {@code name-1}, {@code name-2}... */
    public static RunThreads start(String name, int count) {
        return new RunThreads(name, count);
    }

    /** Hands work over to one of the threads; the caller waits for its outcome through the future. */
    public <T> Future<T> submit(Callable<T> work) {
        return threads.submit(work);
    }

    /** Takes no more work and waits for the work handed over to end. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            while (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                log.info("Waiting for the work of {} to end", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
