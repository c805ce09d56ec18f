package io.rapport.security;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sqlmap against query parameters of the Web API (a bearer token) and the UI's list filters (the session cookie):
 * level 1, risk 1, boolean, error and union techniques, one bounded run per target with the injection point
 * marked {@code *}. Its console output gives the findings: an identified injection point (high), a DBMS error
 * message in a response (medium) and 5xx answers to its probes (medium).
 */
final class SqlmapScan {

    static final Duration PER_TARGET = Duration.ofSeconds(75);

    private static final Pattern INJECTABLE = Pattern.compile("(?m)^Parameter: (.+)$");
    private static final Pattern DBMS_ERROR = Pattern.compile(
            "heuristic \\(basic\\) test shows that .*?parameter '([^']+)' might be injectable \\(possible DBMS: '([^']+)'\\)");
    private static final Pattern SIGNED_OUT = Pattern.compile("redirect to '[^']*/login");
    private static final Pattern SERVER_ERRORS = Pattern.compile("(5\\d\\d) \\([^)]*\\) - (\\d+) times");

    /** One URL with its injection point marked {@code *} and the header that signs it in. */
    record Target(String name, String pathAndQuery, String header) {
    }

    private final String origin;
    private final Path dir;

    SqlmapScan(String origin, Path dir) {
        this.origin = origin;
        this.dir = dir;
    }

    List<ScanFinding> run(Target target) throws IOException, InterruptedException {
        List<String> command = List.of("sqlmap", "-u", origin + target.pathAndQuery(), "-H", target.header(),
                "--batch", "--level", "1", "--risk", "1", "--technique", "BEU", "--skip-waf", "--timeout", "20",
                "--retries", "1", "--flush-session", "--output-dir", dir.resolve("output").toString(),
                "--disable-coloring", "-v", "1");
        String log = ScanTools.run(command, dir.resolve(target.name() + ".log"), PER_TARGET);
        if (!log.contains("testing connection to the target URL")) {
            throw new IllegalStateException("sqlmap did not reach the target; its output:\n" + log);
        }
        if (SIGNED_OUT.matcher(log).find()) {
            throw new IllegalStateException("sqlmap was sent to the sign-in page of " + target.name()
                    + ": it probed nothing signed in; its output:\n" + log);
        }
        return findings(URI.create(origin + target.pathAndQuery().replace("*", "")).getPath(), log);
    }

    static List<ScanFinding> findings(String path, String log) {
        List<ScanFinding> found = new ArrayList<>();
        if (log.contains("identified the following injection point")) {
            Matcher m = INJECTABLE.matcher(log);
            found.add(new ScanFinding("sqlmap", "SQL Injection", ScanFinding.Severity.HIGH, path,
                    m.find() ? m.group(1) : "", "injection point identified"));
        }
        Matcher error = DBMS_ERROR.matcher(log);
        while (error.find()) {
            found.add(new ScanFinding("sqlmap", "DBMS error message", ScanFinding.Severity.MEDIUM, path,
                    error.group(1), "a response looked like a " + error.group(2) + " error message"));
        }
        Matcher server = SERVER_ERRORS.matcher(log);
        while (server.find()) {
            found.add(new ScanFinding("sqlmap", "Internal Server Error", ScanFinding.Severity.MEDIUM, path, "",
                    server.group(2) + " responses with status " + server.group(1)));
        }
        return found;
    }
}
