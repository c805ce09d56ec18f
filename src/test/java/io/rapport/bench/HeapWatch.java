package io.rapport.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Issue 19, row 16: the real peak of heap occupancy of the benchmark JVM. On every garbage collection the JVM reports
 * each pool's usage before and after the collection; the sum over the heap pools before a collection is a local
 * maximum of the heap used (the heap only grows between collections), so the largest of these sums, and the heap
 * used when the run ends, is the peak of occupancy (garbage not yet collected included). The largest sum after a
 * collection is the largest live set the collector left (an upper bound of the live data after a young
 * collection, which does not collect the old generation). The suite running at each maximum is kept, to say where
 * to look.
 *
 * <p>The figure it replaces, the sum of each heap pool's own peak ({@link #sumOfPoolPeaksMiB()}), overestimates: the
 * pools reach their peaks at different moments (eden just before a collection, old after a promotion).
 */
final class HeapWatch {

    private static final long MIB = 1024 * 1024;
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private static volatile boolean installed;
    private static volatile String suite = "start";
    private static long peakBefore;
    private static String peakBeforeSuite = "—";
    private static long peakAfter;
    private static String peakAfterSuite = "—";
    private static long collections;

    private HeapWatch() {
    }

    /** Starts listening to the collectors' notifications (once per JVM; later calls do nothing). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                record(heapSum(info.getMemoryUsageBeforeGc()), heapSum(info.getMemoryUsageAfterGc()));
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        installed = true;
    }

    /** Names the suite that runs from now on (the suite at each maximum is reported). */
    static void suite(String name) {
        suite = name;
    }

    private static long heapSum(Map<String, MemoryUsage> usage) {
        long sum = 0;
        for (var e : usage.entrySet()) {
            if (HEAP_POOLS.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    private static synchronized void record(long before, long after) {
        collections++;
        if (before > peakBefore) {
            peakBefore = before;
            peakBeforeSuite = suite;
        }
        if (after > peakAfter) {
            peakAfter = after;
            peakAfterSuite = suite;
        }
    }

    /** The heap used now, summed over the heap pools. */
    private static long usedNow() {
        long sum = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getUsage().getUsed();
            }
        }
        return sum;
    }

    /** The peak of heap occupancy: the largest heap used before a collection, or now if that is more. */
    static synchronized long peakMiB() {
        long now = usedNow();
        if (now > peakBefore) {
            peakBefore = now;
            peakBeforeSuite = suite + " (at the end)";
        }
        return peakBefore / MIB;
    }

    static synchronized String peakSuite() {
        return peakBeforeSuite;
    }

    /** The largest heap used just after a collection (the largest live set left by the collector). */
    static synchronized long liveSetMiB() {
        return peakAfter / MIB;
    }

    static synchronized String liveSetSuite() {
        return peakAfterSuite;
    }

    static synchronized long collections() {
        return collections;
    }

    /** The old definition of row 16: each heap pool's own peak, summed (an upper bound). */
    static long sumOfPoolPeaksMiB() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / MIB;
    }
}
