package io.rapport.bench;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Benchmark 1: create through the pipeline against a raw JDBC insert of the same row (JMH). */
final class CreateSuite {

    private CreateSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CreateBenchmark.class.getName() + "\\.")
                .warmupIterations(s.warmupIterations())
                .warmupTime(TimeValue.seconds(s.iterationSeconds()))
                .measurementIterations(s.measurementIterations())
                .measurementTime(TimeValue.seconds(s.iterationSeconds()))
                .forks(s.forks())
                .threads(1)
                .timeUnit(TimeUnit.SECONDS)
                .jvmArgsAppend("-Dbench.database=" + System.getProperty("bench.database", "fresh"))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double pipeline = score(results, "pipelineCreate");
        double jdbc = score(results, "jdbcInsert");
        double ratio = jdbc / pipeline;
        return List.of(new BenchResult("create account", "pipeline create", pipeline, "raw JDBC insert", jdbc, "ops/s",
                ratio, "<= 3x", ratio <= 3.0, "one transaction each, single thread"));
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No result for " + method))
                .getPrimaryResult().getScore();
    }
}
