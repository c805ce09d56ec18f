package io.rapport.bench;

/**
 * One measured comparison: a candidate against its baseline from the same run.
 *
 * @param unit what the values count, e.g. "ops/s" (higher is better) or "ms" (lower is better)
 * @param ratio how many times slower the candidate is than the baseline (1.0 = as fast)
 * @param target the goal for the ratio or value, in words
 */
record BenchResult(String name, String candidate, double candidateValue, String baseline, double baselineValue,
        String unit, double ratio, String target, boolean met, String note) {
}
