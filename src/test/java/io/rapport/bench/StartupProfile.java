package io.rapport.bench;

import io.rapport.RapportApplication;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Where a cold start's time goes (issue 19, row 15): starts Rapport once in this JVM with Spring's
 * {@link BufferingApplicationStartup} and prints the JVM's share (time before {@code main}, classes loaded, the
 * class loader's and the JIT's time from the JVM's performance counters) and Spring's steps: the phases of the
 * start, and the beans and step kinds with the most time of their own (children's time taken out). Run it on the
 * runtime class path, not the test class path (the component scan would find the tests' configurations):
 * <pre>
 * mkdir -p /tmp/profile/io/rapport/bench &amp;&amp; cp target/test-classes/io/rapport/bench/StartupProfile*.class /tmp/profile/io/rapport/bench/
 * java -Xmx1g -XX:+UseParallelGC -cp "/tmp/profile:target/classes:$(cat target/runtime-classpath.txt)" \
 *   io.rapport.bench.StartupProfile --spring.datasource.url=… --rapport.security.admin-password=…
 * </pre>
 */
public final class StartupProfile {

    private StartupProfile() {
    }

    public static void main(String[] args) throws Exception {
        long mainMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        BufferingApplicationStartup startup = new BufferingApplicationStartup(200_000);
        SpringApplication app = new SpringApplication(RapportApplication.class);
        app.setApplicationStartup(startup);
        ConfigurableApplicationContext context = app.run(args);
        long readyMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpuMillis = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        System.out.printf(Locale.ROOT, "%nprocess CPU time until ready: %d ms (all threads: the measure that the "
                + "machine's load does not change much)%n", cpuMillis);
        try {
            report(mainMillis, readyMillis, startup.getBufferedTimeline());
        } finally {
            context.close();
        }
    }

    private static void report(long mainMillis, long readyMillis, StartupTimeline timeline) throws IOException,
            InterruptedException {
        System.out.printf(Locale.ROOT, "%n== JVM%nready after %d ms of JVM uptime; main() entered at %d ms%n",
                readyMillis, mainMillis);
        System.out.printf(Locale.ROOT, "classes loaded %d; JIT compilation %d ms (all compiler threads)%n",
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            System.out.printf(Locale.ROOT, "GC %s: %d collections, %d ms%n", gc.getName(), gc.getCollectionCount(),
                    gc.getCollectionTime());
        }
        perfCounters();

        List<StartupTimeline.TimelineEvent> events = timeline.getEvents();
        Map<Long, Long> childMillis = new HashMap<>();
        for (StartupTimeline.TimelineEvent e : events) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) {
                childMillis.merge(parent, e.getDuration().toMillis(), Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%n== Spring steps without a parent (the phases), from the start of main%n");
        long origin = timeline.getStartTime().toEpochMilli();
        for (StartupTimeline.TimelineEvent e : events) {
            if (e.getStartupStep().getParentId() == null) {
                System.out.printf(Locale.ROOT, "%6d ms +%6d ms  %s%n", e.getStartTime().toEpochMilli() - origin,
                        e.getDuration().toMillis(), describe(e.getStartupStep()));
            }
        }
        Map<String, long[]> byName = new HashMap<>();
        List<Object[]> bySelf = new ArrayList<>();
        for (StartupTimeline.TimelineEvent e : events) {
            long self = e.getDuration().toMillis() - childMillis.getOrDefault(e.getStartupStep().getId(), 0L);
            long[] sum = byName.computeIfAbsent(e.getStartupStep().getName(), k -> new long[2]);
            sum[0] += self;
            sum[1]++;
            bySelf.add(new Object[] {self, e.getDuration().toMillis(), describe(e.getStartupStep())});
        }
        System.out.printf(Locale.ROOT, "%n== step kinds by their own time%n");
        byName.entrySet().stream().sorted(Comparator.comparingLong(en -> -en.getValue()[0])).limit(15)
                .forEach(en -> System.out.printf(Locale.ROOT, "%6d ms in %5d  %s%n", en.getValue()[0],
                        en.getValue()[1], en.getKey()));
        System.out.printf(Locale.ROOT, "%n== the 40 steps with the most time of their own (own ms, total ms)%n");
        bySelf.stream().sorted(Comparator.comparingLong(o -> -(long) o[0])).limit(40)
                .forEach(o -> System.out.printf(Locale.ROOT, "%6d %6d  %s%n", o[0], o[1], o[2]));
    }

    private static String describe(StartupStep step) {
        StringBuilder s = new StringBuilder(step.getName());
        step.getTags().forEach(t -> s.append(' ').append(t.getKey()).append('=').append(t.getValue()));
        return s.length() > 160 ? s.substring(0, 160) : s.toString();
    }

    /** The class loading and JIT counters of this JVM (jcmd PerfCounter.print), in milliseconds. */
    private static void perfCounters() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "PerfCounter.print")
                .redirectErrorStream(true).start();
        Map<String, String> counters = new HashMap<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                counters.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
            }
        }
        p.waitFor();
        double ticksPerMilli = Double.parseDouble(counters.getOrDefault("sun.os.hrt.frequency", "1000000000")) / 1000;
        for (String name : List.of("sun.cls.time", "sun.cls.appClassLoadTime", "sun.cls.defineAppClassTime",
                "sun.cls.parseClassTime", "sun.cls.classVerifyTime", "sun.cls.classLinkedTime",
                "sun.cls.classInitTime", "sun.cls.sharedClassLoadTime", "sun.urlClassLoader.readClassBytesTime",
                "sun.zip.zipFile.openTime", "sun.ci.totalTime", "sun.rt.safepointTime")) {
            String v = counters.get(name);
            if (v != null) {
                System.out.printf(Locale.ROOT, "%-40s %8.0f ms%n", name, Long.parseLong(v) / ticksPerMilli);
            }
        }
        for (String name : List.of("sun.cls.loadedBytes", "sun.cls.sharedLoadedBytes", "java.cls.loadedClasses",
                "java.cls.sharedLoadedClasses", "sun.cls.appClassLoadCount", "sun.cls.defineAppClasses")) {
            String v = counters.get(name);
            if (v != null) {
                System.out.printf(Locale.ROOT, "%-40s %10s%n", name, v);
            }
        }
    }
}
