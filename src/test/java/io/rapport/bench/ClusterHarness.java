package io.rapport.bench;

import static io.rapport.bench.CampaignWorkload.campaignName;
import static io.rapport.bench.ClusterReport.loadAverage;

import io.rapport.marketing.MarketingLists;
import io.rapport.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The cluster harness: starts Rapport nodes as separate JVMs on one PostgreSQL schema ({@link ClusterNodes},
 * {@link ClusterDatabase}), drives a mixed load ({@link ApiLoad}, {@link UiBrowser}, {@link ImportWorkload},
 * {@link CampaignWorkload}) through a front ({@link ClusterFront}: HAProxy when {@code --front} is given, else a
 * client-side round robin over the live nodes that retries a GET as the HAProxy configuration does), kills with
 * {@code kill -9} the node running an import and a quick campaign in the middle of the run, and checks afterwards:
 * every API write acknowledged before or after the kill is in the database, the import and the quick campaign (part
 * done on the killed node) finished on another node with every row once (counted in SQL), a person signed in through
 * the killed node kept working (every page from the kill on answered as signed in), changes made through one node
 * reached every node within a second ({@link SignalChecks}) and a recurring job never ran twice in a period
 * ({@link RecurringRunsCheck}); {@link ClusterReport} writes what it found. {@link ClusterKillTest} runs the short
 * form in CI; {@code bench/cluster.sh} the long form, which first measures requests per second with 1, 2 and 3 nodes
 * next to the database's own ceiling, and gives the nodes a streaming replica for their aggregate reads.
 */
public final class ClusterHarness {

    /**
     * @param nodes Rapport nodes (2 or more)
     * @param ports their ports, or empty for free ports
     * @param front the load balancer's URL, or null for the client-side round robin
     * @param apiClients threads writing and reading through the Web API with a personal access token
     * @param scalingSeconds seconds of load per node count before the kill run (0: no scaling run)
     * @param loadSeconds seconds of load after the kill
     * @param importRows contacts in the import the killed node is running
     * @param campaignContacts contacts a quick campaign (PropagateByExpression, one task each) started on the killed
     *     node selects: enough that it is still running at the kill (it creates 500 per transaction)
     * @param classpath of the nodes' JVMs
     * @param workDir node logs
     * @param replicaUrl JDBC URL (without schema) of a streaming replica of the nodes' database, or null for none
     */
    public record Settings(int nodes, List<Integer> ports, String front, int apiClients, int scalingSeconds,
            int loadSeconds, int importRows, int campaignContacts, String classpath, Path workDir, String heap,
            String replicaUrl) {
    }

    /**
     * What a run found; {@link #ok()} when nothing was lost.
     *
     * @param campaignDoneAtKill tasks the quick campaign had created (committed) when its node was killed
     * @param campaignStatus the bulkoperation's statuscode at the end (4: Completed)
     * @param campaignOnKilledNode the campaign's job was running on the node that was killed
     * @param campaignTasks tasks of the campaign afterwards; {@code campaignDistinct} the contacts they regard
     */
    public record Result(int acknowledged, int missing, int importRows, int importedRows, int distinctImportedRows,
            String importStatus, boolean importOnKilledNode, int importDoneAtKill, boolean importOnAnotherNode,
            UiSession session, long errorsBeforeKill,
            long errorsAfterKill, double writesPerSecondBeforeKill, double writesPerSecondAfterKill,
            long importTakeoverMillis, int campaignContacts, int campaignDoneAtKill, int campaignStatus,
            boolean campaignOnKilledNode, int campaignTasks, int campaignDistinct, int campaignSuccessCount,
            SignalChecks.Signals signals, RecurringRunsCheck.RecurringRuns recurring, String report) {

        /** The import was part-done on the killed node and was finished elsewhere with every row once. */
        public boolean importOk() {
            return importOnKilledNode && importDoneAtKill > 0 && importDoneAtKill < importRows
                    && "COMPLETED".equals(importStatus) && importOnAnotherNode && importedRows == importRows
                    && distinctImportedRows == importRows;
        }

        /** The campaign was part-done on the killed node and was finished elsewhere with one task per contact. */
        public boolean campaignOk() {
            return campaignOnKilledNode && campaignDoneAtKill < campaignContacts
                    && campaignStatus == CAMPAIGN_COMPLETED && campaignTasks == campaignContacts
                    && campaignDistinct == campaignContacts && campaignSuccessCount == campaignContacts;
        }

        public boolean ok() {
            return missing == 0 && importOk() && session.keptWorking() && campaignOk() && signals.withinASecond()
                    && recurring.ok();
        }
    }

