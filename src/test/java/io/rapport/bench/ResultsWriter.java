package io.rapport.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Writes benchmark results as a Markdown table and a CSV file with the machine, commit and date. */
final class ResultsWriter {

    private ResultsWriter() {
    }

    static Path write(Path dir, String runName, List<BenchResult> results, String scale) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        String commit = commit();
        StringBuilder md = new StringBuilder();
        md.append("# Rapport benchmarks: ").append(runName).append("\n\n");
        md.append("- date: ").append(Instant.now()).append('\n');
        md.append("- commit: ").append(commit).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB max heap, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", Java ")
                .append(System.getProperty("java.version")).append('\n');
        md.append("- JVM: ").append(ManagementFactory.getRuntimeMXBean().getVmName()).append('\n');
        md.append("- scale: ").append(scale).append('\n');
        md.append("- load average at the end (1 min): ").append(String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append('\n');
        md.append("- peak heap used (the largest heap occupancy before a garbage collection): ")
                .append(HeapWatch.peakMiB()).append(" MiB of ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB allowed; largest live set "
                        + "after a collection ").append(HeapWatch.liveSetMiB()).append(" MiB; the old figure (sum of "
                        + "each pool's own peak) ").append(HeapWatch.sumOfPoolPeaksMiB()).append(" MiB\n\n");
        md.append("| benchmark | candidate | value | baseline | value | unit | ratio | target | met | note |\n");
        md.append("|---|---|---:|---|---:|---|---:|---|---|---|\n");
        StringBuilder csv = new StringBuilder("benchmark,candidate,value,baseline,baseline_value,unit,ratio,target,met,"
                + "note,commit,date\n");
        for (BenchResult r : results) {
            // a row without a floor (peak heap, soak) has NaN for its baseline and ratio: written as a dash
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.name(), r.candidate(), orDash("%.1f", r.candidateValue()), r.baseline(), orDash("%.1f", r.baselineValue()),
                    r.unit(), orDash("%.2f", r.ratio()), r.target(), r.met() ? "yes" : "no", r.note()));
            csv.append(String.format(Locale.ROOT, "%s,%s,%.3f,%s,%.3f,%s,%.4f,\"%s\",%s,\"%s\",%s,%s%n", r.name(),
                    r.candidate(), r.candidateValue(), r.baseline(), r.baselineValue(), r.unit(), r.ratio(), r.target(),
                    r.met(), r.note(), commit, Instant.now()));
        }
        Path markdown = dir.resolve(runName + "-" + stamp + ".md");
        Files.writeString(markdown, md);
        Files.writeString(dir.resolve(runName + "-" + stamp + ".csv"), csv);
        Files.writeString(dir.resolve(runName + "-latest.md"), md);
        return markdown;
    }

    private static String orDash(String format, double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
