package io.rapport.bench;

/**
 * How long and how big a benchmark run is. Short runs (CI) prove the suite still works in seconds; full runs
 * (manual, {@code bench/run.sh}) produce the numbers.
 */
record BenchSettings(boolean full, int warmupIterations, int measurementIterations, int iterationSeconds, int forks,
        int accounts) {

    static BenchSettings fromSystemProperties() {
        boolean full = "full".equals(System.getProperty("bench.mode", "short"));
        int accounts = Integer.getInteger("bench.accounts", full ? 1_000_000 : 2_000);
        return full ? new BenchSettings(true, 3, 5, 5, 1, accounts) : new BenchSettings(false, 0, 1, 1, 0, accounts);
    }
}
