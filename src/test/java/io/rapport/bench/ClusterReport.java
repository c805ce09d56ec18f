package io.rapport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cluster harness's report: Markdown lines, printed as they come and kept for the results file. */
final class ClusterReport {

    private final StringBuilder text = new StringBuilder();

    void line(String s) {
        text.append(s).append('\n');
        System.out.println(s);
    }

    String text() {
        return text.toString();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String millis(long ms) {
        return ms < 0 ? "not within 5 s" : ms + " ms";
    }
}
