package io.rapport.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wapiti over the signed-in web UI: the session cookie goes in wapiti's JSON cookie file; the crawl and each
 * attack module are bounded in time; pages that would end the session or lock the administrator out (sign-out,
 * users, roles, tokens) are left out. Findings come from its JSON report, vulnerabilities and anomalies (a 5xx is
 * an anomaly).
 */
final class WapitiScan {

    /**
     * The modules the scan runs (injection, traversal, header injection, open redirect, CSRF, stored XSS) in two
     * groups, each attacking in its own wapiti process on a copy of the one crawl's session: wapiti 3.0 sends one
     * request at a time and spends a core on its own parsing, so one process left a core of the two idle for
     * minutes. Stored XSS reads what the XSS module injected and stays in its group.
     */
    static final List<String> GROUPS = List.of("sql,exec,file,crlf,redirect", "xss,permanentxss,csrf");
    static final Duration CRAWL = Duration.ofSeconds(50);
    static final Duration PER_MODULE = Duration.ofSeconds(60);

    private static final java.util.regex.Pattern CRAWLED = java.util.regex.Pattern.compile(
            "(?m)^\\[\\+\\] GET (\\S+) \\(\\d+\\)$");

    private final String origin;
    private final Path dir;

    WapitiScan(String origin, Path dir) {
        this.origin = origin;
        this.dir = dir;
    }

    List<ScanFinding> run(Map<String, String> cookies, List<String> startPaths, List<String> excludedPaths)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path cookieFile = dir.resolve("cookies.json");
        writeCookieFile(cookieFile, cookies);
        List<String> common = new ArrayList<>(launcher());
        common.addAll(List.of("-u", origin + "/", "--scope", "folder", "-c", cookieFile.toString(), "-d", "3",
                "--max-links-per-page", "25", "--max-files-per-dir", "12", "--max-parameters", "40", "-S", "normal",
                "--max-scan-time", String.valueOf(CRAWL.toSeconds()),
                "--max-attack-time", String.valueOf(PER_MODULE.toSeconds()), "-t", "20", "-f", "json", "-v", "1",
                "--no-bugreport"));
        for (String start : startPaths) {
            common.addAll(List.of("-s", origin + start));
        }
        for (String excluded : excludedPaths) {
            common.addAll(List.of("-x", origin + excluded));
        }

        // the crawl alone (no module), into a fresh session
        Path crawlSession = dir.resolve("session");
        org.springframework.util.FileSystemUtils.deleteRecursively(crawlSession);
        List<String> crawl = new ArrayList<>(common);
        crawl.addAll(List.of("-m", "", "--store-session", crawlSession.toString(), "-o",
                dir.resolve("crawl-report.json").toString()));
        String log = ScanTools.run(crawl, dir.resolve("wapiti.log"), CRAWL.plusSeconds(90));
        // signed in, the crawl never meets the sign-in page (a page of the UI would redirect there otherwise)
        java.util.regex.Matcher crawled = CRAWLED.matcher(log);
        int pages = 0;
        while (crawled.find()) {
            pages++;
            if (java.net.URI.create(crawled.group(1)).getPath().equals("/login")) {
                throw new IllegalStateException("wapiti crawled without its session; its output:\n" + log);
            }
        }
        if (pages < startPaths.size()) {
            throw new IllegalStateException("wapiti crawled " + pages + " pages; its output:\n" + log);
        }

        // each group attacks what the crawl found, from its own copy of the session, at the same time
        List<java.util.concurrent.CompletableFuture<List<ScanFinding>>> attacks = new ArrayList<>();
        for (int i = 0; i < GROUPS.size(); i++) {
            String modules = GROUPS.get(i);
            Path session = dir.resolve("session-" + i);
            org.springframework.util.FileSystemUtils.deleteRecursively(session);
            org.springframework.util.FileSystemUtils.copyRecursively(crawlSession, session);
            Path report = dir.resolve("report-" + i + ".json");
            Files.deleteIfExists(report);
            List<String> attack = new ArrayList<>(common);
            attack.addAll(List.of("-m", modules, "--skip-crawl", "--store-session", session.toString(), "-o",
                    report.toString()));
            Duration limit = PER_MODULE.multipliedBy(modules.split(",").length).plusSeconds(90);
            Path attackLog = dir.resolve("wapiti-" + i + ".log");
            attacks.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    String output = ScanTools.run(attack, attackLog, limit);
                    if (!Files.exists(report)) {
                        throw new IllegalStateException("wapiti (" + modules + ") wrote no report; its output:\n"
                                + output);
                    }
                    if (!output.contains("Launching module " + modules.split(",")[0])) {
                        throw new IllegalStateException("wapiti (" + modules + ") attacked nothing; its output:\n"
                                + output);
                    }
                    return findings(new ObjectMapper().readTree(report.toFile()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<ScanFinding> found = new ArrayList<>();
        for (var attack : attacks) {
            try {
                found.addAll(attack.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a wapiti attack failed", e.getCause());
            }
        }
        return found;
    }

    /**
     * Wapiti through {@code security/wapiti.py} (which mends its URL exclusions on Python 3.11), run by the
     * interpreter of wapiti's own launcher.
     */
    private List<String> launcher() throws IOException {
        Path script = dir.resolve("wapiti.py");
        try (var in = WapitiScan.class.getResourceAsStream("/security/wapiti.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String shebang = Files.readAllLines(ScanTools.which("wapiti")).get(0);
        String python = shebang.startsWith("#!") ? shebang.substring(2).strip() : "/usr/bin/python3";
        return List.of(python, script.toString());
    }

    static List<ScanFinding> findings(JsonNode report) {
        List<ScanFinding> found = new ArrayList<>();
        for (String kind : List.of("vulnerabilities", "anomalies")) {
            report.path(kind).fields().forEachRemaining(category -> {
                for (JsonNode f : category.getValue()) {
                    found.add(new ScanFinding("wapiti", category.getKey(),
                            ScanFinding.Severity.ofWapitiLevel(Integer.parseInt(f.path("level").asText("0"))),
                            f.path("path").asText(), f.path("parameter").asText(""),
                            f.path("method").asText() + " " + f.path("info").asText()));
                }
            });
        }
        return found;
    }

    /** Wapiti's cookie file: domain (an IP address as it is) → path → name → attributes. */
    private void writeCookieFile(Path file, Map<String, String> cookies) throws IOException {
        String host = java.net.URI.create(origin).getHost();
        Map<String, Object> byName = new java.util.LinkedHashMap<>();
        cookies.forEach((name, value) -> {
            Map<String, Object> attributes = new java.util.LinkedHashMap<>();
            attributes.put("value", value);
            attributes.put("expires", null);
            attributes.put("secure", false);
            attributes.put("port", null);
            attributes.put("version", 0);
            byName.put(name, attributes);
        });
        new ObjectMapper().writeValue(file.toFile(), Map.of(host, Map.of("/", byName)));
    }
}
