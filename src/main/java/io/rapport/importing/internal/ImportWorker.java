package io.rapport.importing.internal;

import io.rapport.importing.ImportProperties;
import java.net.InetAddress;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks for queued import jobs (and running ones whose node went silent) and runs them, a few at a time. When the
 * application stops, running jobs finish their current batch and go back to the queue, so that a restart or another
 * node resumes them from their checkpoint. Claiming a job is one conditional update, so each job runs on one node
 * however many nodes poll; abandoned drafts are removed by the recurring job {@link ImportDraftCleanupJob}, on one
 * node at a time.
 */
@Component
class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

    /** How long an uploaded file waits for its mapping to be confirmed before it is removed. */
    static final java.time.Duration DRAFT_LIFETIME = java.time.Duration.ofDays(1);

    private final ImportJobRepository jobs;
    private final ImportFileStore files;
    private final ImportRunner runner;
    private final ImportProperties properties;
    private final String node;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Semaphore slots;
    private ScheduledExecutorService poller;
    private ExecutorService workers;
    private volatile boolean running;

    ImportWorker(ImportJobRepository jobs, ImportFileStore files, ImportRunner runner, ImportProperties properties) {
        this.jobs = jobs;
        this.files = files;
        this.runner = runner;
        this.properties = properties;
        this.slots = new Semaphore(properties.workers());
        this.node = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }

    @Override
    public void start() {
        running = true;
        if (properties.workers() <= 0) {
            // this node serves requests only; other nodes run the imports
            return;
        }
        stopping.set(false);
        workers = Executors.newFixedThreadPool(properties.workers(), r -> new Thread(r, "import-worker"));
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "import-poller"));
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Removes drafts (and their files) created before the cut-off whose mapping was never submitted. */
    int removeDrafts(LocalDateTime createdBefore) {
        int removed = 0;
        try {
            List<UUID> drafts;
            do {
                drafts = jobs.abandonedDrafts(createdBefore, 100);
                for (UUID id : drafts) {
                    files.delete(id);
                    jobs.delete(id);
                    removed++;
                }
            } while (drafts.size() == 100);
        } catch (RuntimeException e) {
            log.warn("Removing abandoned import drafts failed node={}", node, e);
        }
        if (removed > 0) {
            log.info("Abandoned import drafts removed count={} node={}", removed, node);
        }
        return removed;
    }

    /** Looks for work now rather than at the next poll (a job was just queued on this node). */
    void wakeUp() {
        ScheduledExecutorService p = poller;
        if (running && p != null && !p.isShutdown()) {
            p.execute(this::poll);
        }
    }

    /** Claims as many jobs as there are free slots. */
    void poll() {
        try {
            LocalDateTime staleBefore = LocalDateTime.now(ZoneOffset.UTC).minus(properties.staleAfter());
            while (!stopping.get() && slots.availablePermits() > 0) {
                UUID claimed = jobs.claimable(staleBefore, 5).stream()
                        .filter(id -> jobs.claim(id, node, staleBefore)).findFirst().orElse(null);
                if (claimed == null) {
                    return;
                }
                slots.acquire();
                log.info("Import job claimed job={} node={}", claimed, node);
                workers.submit(() -> {
                    try {
                        runner.run(claimed, node, stopping::get);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Import poll failed node={}", node, e);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (poller == null) {
            return;
        }
        stopping.set(true);
        poller.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("Import workers did not stop in time node={}", node);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the web server and the data source go away
        return Integer.MAX_VALUE - 1000;
    }
}
