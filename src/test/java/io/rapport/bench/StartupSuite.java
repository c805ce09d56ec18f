package io.rapport.bench;

import io.rapport.RapportApplication;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cold start to ready (issue 19): Rapport started as a user starts it, a separate JVM ({@code java -cp … 
 * io.rapport.RapportApplication}), timed from the process start to {@code /actuator/health} answering UP; on a fresh
 * H2 file database, then on the benchmark's PostgreSQL database with its accounts. The floor is a {@code java -version} started the same way in
 * the same run. Every started JVM is stopped by a shutdown hook if the benchmark JVM ends first.
 */
final class StartupSuite {

    private static final String CANDIDATE = "java -cp … RapportApplication until /actuator/health UP";
    private static final Pattern STARTED = Pattern.compile("Started RapportApplication in ([\\d.]+) seconds");

    private StartupSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Classpath cp = classpath();
        Duration timeout = Duration.ofSeconds(Long.getLong("bench.startupTimeoutSeconds", 600));
        double javaVersion = javaVersionSeconds(java, s.full() ? 5 : 1);
        List<BenchResult> results = new ArrayList<>();

        Path h2 = Files.createTempDirectory("rapport-bench-h2");
        try {
            results.add(row("cold start to ready, H2 (fresh database)", CANDIDATE, start(java, cp,
                    h2(h2.resolve("rapport")), timeout), javaVersion, cp));
        } finally {
            deleteTree(h2);
        }

        Map<String, String> pg = new HashMap<>(BenchDatabase.properties());
        long accounts = ensureAccounts(pg, s.accounts());
        Map<String, String> pgProps = Map.of("spring.datasource.url", pg.get("spring.datasource.url"),
                "spring.datasource.username", pg.get("spring.datasource.username"),
                "spring.datasource.password", pg.get("spring.datasource.password"));
        results.add(row("cold start to ready, PostgreSQL (" + accounts + " accounts)", CANDIDATE, start(java, cp,
                pgProps, timeout), javaVersion, cp));
        return results;
    }

    private static Map<String, String> h2(Path file) {
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + file
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    private static BenchResult row(String name, String candidate, Started started, double javaVersion,
            Classpath cp) {
        return new BenchResult(name, candidate, started.seconds(),
                "java -version", javaVersion, "s", started.seconds() / javaVersion, "<= 6 s", started.seconds() <= 6,
                String.format(Locale.ROOT, "a separate JVM (%s, %s); Spring reported started after %s s", heapArgs()
                        .isEmpty() ? "default heap" : String.join(" ", heapArgs()), cp.description(),
                        started.springSeconds() == null ? "?" : started.springSeconds()));
    }

    record Started(double seconds, String springSeconds) {
    }

    record Classpath(String path, String description) {
    }

    /** What a user runs: the application's classes and its runtime dependencies (written by bench/run.sh). */
    private static Classpath classpath() throws IOException {
        Path runtime = Path.of("target/runtime-classpath.txt");
        if (Files.isReadable(runtime) && Files.isDirectory(Path.of("target/classes"))) {
            return new Classpath(Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator
                    + Files.readString(runtime).trim(), "runtime class path");
        }
        // under Surefire (BenchSmokeTest): the test class path without the test classes themselves
        String filtered = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes/"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
        return new Classpath(filtered, "test class path without test classes");
    }

    /** The -Xmx and GC options of this benchmark JVM, so that the started application gets the same heap. */
    private static List<String> heapArgs() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-XX:+Use") && a.endsWith("GC")).toList();
    }

    private static double javaVersionSeconds(Path java, int runs) throws Exception {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("java -version did not finish");
            }
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    /** The command that starts Rapport as a user does, with this run's heap. */
    private static List<String> command(Path java, Classpath cp, Map<String, String> database, int port) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(heapArgs());
        command.addAll(List.of("-cp", cp.path(), RapportApplication.class.getName(), "--server.port=" + port,
                "--rapport.security.admin-password=" + TestUsers.ADMIN_PASSWORD));
        database.forEach((k, v) -> command.add("--" + k + "=" + v));
        return command;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static Started start(Path java, Classpath cp, Map<String, String> database, Duration timeout)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = command(java, cp, database, port);
        Path log = Files.createTempFile("rapport-bench-start", ".log");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // the started application never outlives the benchmark, even when the benchmark JVM is stopped meanwhile
        Thread killer = new Thread(app::destroyForcibly, "bench-startup-child-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            long deadline = t0 + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("Rapport exited with " + app.exitValue() + " before it was "
                            + "ready: " + tail(log));
                }
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"")) {
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        Matcher m = STARTED.matcher(Files.readString(log));
                        return new Started(seconds, m.find() ? m.group(1) : null);
                    }
                } catch (IOException notYet) {
                    // the port is not open yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("Rapport was not ready after " + timeout + ": " + tail(log));
        } finally {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            removeHook(killer);
            Files.deleteIfExists(log);
        }
    }

    /** The accounts in the benchmark database, generated first (in this JVM) when there are fewer than asked. */
    private static long ensureAccounts(Map<String, String> pg, int wanted) throws Exception {
        long existing = countAccounts(pg);
        if (existing < wanted) {
            try (BenchApps.Lease lease = BenchApps.start(pg)) {
                ConfigurableApplicationContext app = lease.app();
                WebApiSuite.ensureAccounts(app, app.getBean(javax.sql.DataSource.class), wanted);
            }
            existing = countAccounts(pg);
        }
        return existing;
    }

    private static long countAccounts(Map<String, String> pg) {
        try (Connection c = DriverManager.getConnection(pg.get("spring.datasource.url"),
                pg.get("spring.datasource.username"), pg.get("spring.datasource.password"));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from account")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException noSchemaYet) {
            return 0;
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 3000));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