    static final int CAMPAIGN_COMPLETED = MarketingLists.BULK_COMPLETED;

    /** Pages a person must have opened after the kill, all answered as signed in, for "keeps working". */
    static final int PAGES_AFTER_KILL = 3;

    /**
     * The person who signed in through the killed node and went on using the UI through the front, before, across and
     * after the kill.
     *
     * @param signedInOnKilledNode the sign-in and a first page were answered by the node that was then killed
     * @param pagesAfterKill pages answered (or failed) after the kill, including the one in flight at the kill
     * @param signedInAfterKill of those, answered 200 as signed in
     * @param signedOutAfterKill of those, sent to the sign-in page
     * @param failuresAfterKill of those, failed (no answer, or another status), by reason
     */
    public record UiSession(boolean signedInOnKilledNode, int pagesAfterKill, int signedInAfterKill,
            int signedOutAfterKill, Map<String, Integer> failuresAfterKill) {

        /**
         * The issue's "a user signed in through node A keeps working when A is killed": every page from the kill on,
         * the one in flight included, answered as signed in; none failed, none signed out.
         */
        public boolean keptWorking() {
            return signedInOnKilledNode && pagesAfterKill >= PAGES_AFTER_KILL && signedInAfterKill == pagesAfterKill
                    && signedOutAfterKill == 0 && failuresAfterKill.isEmpty();
        }
    }

    private final Settings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final ClusterReport report = new ClusterReport();
    private final ClusterDatabase database = new ClusterDatabase();
    private final ClusterHttp http = new ClusterHttp(run);
    private ClusterNodes nodes;
    private ClusterFront front;
    private CampaignWorkload campaigns;
    private ImportWorkload imports;

    private ClusterHarness(Settings settings) {
        this.settings = settings;
    }

    public static Result run(Settings settings) throws Exception {
        ClusterHarness h = new ClusterHarness(settings);
        try {
            return h.execute();
        } finally {
            if (h.campaigns != null) {
                h.campaigns.releaseProgress();
            }
            if (h.imports != null) {
                h.imports.releaseProgress();
            }
            if (h.nodes != null) {
                h.nodes.stopAll();
            }
        }
    }

    private Result execute() throws Exception {
        Files.createDirectories(settings.workDir());
        nodes = new ClusterNodes(settings, database);
        front = new ClusterFront(settings.front(), nodes);
        campaigns = new CampaignWorkload(settings, database, http, report, run);
        imports = new ImportWorkload(settings, database, nodes, front, http, run);
        line("# Rapport cluster run " + Instant.now());
        line("");
        line("- nodes: " + settings.nodes() + " JVMs (heap " + settings.heap() + "), PostgreSQL schema "
                + database.schema() + " at " + TestDatabases.PG_URL);
        line("- front: " + (settings.front() != null ? "HAProxy " + settings.front()
                : "client-side round robin over the live nodes"));
        line("- read replica: " + (settings.replicaUrl() != null ? "streaming replica " + settings.replicaUrl()
                + " (rapport.datasource.replica.url of every node: aggregate queries, exports, dashboards)"
                : "none"));
        line("- load: " + settings.apiClients() + " API clients (personal access token; each round: create an account, "
                + "list 5 accounts, count the roles with $apply), 2 UI sessions (one signed in through the node that is "
                + "killed), 1 import of " + settings.importRows()
                + " contacts, 1 quick campaign (PropagateByExpression) creating a task for each of "
                + settings.campaignContacts() + " contacts");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores shared by the nodes, PostgreSQL, the "
                + "load clients and the front; load average at start " + loadAverage());
        line("");

