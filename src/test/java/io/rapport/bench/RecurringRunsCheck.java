package io.rapport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How often a recurring job ran across the nodes, read from every node's log: never twice in a period. */
final class RecurringRunsCheck {

    private RecurringRunsCheck() {
    }

    /** The recurring job the harness watches, and its period (set on every node). */
    static final String JOB = "mail-track-mailboxes";
    static final long PERIOD_MILLIS = 2000;
    private static final Pattern RUN = Pattern.compile("Recurring job ran job=" + JOB
            + " node=(\\S+) startedAt=(\\d+) endedAt=(\\d+)");

    /**
     * Runs of the recurring job across all nodes (from their logs, the killed node's included).
     *
     * @param doubled runs that started before the period after the previous run's end was over: a period run twice
     * @param longestWaitMillis the longest time from a run's end to the next run's start
     */
    public record RecurringRuns(int runs, int doubled, long longestWaitMillis, Map<Integer, Integer> byNode) {

        public boolean ok() {
            return runs >= 2 && doubled == 0;
        }
    }

    static RecurringRuns read(List<ClusterNode> nodes, ClusterReport report) throws IOException {
        record Run(long start, long end, int node) {
        }
        List<Run> runs = new ArrayList<>();
        Map<Integer, Integer> byNode = new java.util.TreeMap<>();
        for (ClusterNode n : nodes) {
            if (!Files.exists(n.log)) {
                continue;
            }
            Matcher m = RUN.matcher(Files.readString(n.log));
            while (m.find()) {
                runs.add(new Run(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), n.index));
                byNode.merge(n.index, 1, Integer::sum);
            }
        }
        runs.sort(java.util.Comparator.comparingLong(Run::start));
        int doubled = 0;
        long longest = 0;
        for (int i = 1; i < runs.size(); i++) {
            long wait = runs.get(i).start() - runs.get(i - 1).end();
            // db-scheduler's fixed delay: the next run is due the period after the previous one ended
            if (wait < PERIOD_MILLIS) {
                doubled++;
            }
            longest = Math.max(longest, wait);
        }
        RecurringRuns result = new RecurringRuns(runs.size(), doubled, longest, byNode);
        report.line("- recurring job " + JOB + " (due " + PERIOD_MILLIS + " ms after its previous run "
                + "ended): " + runs.size() + " runs over the whole harness run, by node " + byNode + "; " + doubled
                + " started within the period of the run before (a period run twice); longest wait between runs "
                + longest + " ms (includes taking over a run the killed node held)");
        return result;
    }
}
