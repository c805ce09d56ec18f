package io.rapport.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives HTTP load with wrk (Debian package {@code wrk}), which costs the server's CPU far less than a client in
 * the same JVM: the given paths are requested in turn over a fixed number of connections.
 */
final class WrkDriver {

    private static final Path WRK = Path.of("/usr/bin/wrk");

    private WrkDriver() {
    }

    static boolean available() {
        return Files.isExecutable(WRK);
    }

    static LoadDriver.Result run(String baseUrl, List<String> paths, String authorization, int connections,
            int warmupSeconds, int seconds) throws IOException, InterruptedException {
        return run(baseUrl, paths, authorization, null, connections, warmupSeconds, seconds);
    }

    /** With {@code cookie} instead of an authorization header, for pages of a signed-in session. */
    static LoadDriver.Result run(String baseUrl, List<String> paths, String authorization, String cookie,
            int connections, int warmupSeconds, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("rapport-wrk", ".lua");
        try {
            StringBuilder lua = new StringBuilder("paths = {");
            for (String p : paths) {
                lua.append('"').append(p.replace("\"", "\\\"")).append("\",");
            }
            lua.append("}\ncounter = 0\n")
                    .append("request = function()\n  counter = counter + 1\n")
                    .append("  return wrk.format(\"GET\", paths[(counter % #paths) + 1], {")
                    .append(authorization != null ? "[\"Authorization\"] = \"" + authorization + "\", "
                            : "[\"Cookie\"] = \"" + cookie + "\", ")
                    .append(authorization != null ? "[\"Accept\"] = \"application/json\"" : "[\"Accept\"] = \"text/html\"")
                    .append("})\nend\n")
                    .append("done = function(summary, latency, requests)\n")
                    .append("  io.write(string.format(\"RESULT %d %d %d %f %f %f %f\\n\", summary.requests, ")
                    .append("summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write ")
                    .append("+ summary.errors.timeout, summary.duration, latency:percentile(50), latency:percentile(95), ")
                    .append("latency:percentile(99), 0))\nend\n");
            Files.writeString(script, lua, StandardCharsets.UTF_8);
            if (warmupSeconds > 0) {
                wrk(baseUrl, script, connections, warmupSeconds);
            }
            String out = wrk(baseUrl, script, connections, seconds);
            Matcher m = Pattern.compile("RESULT (\\d+) (\\d+) (\\d+) ([\\d.]+) ([\\d.]+) ([\\d.]+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("wrk printed no result: " + out);
            }
            long requests = Long.parseLong(m.group(1));
            long errors = Long.parseLong(m.group(2));
            double durationSeconds = Long.parseLong(m.group(3)) / 1e6;
            if (errors > requests / 100) {
                throw new IllegalStateException(errors + " of " + requests + " wrk requests failed: " + out);
            }
            return new LoadDriver.Result(requests / durationSeconds, ms(m.group(4)), ms(m.group(5)), ms(m.group(6)),
                    requests, errors);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static double ms(String micros) {
        return Double.parseDouble(micros) / 1000.0;
    }

    private static String wrk(String baseUrl, Path script, int connections, int seconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(WRK.toString(), "-t2", "-c" + connections, "-d" + seconds + "s", "-s",
                script.toString(), baseUrl).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return out.toLowerCase(Locale.ROOT).contains("non-2xx") ? out + "\n(non-2xx responses)" : out;
    }
}
