package io.rapport.bench;

import io.rapport.testing.AppInstances;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Rapport instances the suites measure. A full run starts one per suite, with that suite's settings, as
 * before. A short run (CI, {@link BenchSmokeTest}) shares one instance on one schema among every suite whose
 * settings it already has ({@link #SHARED}), so that the smoke run starts and migrates Rapport once instead of once
 * per suite. A suite asking for a setting the shared instance does not have (the service suite switches the job
 * scheduler off) makes it restart with that setting added (on the migrated schema, so without migrations); it is
 * never left running beside a second instance, which would run jobs against the same rows.
 */
final class BenchApps {

    /** The settings of every suite that may share the short run's instance. */
    static final Map<String, String> SHARED = Map.of(
            "rapport.webapi.rate-limit-requests", "100000000",
            "rapport.webapi.concurrency-limit", "1000",
            "rapport.webapi.execution-time-limit", "100000h",
            "rapport.bench.floor-endpoints", "true",
            "rapport.change-tracking.commit-lag", "0s");

    private static int starts;
    private static ConfigurableApplicationContext shared;
    private static Map<String, String> sharedProperties;

    private BenchApps() {
    }

    /** A running instance for one suite; closing it stops the instance unless the short run shares it. */
    record Lease(ConfigurableApplicationContext app, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                app.close();
            }
        }
    }

    /** An instance with the given settings (the database's and the suite's own). */
    static synchronized Lease start(Map<String, String> settings) {
        // the benchmarks measure production's password hashing (the tests' instances hash at the lowest cost)
        Map<String, String> properties = new HashMap<>(settings);
        properties.putIfAbsent(AppInstances.PASSWORD_HASH_COST, "10");
        if (BenchSettings.fromSystemProperties().full() || !BenchDatabase.isShortRunSchema(properties)) {
            starts++;
            return new Lease(AppInstances.start(properties), true);
        }
        Map<String, String> wanted = new HashMap<>(SHARED);
        wanted.putAll(properties);
        if (shared == null || !shared.isActive() || !wanted.equals(sharedProperties)) {
            stopShared();
            starts++;
            shared = AppInstances.start(wanted);
            sharedProperties = wanted;
        }
        return new Lease(shared, false);
    }

    /** How many instances this JVM's suites started (the cold-start suite's separate JVMs not counted). */
    static synchronized int starts() {
        return starts;
    }

    /** Stops the shared instance of a short run (at its end, or before an instance with other settings). */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
            sharedProperties = null;
        }
    }
}
