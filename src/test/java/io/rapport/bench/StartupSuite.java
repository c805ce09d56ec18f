package io.rapport.bench;

import io.rapport.RapportApplication;
import io.rapport.testing.HealthWait;
import io.rapport.testing.Jdks;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
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
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cold start to ready (issue 19): Rapport started as a user starts it, a separate JVM, timed from the process start
 * to {@code /actuator/health} answering UP; on a fresh H2 file database, then on the benchmark's PostgreSQL database
 * with its accounts. Each twice: from the class directory ({@code java -cp target/classes:… RapportApplication}, on
 * this benchmark's JVM), and in the production layout as {@code bin/rapport-cds.sh} starts it: the extracted jar
 * ({@code java -Djarmode=tools -jar rapport.jar extract}, built by bench/run.sh) with its Spring AOT initializers
 * ({@code -Dspring.aot.enabled=true}) and an archive written by a training run in the same run
 * ({@code -Dspring.context.exit=onRefresh}, on a fresh H2 database), on the newest JDK of the machine: on Java 25 or
 * later the AOT cache ({@code -XX:AOTCacheOutput}, {@code -XX:AOTCache}), before it an AppCDS archive
 * ({@code -XX:ArchiveClassesAtExit}, {@code -XX:SharedArchiveFile}). Without a packaged jar (BenchSmokeTest under
 * Surefire) the production layout is the class path with the class directory packed into a jar (what the archive
 * needs on Java 17) and without Spring AOT (the class directory's generated classes, if any, may be stale). Each
 * row's floor is a {@code java -version} of the same JDK, started the same way in the same run. Every started JVM is
 * stopped by a shutdown hook if the benchmark JVM ends first. The short run (CI's smoke test) starts each layout
 * once, H2 from the class directory and PostgreSQL in the production layout, so that both layouts, both databases
 * and the training run are exercised with two starts fewer (about 40 s of the suite).
 */
final class StartupSuite {

    private static final String CANDIDATE = "java -cp … RapportApplication until /actuator/health UP";
    private static final Pattern STARTED = Pattern.compile("Started RapportApplication in ([\\d.]+) seconds");

    private StartupSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Duration timeout = Duration.ofSeconds(Long.getLong("bench.startupTimeoutSeconds", 600));
        int floorRuns = s.full() ? 5 : 1;
        double javaVersion = javaVersionSeconds(java, floorRuns);
        Jdks.Jdk jdk = Jdks.production();
        double productionJavaVersion = jdk.java().equals(java) ? javaVersion : javaVersionSeconds(jdk.java(),
                floorRuns);
        List<BenchResult> results = new ArrayList<>();

        Path work = Files.createTempDirectory("rapport-bench-start");
        try {
            Launch classes = classDirectory();
            Launch jar = productionLayout(work);
            Archive archive = archive(jdk, work);
            double training = train(jdk.java(), jar, archive.training(), h2(work.resolve("training")), timeout);
            String trained = String.format(Locale.ROOT, "Java %d, %s, %s from a training run of %.1f s",
                    jdk.feature(), jar.springAot() ? "Spring AOT" : "without Spring AOT", archive.kind(), training);

            results.add(row("cold start to ready, H2 (fresh database)", classes, start(java, classes, List.of(),
                    h2(work.resolve("h2")), timeout), javaVersion, classes.description()));
            if (s.full()) {
                results.add(row("cold start to ready, H2 (fresh database), production layout", jar,
                        start(jdk.java(), jar, archive.use(), h2(work.resolve("h2-cds")), timeout),
                        productionJavaVersion, jar.description() + ", " + trained));
            }

            Map<String, String> pg = new HashMap<>(BenchDatabase.properties());
            long accounts = ensureAccounts(pg, s.accounts());
            Map<String, String> pgProps = Map.of("spring.datasource.url", pg.get("spring.datasource.url"),
                    "spring.datasource.username", pg.get("spring.datasource.username"),
                    "spring.datasource.password", pg.get("spring.datasource.password"));
            String postgres = "cold start to ready, PostgreSQL (" + accounts + " accounts)";
            if (s.full()) {
                results.add(row(postgres, classes, start(java, classes, List.of(), pgProps, timeout), javaVersion,
                        classes.description()));
            }
            results.add(row(postgres + ", production layout", jar, start(jdk.java(), jar, archive.use(), pgProps,
                    timeout), productionJavaVersion, jar.description() + ", " + trained));
        } finally {
            deleteTree(work);
        }
        return results;
    }

    private static Map<String, String> h2(Path file) {
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + file
                + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    private static BenchResult row(String name, Launch launch, Started started, double javaVersion, String layout) {
        return new BenchResult(name, launch.candidate(), started.seconds(),
                "java -version", javaVersion, "s", started.seconds() / javaVersion, "<= 6 s", started.seconds() <= 6,
                String.format(Locale.ROOT, "a separate JVM (%s, %s); Spring reported started after %s s", heapArgs()
                        .isEmpty() ? "default heap" : String.join(" ", heapArgs()), layout,
                        started.springSeconds() == null ? "?" : started.springSeconds()));
    }

    record Started(double seconds, String springSeconds) {
    }

    /**
     * How the application is launched: the JVM arguments after the heap options, before the application's own; the
     * row's candidate; what the row's note says of it; whether it starts with the Spring AOT initializers.
     */
    record Launch(List<String> args, String candidate, String description, boolean springAot) {
    }

    /** The archive of the production layout: the training run's JVM options, a start's, and what the note calls it. */
    record Archive(List<String> training, List<String> use, String kind) {
    }

    /**
     * The archive of the production layout on {@code jdk}: on Java 25 or later the AOT cache, before it AppCDS. A
     * measured start requires it ({@code -XX:AOTMode=on}, {@code -Xshare:on}): a start that cannot use it fails
     * instead of being measured without it.
     */
    static Archive archive(Jdks.Jdk jdk, Path work) {
        if (jdk.aotCache()) {
            Path cache = work.resolve("rapport.aot");
            return new Archive(List.of("-XX:AOTCacheOutput=" + cache), List.of("-XX:AOTMode=on",
                    "-XX:AOTCache=" + cache), "AOT cache");
        }
        Path jsa = work.resolve("rapport.jsa");
        return new Archive(List.of("-XX:ArchiveClassesAtExit=" + jsa), List.of("-XX:SharedArchiveFile=" + jsa,
                "-Xshare:on"), "AppCDS archive");
    }

    /** What a developer runs: the application's classes and its runtime dependencies (written by bench/run.sh). */
    private static Launch classDirectory() throws IOException {
        String description = Files.isReadable(Path.of("target/runtime-classpath.txt")) ? "runtime class path"
                : "test class path without test classes";
        return new Launch(List.of("-cp", String.join(java.io.File.pathSeparator, classpath()),
                RapportApplication.class.getName()), CANDIDATE, description, false);
    }

    private static List<String> classpath() throws IOException {
        Path runtime = Path.of("target/runtime-classpath.txt");
        if (Files.isReadable(runtime) && Files.isDirectory(Path.of("target/classes"))) {
            List<String> entries = new ArrayList<>(List.of(Path.of("target/classes").toAbsolutePath().toString()));
            entries.addAll(Arrays.asList(Files.readString(runtime).trim().split(java.io.File.pathSeparator)));
            return entries;
        }
        // under Surefire (BenchSmokeTest): the test class path without the test classes themselves
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes/")).toList();
    }

    /**
     * What production runs: the jar extracted by bench/run.sh ({@code -Dbench.productionLayout}), with Spring AOT when
     * the jar holds its generated initializer (./mvnw package generates it); without it the same class path as
     * {@link #classDirectory()} with every class directory packed into a jar (an AppCDS archive refuses a non-empty
     * directory on the class path on Java 17), without Spring AOT.
     */
    private static Launch productionLayout(Path work) throws IOException {
        String extracted = System.getProperty("bench.productionLayout");
        if (extracted != null) {
            Path dir = Path.of(extracted).toAbsolutePath();
            try (var files = Files.list(dir)) {
                Path jar = files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no jar in " + dir));
                boolean aot;
                try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                    aot = zip.getEntry(RapportApplication.class.getName().replace('.', '/')
                            + "__ApplicationContextInitializer.class") != null;
                }
                List<String> args = new ArrayList<>();
                if (aot) {
                    args.add("-Dspring.aot.enabled=true");
                }
                args.addAll(List.of("-jar", jar.toString()));
                return new Launch(args, "java <archive> -jar rapport.jar (extracted, as bin/rapport-cds.sh) until "
                        + "/actuator/health UP", "extracted jar " + dir.relativize(jar) + " and lib/", aot);
            }
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classpath()) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = work.resolve("classes-" + entries.size() + ".jar");
                jar(p, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return new Launch(List.of("-cp", String.join(java.io.File.pathSeparator, entries),
                RapportApplication.class.getName()), "java <archive> -cp <jars> RapportApplication until "
                + "/actuator/health UP", "class path with the class directory as a jar (no packaged jar)", false);
    }

    /** Packs a class directory into a jar, with directory entries (Spring's component scan looks for them). */
    private static void jar(Path dir, Path jar) throws IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest);
                var paths = Files.walk(dir)) {
            for (Path p : paths.sorted().toList()) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                boolean directory = Files.isDirectory(p);
                out.putNextEntry(new java.util.jar.JarEntry(directory ? name + "/" : name));
                if (!directory) {
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
    }

    /**
     * The training run: the production layout started on a fresh H2 database, stopped by Spring once the context is
     * refreshed ({@code -Dspring.context.exit=onRefresh}); the JVM writes the archive as it exits. Returns its
     * seconds.
     */
    private static double train(Path java, Launch launch, List<String> archiveOptions, Map<String, String> database,
            Duration timeout) throws Exception {
        List<String> options = new ArrayList<>(archiveOptions);
        options.add("-Dspring.context.exit=onRefresh");
        List<String> command = command(java, launch, options, database, 0);
        Path log = Files.createTempFile("rapport-bench-training", ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread killer = new Thread(p::destroyForcibly, "bench-startup-training-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training run did not end within " + timeout + ": "
                        + tail(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("the training run ended with " + p.exitValue() + ": " + tail(log));
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            p.destroyForcibly();
            removeHook(killer);
            Files.deleteIfExists(log);
        }
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
    private static List<String> command(Path java, Launch launch, List<String> jvmOptions,
            Map<String, String> database, int port) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(heapArgs());
        command.addAll(jvmOptions);
        command.addAll(launch.args());
        command.addAll(List.of("--server.port=" + port,
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

    private static Started start(Path java, Launch launch, List<String> jvmOptions, Map<String, String> database,
            Duration timeout) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = command(java, launch, jvmOptions, database, port);
        Path log = Files.createTempFile("rapport-bench-start", ".log");
        long t0 = System.nanoTime();
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // the started application never outlives the benchmark, even when the benchmark JVM is stopped meanwhile
        Thread killer = new Thread(app::destroyForcibly, "bench-startup-child-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            switch (HealthWait.await("http://127.0.0.1:" + port, app, timeout, Duration.ofMillis(20))) {
                case UP -> {
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    Matcher m = STARTED.matcher(Files.readString(log));
                    return new Started(seconds, m.find() ? m.group(1) : null);
                }
                case EXITED -> throw new IllegalStateException("Rapport exited with " + app.exitValue()
                        + " before it was ready: " + tail(log));
                default -> throw new IllegalStateException("Rapport was not ready after " + timeout + ": "
                        + tail(log));
            }
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
