package io.rapport.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A recurring job declared on two nodes of one PostgreSQL database runs once per period across them, never twice:
 * both nodes poll every 100 ms for a job due every 500 ms, and every run is recorded with its node and start time.
 */
class RecurringJobAcrossNodesTest {

    private static final long PERIOD_MILLIS = 500;

    record Run(String node, long startedAt) {
    }

    private static final List<Run> RUNS = Collections.synchronizedList(new ArrayList<>());

    /** The counter job; not a component (registered into the two test nodes only). */
    static final class CountingJob implements RecurringJob {
        private final String node;

        CountingJob(String node) {
            this.node = node;
        }

        @Override
        public String name() {
            return "test-counting-job";
        }

        @Override
        public JobSchedule schedule() {
            return JobSchedule.fixedDelay(Duration.ofMillis(PERIOD_MILLIS));
        }

        @Override
        public void run(JobRun run) throws InterruptedException {
            RUNS.add(new Run(node, System.currentTimeMillis()));
            Thread.sleep(50);
        }
    }

    private static ConfigurableApplicationContext node(Map<String, String> db, String name) {
        return AppInstances.start(db, context -> ((GenericApplicationContext) context).registerBean(
                CountingJob.class, () -> new CountingJob(name)));
    }

    @Test
    void aRecurringJobRunsOncePerPeriodAcrossTwoNodes() throws Exception {
        Map<String, String> db = new HashMap<>(TestDatabases.postgres());
        db.put("rapport.jobs.polling-interval", "100ms");
        try (ConfigurableApplicationContext a = node(db, "A"); ConfigurableApplicationContext b = node(db, "B")) {
            RUNS.clear();
            long start = System.currentTimeMillis();
            Thread.sleep(6_000);
            long window = System.currentTimeMillis() - start;
            List<Run> runs;
            synchronized (RUNS) {
                runs = List.copyOf(RUNS);
            }
            System.out.printf("recurring job: %d runs in %d ms on two nodes (A %d, B %d)%n", runs.size(), window,
                    runs.stream().filter(r -> r.node().equals("A")).count(),
                    runs.stream().filter(r -> r.node().equals("B")).count());
            // one run per period of 500 ms plus the run's 50 ms: at most 11 in 6 s, and a loaded machine may lose some
            assertThat(runs.size()).isBetween(5, (int) (window / (PERIOD_MILLIS + 50)) + 1);
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).startedAt() - runs.get(i - 1).startedAt())
                        .as("run %d (%s) after run %d (%s)", i, runs.get(i).node(), i - 1, runs.get(i - 1).node())
                        .isGreaterThanOrEqualTo(PERIOD_MILLIS + 50);
            }
        }
    }
}