        if (settings.scalingSeconds() > 0) {
            scaling();
        } else {
            // the first node creates the schema and the organization; the others start on it together
            nodes.start(nodes.get(0));
            nodes.awaitHealthy(nodes.get(0));
            for (ClusterNode n : nodes.all().subList(1, nodes.size())) {
                nodes.start(n);
            }
            // while the others start, node 1 makes the quick campaign's contacts
            campaigns.seedCampaignContacts(nodes.get(0));
            for (ClusterNode n : nodes.all()) {
                nodes.awaitHealthy(n);
            }
        }
        return killRun();
    }

    // ---------------------------------------------------------------------------------------------- scaling

    private void scaling() throws Exception {
        // the database alone first, with no node running, so that nothing else competes with it
        ClusterDatabase.Ceiling ceiling = ClusterDatabase.ceiling(settings.apiClients(), settings.scalingSeconds());
        int cores = Runtime.getRuntime().availableProcessors();
        line("## Requests per second by node count (" + settings.scalingSeconds() + " s each, "
                + settings.apiClients() + " clients)");
        line("");
        line("Each client round is three Web API requests: create an account, list 5 accounts, count the security "
                + "roles ($apply aggregate, the kind of read that may go to the replica). Requests/s counts answered "
                + "requests (2xx); the database row is the same three statements (an INSERT transaction, a 5-row "
                + "SELECT, a COUNT over a 20-row table) sent by plain JDBC from as many threads, in a schema of its "
                + "own, measured in this run before any node started.");
        line("");
        line("| nodes | requests/s | per core | writes/s | reads/s | share of the database ceiling | aggregate reads on "
                + "replica / primary | errors | load average after |");
        line("|---|---:|---:|---:|---:|---:|---|---:|---|");
        line(String.format(Locale.ROOT, "| database alone (JDBC) | %.1f | %.1f | %.1f | %.1f | 100%% | - | 0 | %s |",
                ceiling.statementsPerSecond(), ceiling.statementsPerSecond() / cores, ceiling.insertsPerSecond(),
                ceiling.statementsPerSecond() - ceiling.insertsPerSecond(), ceiling.loadAverage()));
        String token = null;
        for (ClusterNode n : nodes.all()) {
            nodes.start(n);
            nodes.awaitHealthy(n);
            if (token == null) {
                token = http.issueToken(n.url());
            }
            // HAProxy sees the new node at its next health check
            Thread.sleep(1500);
            long[] replicaBefore = nodes.replicaReads();
            ApiLoad load = new ApiLoad(front, run, token, "scale" + n.index);
            load.start(settings.apiClients());
            Thread.sleep(settings.scalingSeconds() * 1000L);
            load.stop();
            long[] replicaAfter = nodes.replicaReads();
            double requests = (load.writes.get() + load.reads.get()) / load.seconds();
            line(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f%% | %s | %d | %s |", n.index,
                    requests, requests / cores, load.writes.get() / load.seconds(), load.reads.get() / load.seconds(),
                    100 * requests / ceiling.statementsPerSecond(), replicaColumn(replicaBefore, replicaAfter),
                    load.errors.get(), loadAverage()));
        }
        line("");
        line("The nodes, PostgreSQL" + (settings.replicaUrl() != null ? " (primary and replica)" : "")
                + ", the load clients" + (settings.front() != null ? " and HAProxy" : "") + " all run on these " + cores
                + " cores: a node added takes CPU from the others, so the table shows how far one machine goes, not "
                + "how nodes on their own machines would scale.");
        line("");
    }

    private static String replicaColumn(long[] before, long[] after) {
        return before == null ? "no replica" : (after[0] - before[0]) + " / " + (after[1] - before[1]);
    }

    // ---------------------------------------------------------------------------------------------- kill run

    private Result killRun() throws Exception {
        String token = http.issueToken(nodes.get(0).url());
        String tag = "Cluster" + run;
        if (!campaigns.seeded) {
            // the quick campaign's contacts exist before the load starts
            campaigns.seedCampaignContacts(nodes.get(0));
        }
        long signalsStart = System.nanoTime();
        SignalChecks.Signals signals = new SignalChecks(nodes, http, report, run).run();
        line(String.format(Locale.ROOT, "(these checks took %.1f s)", (System.nanoTime() - signalsStart) / 1e9));
        line("");
        long[] replicaAtStart = nodes.replicaReads();
        ApiLoad load = new ApiLoad(front, run, token, "kill");
        UiBrowser ui = new UiBrowser(front, null);
        ui.signIn();
        load.start(settings.apiClients());
        Thread uiThread = new Thread(() -> {
            while (!load.stop.get()) {
                ui.page();
            }
        });
        uiThread.start();

        String importId = imports.startImport(token, tag);
        ClusterNode victim = imports.awaitImportNode(importId);
        // a person signs in through the node about to die, then goes on through the front (as a browser does behind a
        // load balancer), a page every 250 ms, before, across and after the kill
        UiBrowser person = new UiBrowser(front, victim);
        person.signIn();
        boolean signedInOnVictim = person.page() == 200;
        person.moveTo(null);
        Thread personThread = new Thread(() -> {
            while (!load.stop.get()) {
                person.page();
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ui-person");
        personThread.start();
        // the quick campaign is asked of the node running the import, which runs its job at once after the commit;
        // the kill follows its first page (both jobs wait, row locked, before recording more until after the kill)
        CampaignWorkload.Started campaign = campaigns.startOn(victim, token, nodes);
        String campaignId = campaign.id();
        ClusterDatabase.Campaign atKill = campaign.running();
        ClusterNode campaignNode = campaign.node();
        long[] replicaOnVictim = settings.replicaUrl() == null ? null : nodes.replicaReads(victim);
        long writesBeforeKill = load.writes.get();
        long readsBeforeKill = load.reads.get();
        long errorsBeforeKill = load.errors.get();
        double secondsBeforeKill = load.seconds();
        long killedAt = System.nanoTime();
        new ProcessBuilder("kill", "-9", Long.toString(victim.process.pid())).inheritIO().start().waitFor();
        victim.process.waitFor();
        // what the dead node had committed: no other node takes its jobs over before their heartbeats are missed
        atKill = database.campaign(campaignId);
        Map<String, Object> importAtKill = database.importJob(importId);
        int importDoneAtKill = (Integer) importAtKill.get("processed");
        // the killed node's waiting page and batch died with it; the others may now take both jobs over
        campaigns.releaseProgress();
        imports.releaseProgress();
        boolean importOnVictim = "RUNNING".equals(importAtKill.get("status"))
                && nodes.nodeOf((String) importAtKill.get("claimedby")) == victim;
        long[] campaignTakeover = {-1};
        Thread campaignWatch = new Thread(() -> {
            try {
                campaignTakeover[0] = campaigns.awaitCampaignDone(campaignId, killedAt);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "campaign-watch");
        campaignWatch.start();
        boolean campaignOnVictim = campaignNode == victim && atKill.status() == MarketingLists.BULK_IN_PROGRESS
                && atKill.pickedBy() != null;
        line("## Kill run");
        line("");
        line("- killed node " + victim.index + " (port " + victim.port + ", pid " + victim.process.pid()
                + ") with kill -9 while it ran the import at row " + importDoneAtKill + " of " + settings.importRows()
                + (importOnVictim ? "" : " (NOT running on the killed node at the kill: " + importAtKill + ")")
                + " and the quick campaign at " + atKill.successCount() + " of " + settings.campaignContacts()
                + " tasks (campaign job run by node " + (campaignNode == null ? "?" : campaignNode.index) + ")");

        Thread.sleep(settings.loadSeconds() * 1000L);
        campaignWatch.join();
        long takeover = imports.awaitImportDone(importId, killedAt);
        load.stop();
        uiThread.join();
        personThread.join();
        UiSession session = person.since(killedAt, signedInOnVictim);
        double secondsAfterKill = load.seconds() - secondsBeforeKill;
        long writesAfterKill = load.writes.get() - writesBeforeKill;
        long readsAfterKill = load.reads.get() - readsBeforeKill;
        long errorsAfterKill = load.errors.get() - errorsBeforeKill;
        long[] replicaAtEnd = nodes.replicaReads();

        ClusterDatabase.EndCounts end = database.endCounts("kill-" + run + "-", tag, importId, campaigns.campaignTag,
                campaign.subject());
        ClusterDatabase.Campaign campaignEnd = database.campaign(campaignId);
        Set<String> missing = new HashSet<>(load.acknowledged);
        missing.removeAll(end.stored());
        ClusterNode finisher = nodes.nodeOf(end.importClaim() != null ? end.importClaim() : imports.lastClaimer);
        boolean onAnother = finisher != null && finisher != victim;
        ClusterNode campaignFinisher = nodes.nodeOf(campaigns.lastCampaignPicker);

        line("- UI session signed in through the killed node (" + (signedInOnVictim ? "its first page answered there"
                : "NOT answered there") + "), then a page every 250 ms through the front: " + session.pagesAfterKill()
                + " pages from the kill on (the one in flight included), " + session.signedInAfterKill()
                + " answered as signed in, " + session.signedOutAfterKill() + " signed out, failed: "
                + session.failuresAfterKill() + (session.keptWorking() ? " (kept working)"
                : " (did NOT keep working: every page from the kill on must be answered as signed in, at least "
                        + PAGES_AFTER_KILL + ")"));
        line("- import: " + end.importStatus() + ", finished by node " + (finisher == null ? "?" : finisher.index)
                + ", " + end.imported() + " rows stored (" + end.distinct() + " distinct) of " + settings.importRows()
                + ", taken over and finished " + takeover + " ms after the kill");
        line("- quick campaign: status " + campaignName(campaignEnd.status()) + ", finished by node "
                + (campaignFinisher == null ? "?" : campaignFinisher.index) + " " + campaignTakeover[0]
                + " ms after the kill; counted in SQL: " + end.tasks() + " tasks for " + end.regarded()
                + " distinct contacts of " + settings.campaignContacts() + " selected (success count "
                + campaignEnd.successCount()
                + ", failures " + campaignEnd.failureCount() + ")" + (campaignOnVictim ? ""
                : "; NOT running on the killed node at the kill (status " + campaignName(atKill.status()) + ")"));
        line("- API writes acknowledged: " + load.acknowledged.size() + ", missing afterwards: " + missing.size());
        line("- another UI session through the front (load, not judged): " + ui.ok.get() + " pages answered 200, "
                + ui.signedOut.get() + " signed out, " + ui.failed.get() + " failed " + ui.failures
                + "; slowest page " + ui.slowestMillis.get() + " ms");
        RecurringRunsCheck.RecurringRuns recurring = RecurringRunsCheck.read(nodes.all(), report);
        if (replicaAtStart != null) {
            line("- aggregate reads during the kill run: " + (replicaAtEnd[0] - replicaAtStart[0] + replicaOnVictim[0])
                    + " on the replica, " + (replicaAtEnd[1] - replicaAtStart[1] + replicaOnVictim[1])
                    + " on the primary (the replica had not replayed the primary's WAL within "
                    + "rapport.datasource.replica.max-wait); the killed node's counts as read just before the kill");
        }
        line("");
        line("| phase | seconds | requests/s | writes/s | reads/s | errors |");
        line("|---|---:|---:|---:|---:|---:|");
        line(String.format(Locale.ROOT, "| before the kill (%d nodes) | %.1f | %.1f | %.1f | %.1f | %d |",
                nodes.size(), secondsBeforeKill, (writesBeforeKill + readsBeforeKill) / secondsBeforeKill,
                writesBeforeKill / secondsBeforeKill, readsBeforeKill / secondsBeforeKill, errorsBeforeKill));
        line(String.format(Locale.ROOT, "| after the kill (%d nodes) | %.1f | %.1f | %.1f | %.1f | %d |",
                nodes.size() - 1, secondsAfterKill, (writesAfterKill + readsAfterKill) / secondsAfterKill,
                writesAfterKill / secondsAfterKill, readsAfterKill / secondsAfterKill, errorsAfterKill));
        line(String.format(Locale.ROOT, "| whole run | %.1f | %.1f | %.1f | %.1f | %d |", load.seconds(),
                (load.writes.get() + load.reads.get()) / load.seconds(), load.writes.get() / load.seconds(),
                load.reads.get() / load.seconds(), load.errors.get()));
        line("");
        line("The kill run's rates share the machine with the import and the quick campaign. Errors are requests that "
                + "got no 2xx answer (connections reset by the kill, or refused before the front noticed); they were "
                + "not acknowledged, so they are not counted as lost. Load average at the end: " + loadAverage() + ".");
        return new Result(load.acknowledged.size(), missing.size(), settings.importRows(), end.imported(),
                end.distinct(), end.importStatus(), importOnVictim, importDoneAtKill, onAnother, session,
                errorsBeforeKill, errorsAfterKill,
                writesBeforeKill / secondsBeforeKill,
                writesAfterKill / Math.max(secondsAfterKill, 0.001), takeover, settings.campaignContacts(),
                atKill.successCount(), campaignEnd.status(), campaignOnVictim, end.tasks(), end.regarded(),
                campaignEnd.successCount(), signals, recurring, report.text());
    }

    /**
     * {@code --nodes=3 --ports=18081,18082,18083 --front=http://127.0.0.1:18080 --clients=8 --scaling-seconds=20
     * --load-seconds=20 --import-rows=50000 --campaign-contacts=10000 --heap=512m --out=bench/results
     * [--replica-url=jdbc:postgresql://127.0.0.1:18091/postgres]}; the nodes' database is RAPPORT_TEST_PG_URL.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int n = Integer.parseInt(a.getOrDefault("nodes", "3"));
        List<Integer> ports = a.containsKey("ports") ? java.util.Arrays.stream(a.get("ports").split(","))
                .map(Integer::parseInt).toList() : List.of();
        Path out = Path.of(a.getOrDefault("out", "bench/results"));
        Settings s = new Settings(n, ports, a.get("front"), Integer.parseInt(a.getOrDefault("clients", "8")),
                Integer.parseInt(a.getOrDefault("scaling-seconds", "20")),
                Integer.parseInt(a.getOrDefault("load-seconds", "20")),
                Integer.parseInt(a.getOrDefault("import-rows", "50000")),
                Integer.parseInt(a.getOrDefault("campaign-contacts", "10000")), System.getProperty("java.class.path"),
                Path.of(a.getOrDefault("work", "target/cluster")), a.getOrDefault("heap", "512m"),
                a.get("replica-url"));
        Result r = run(s);
        Files.createDirectories(out);
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        Path file = out.resolve("cluster-" + stamp + ".md");
        Files.writeString(file, r.report() + "\nVerdict: " + (r.ok() ? "nothing lost" : "FAILED") + "\n");
        System.out.println("Written " + file + "; verdict: " + (r.ok() ? "nothing lost" : "FAILED"));
        System.exit(r.ok() ? 0 : 1);
    }

    private void line(String s) {
        report.line(s);
    }
}
