package io.rapport.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs the scanners (Debian's {@code wapiti} and {@code sqlmap}) as bounded child processes. */
final class ScanTools {

    private ScanTools() {
    }

    /** Skips the scan locally when a scanner is not installed, but fails it on CI ({@code CI=true}). */
    static void require(String... commands) {
        for (String command : commands) {
            if (!onPath(command)) {
                String why = command + " is needed for the web vulnerability scan (apt-get install wapiti sqlmap;"
                        + " .ci/setup installs them)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(why);
                }
                Assumptions.abort(why);
            }
        }
    }

    static boolean onPath(String command) {
        return which(command) != null;
    }

    /** The executable a shell would run for {@code command}, or null. */
    static Path which(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs a command with its output in {@code log}, killing it (and its children) when it outlives
     * {@code limit}; returns the output. A scanner that had to be killed still leaves its partial output.
     */
    static String run(List<String> command, Path log, Duration limit) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.writeString(log, "\n[killed after " + limit.toSeconds() + " s]\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return Files.readString(log);
    }
}
