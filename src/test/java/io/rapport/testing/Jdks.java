package io.rapport.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK a production start runs on: the newest JDK of 25 or later installed beside this JVM's JDK or under
 * /usr/lib/jvm (its AOT cache, JEP 483 and 515, takes the place of AppCDS), else this JVM's own; {@code
 * -Dbench.productionJava} (a {@code java} executable) chooses one.
 */
public final class Jdks {

    /** The first release with the AOT cache's one-step training ({@code -XX:AOTCacheOutput}, JEP 514). */
    public static final int AOT_CACHE = 25;

    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /** A JDK's {@code java} executable and its feature release. */
    public record Jdk(Path java, int feature) {

        /** Whether it trains and uses the AOT cache rather than an AppCDS archive. */
        public boolean aotCache() {
            return feature >= AOT_CACHE;
        }

        public Path home() {
            return java.getParent().getParent();
        }
    }

    private Jdks() {
    }

    public static Jdk production() throws IOException {
        Path own = Path.of(System.getProperty("java.home"));
        String configured = System.getProperty("bench.productionJava");
        if (configured != null && !configured.isBlank()) {
            Path java = Path.of(configured).toAbsolutePath();
            return new Jdk(java, feature(java.getParent().getParent()));
        }
        Jdk best = new Jdk(own.resolve("bin").resolve("java"), Runtime.version().feature());
        List<Path> parents = new ArrayList<>(List.of(Path.of("/usr/lib/jvm")));
        if (own.getParent() != null) {
            parents.add(own.getParent());
        }
        for (Path parent : parents) {
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (var homes = Files.list(parent)) {
                for (Path home : homes.toList()) {
                    int feature = feature(home);
                    Path java = home.resolve("bin").resolve("java");
                    if (feature >= AOT_CACHE && feature > best.feature() && Files.isExecutable(java)) {
                        best = new Jdk(java, feature);
                    }
                }
            }
        }
        return best;
    }

    /** The feature release of the JDK at {@code home}, from its {@code release} file; 0 when unknown. */
    static int feature(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isReadable(release)) {
            return 0;
        }
        Matcher m = VERSION.matcher(Files.readString(release));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
