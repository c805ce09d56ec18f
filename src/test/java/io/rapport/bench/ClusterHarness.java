package io.rapport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.marketing.MarketingLists;
import io.rapport.testing.TestDatabases;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster harness: starts Rapport nodes as separate JVMs on one PostgreSQL schema, drives a mixed load through a
 * front (HAProxy when {@code --front} is given, else a client-side round robin that skips nodes refusing
 * connections, as a load balancer's health check would), kills with {@code kill -9} the node running an import and
 * a quick campaign in the middle of the run, and checks afterwards: every API write acknowledged before or after the
 * kill is in the database, the import and the quick campaign finished on another node with every row once (counted
 * in SQL), a person signed in through the killed node is still signed in. {@link ClusterKillTest} runs the short
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
            Signals signals, RecurringRuns recurring, String report) {

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

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Settings settings;
    private final String schema = TestDatabases.newPostgresSchema();
    private final String jdbcUrl = TestDatabases.PG_URL + "?currentSchema=" + schema;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger next = new AtomicInteger();
    private final StringBuilder report = new StringBuilder();

    private ClusterHarness(Settings settings) {
        this.settings = settings;
    }

    /** One Rapport JVM. */
    private static final class Node {
        final int index;
        final int port;
        final Path log;
        Process process;

        Node(int index, int port, Path log) {
            this.index = index;
            this.port = port;
            this.log = log;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        boolean alive() {
            return process != null && process.isAlive();
        }
    }

    public static Result run(Settings settings) throws Exception {
        ClusterHarness h = new ClusterHarness(settings);
        try {
            return h.execute();
        } finally {
            h.stopAll();
        }
    }

    private Result execute() throws Exception {
        Files.createDirectories(settings.workDir());
        for (int i = 0; i < settings.nodes(); i++) {
            int port = settings.ports().isEmpty() ? freePort() : settings.ports().get(i);
            nodes.add(new Node(i + 1, port, settings.workDir().resolve("node" + (i + 1) + ".log")));
        }
        line("# Rapport cluster run " + Instant.now());
        line("");
        line("- nodes: " + settings.nodes() + " JVMs (heap " + settings.heap() + "), PostgreSQL schema " + schema
                + " at " + TestDatabases.PG_URL);
        line("- front: " + (settings.front() != null ? "HAProxy " + settings.front()
                : "client-side round robin over the live nodes"));
        line("- read replica: " + (settings.replicaUrl() != null ? "streaming replica " + settings.replicaUrl()
                + " (rapport.datasource.replica.url of every node: aggregate queries, exports, dashboards)"
                : "none"));
        line("- load: " + settings.apiClients() + " API clients (personal access token; each round: create an account, "
                + "list 5 accounts, count the roles with $apply), 1 UI session, 1 import of " + settings.importRows()
                + " contacts, 1 quick campaign (PropagateByExpression) creating a task for each of "
                + settings.campaignContacts() + " contacts");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores shared by the nodes, PostgreSQL, the "
                + "load clients and the front; load average at start " + loadAverage());
        line("");

        if (settings.scalingSeconds() > 0) {
            scaling();
        } else {
            // the first node creates the schema and the organization; the others start on it together
            start(nodes.get(0));
            awaitHealthy(nodes.get(0));
            for (Node n : nodes.subList(1, nodes.size())) {
                start(n);
            }
            // while the others start, node 1 makes the quick campaign's contacts
            seedCampaignContacts(nodes.get(0));
            for (Node n : nodes) {
                awaitHealthy(n);
            }
        }
        return killRun();
    }

    // ---------------------------------------------------------------------------------------------- scaling

    private void scaling() throws Exception {
        // the database alone first, with no node running, so that nothing else competes with it
        Ceiling ceiling = databaseCeiling(settings.apiClients(), settings.scalingSeconds());
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
        for (Node n : nodes) {
            start(n);
            awaitHealthy(n);
            if (token == null) {
                token = issueToken(n.url());
            }
            // HAProxy sees the new node at its next health check
            Thread.sleep(1500);
            long[] replicaBefore = replicaReads();
            Load load = new Load(token, "scale" + n.index);
            load.start(settings.apiClients());
            Thread.sleep(settings.scalingSeconds() * 1000L);
            load.stop();
            long[] replicaAfter = replicaReads();
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

    /** What the database alone did: statements and inserts per second, and the load average after. */
    private record Ceiling(double statementsPerSecond, double insertsPerSecond, String loadAverage) {
    }

    /**
     * The database's own ceiling: from plain JDBC threads, the statements of one client round (a single-row INSERT
     * transaction, a 5-row SELECT, a COUNT of a small table) against bare tables, as fast as it goes.
     */
    private Ceiling databaseCeiling(int threads, int seconds) throws Exception {
        // not the nodes' schema: Flyway wants that one empty
        String url = TestDatabases.PG_URL + "?currentSchema=" + TestDatabases.newPostgresSchema();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("create table bench_ceiling (id uuid primary key, name varchar(160) not null, "
                    + "createdon timestamp not null)");
            s.execute("create table bench_ceiling_small (id integer primary key)");
            s.execute("insert into bench_ceiling_small select generate_series(1, 20)");
        }
        AtomicLong inserts = new AtomicLong();
        AtomicLong statements = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
                        PreparedStatement insert = c.prepareStatement(
                                "insert into bench_ceiling values (?, ?, current_timestamp)");
                        PreparedStatement list = c.prepareStatement("select id, name from bench_ceiling limit 5");
                        PreparedStatement count = c.prepareStatement("select count(*) from bench_ceiling_small")) {
                    while (!stop.get()) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "ceiling");
                        insert.executeUpdate();
                        inserts.incrementAndGet();
                        statements.incrementAndGet();
                        try (ResultSet rs = list.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(2);
                            }
                        }
                        statements.incrementAndGet();
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                        }
                        statements.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            w.start();
            workers.add(w);
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Ceiling(statements.get() / elapsed, inserts.get() / elapsed, loadAverage());
    }

    /**
     * Reads that could go to the replica, summed over the live nodes ({replica, primary}, from each node's meter
     * {@code rapport.replica.reads}), or null without a replica.
     */
    private long[] replicaReads() {
        if (settings.replicaUrl() == null) {
            return null;
        }
        long[] sum = new long[2];
        for (Node n : nodes) {
            if (n.alive()) {
                long[] one = replicaReads(n);
                sum[0] += one[0];
                sum[1] += one[1];
            }
        }
        return sum;
    }

    private long[] replicaReads(Node n) {
        long[] counts = new long[2];
        String[] targets = {"replica", "primary"};
        for (int i = 0; i < 2; i++) {
            try {
                HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(n.url()
                        + "/actuator/metrics/rapport.replica.reads?tag=target:" + targets[i]))
                        .header("Authorization", basicAdmin()));
                if (r.statusCode() == 200) {
                    counts[i] = (long) JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble();
                }
            } catch (IOException e) {
                // the node is going away: its counts go with it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return counts;
    }

    private static String replicaColumn(long[] before, long[] after) {
        return before == null ? "no replica" : (after[0] - before[0]) + " / " + (after[1] - before[1]);
    }

    // ---------------------------------------------------------------------------------------------- kill run

    private Result killRun() throws Exception {
        String token = issueToken(nodes.get(0).url());
        String tag = "Cluster" + run;
        if (!seeded) {
            // the quick campaign's contacts exist before the load starts
            seedCampaignContacts(nodes.get(0));
        }
        long signalsStart = System.nanoTime();
        Signals signals = signals();
        line(String.format(Locale.ROOT, "(these checks took %.1f s)", (System.nanoTime() - signalsStart) / 1e9));
        line("");
        long[] replicaAtStart = replicaReads();
        Load load = new Load(token, "kill");
        Browser ui = new Browser(null);
        ui.signIn();
        load.start(settings.apiClients());
        Thread uiThread = new Thread(() -> {
            while (!load.stop.get()) {
                ui.page();
            }
        });
        uiThread.start();

        String importId = startImport(token, tag);
        Node victim = awaitImportNode(importId);
        // a person signs in through the node about to die, then goes on through the front (as a browser does behind a
        // load balancer), a page every 250 ms, before, across and after the kill
        Browser person = new Browser(victim);
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
        // the kill follows its first page
        String campaignId = startCampaign(victim, token, campaignTag);
        Campaign atKill = awaitCampaignRunning(campaignId);
        Node campaignNode = nodeOf(atKill.pickedBy());
        long[] replicaOnVictim = settings.replicaUrl() == null ? null : replicaReads(victim);
        long writesBeforeKill = load.writes.get();
        long readsBeforeKill = load.reads.get();
        long errorsBeforeKill = load.errors.get();
        double secondsBeforeKill = load.seconds();
        long killedAt = System.nanoTime();
        new ProcessBuilder("kill", "-9", Long.toString(victim.process.pid())).inheritIO().start().waitFor();
        victim.process.waitFor();
        // what the dead node had committed: no other node takes its jobs over before their heartbeats are missed
        atKill = campaign(campaignId);
        Map<String, Object> importAtKill = importJob(importId);
        int importDoneAtKill = (Integer) importAtKill.get("processed");
        boolean importOnVictim = "RUNNING".equals(importAtKill.get("status"))
                && nodeOf((String) importAtKill.get("claimedby")) == victim;
        long[] campaignTakeover = {-1};
        Thread campaignWatch = new Thread(() -> {
            try {
                campaignTakeover[0] = awaitCampaignDone(campaignId, killedAt);
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
        long takeover = awaitImportDone(importId, killedAt);
        load.stop();
        uiThread.join();
        personThread.join();
        UiSession session = person.since(killedAt, signedInOnVictim);
        double secondsAfterKill = load.seconds() - secondsBeforeKill;
        long writesAfterKill = load.writes.get() - writesBeforeKill;
        long readsAfterKill = load.reads.get() - readsBeforeKill;
        long errorsAfterKill = load.errors.get() - errorsBeforeKill;
        long[] replicaAtEnd = replicaReads();

        Set<String> stored = new HashSet<>();
        int imported;
        int distinct;
        String status;
        String finishedBy;
        int tasks;
        int regarded;
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestDatabases.PG_USER, "")) {
            try (PreparedStatement p = c.prepareStatement("select name from account where name like ?")) {
                p.setString(1, "kill-" + run + "-%");
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "select count(*), count(distinct emailaddress1) from contact where lastname = ?")) {
                p.setString(1, tag);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    imported = rs.getInt(1);
                    distinct = rs.getInt(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "select status, claimedby from sys_importjob where importjobid = ?")) {
                p.setObject(1, UUID.fromString(importId));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    status = rs.getString(1);
                    finishedBy = rs.getString(2);
                }
            }
            // one task per selected contact: every task of the campaign regards one of its contacts, none twice
            try (PreparedStatement p = c.prepareStatement("select count(*), count(distinct t.regardingobjectid) "
                    + "from task t join contact m on m.contactid = t.regardingobjectid and m.lastname = ? "
                    + "where t.subject = ?")) {
                p.setString(1, campaignTag);
                p.setString(2, campaignTag);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    tasks = rs.getInt(1);
                    regarded = rs.getInt(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement("select count(*) from task where subject = ?")) {
                p.setString(1, campaignTag);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    // a task regarding anything else would be a bug too: count them all
                    tasks = Math.max(tasks, rs.getInt(1));
                }
            }
        }
        Campaign campaignEnd = campaign(campaignId);
        Set<String> missing = new HashSet<>(load.acknowledged);
        missing.removeAll(stored);
        Node finisher = nodeOf(finishedBy != null ? finishedBy : lastClaimer);
        boolean onAnother = finisher != null && finisher != victim;
        Node campaignFinisher = nodeOf(lastCampaignPicker);

        line("- UI session signed in through the killed node (" + (signedInOnVictim ? "its first page answered there"
                : "NOT answered there") + "), then a page every 250 ms through the front: " + session.pagesAfterKill()
                + " pages from the kill on (the one in flight included), " + session.signedInAfterKill()
                + " answered as signed in, " + session.signedOutAfterKill() + " signed out, failed: "
                + session.failuresAfterKill() + (session.keptWorking() ? " (kept working)"
                : " (did NOT keep working: every page from the kill on must be answered as signed in, at least "
                        + PAGES_AFTER_KILL + ")"));
        line("- import: " + status + ", finished by node " + (finisher == null ? "?" : finisher.index) + ", "
                + imported + " rows stored (" + distinct + " distinct) of " + settings.importRows()
                + ", taken over and finished " + takeover + " ms after the kill");
        line("- quick campaign: status " + campaignName(campaignEnd.status()) + ", finished by node "
                + (campaignFinisher == null ? "?" : campaignFinisher.index) + " " + campaignTakeover[0]
                + " ms after the kill; counted in SQL: " + tasks + " tasks for " + regarded + " distinct contacts of "
                + settings.campaignContacts() + " selected (success count " + campaignEnd.successCount()
                + ", failures " + campaignEnd.failureCount() + ")" + (campaignOnVictim ? ""
                : "; NOT running on the killed node at the kill (status " + campaignName(atKill.status()) + ")"));
        line("- API writes acknowledged: " + load.acknowledged.size() + ", missing afterwards: " + missing.size());
        line("- another UI session through the front (load, not judged): " + ui.ok.get() + " pages answered 200, "
                + ui.signedOut.get() + " signed out, " + ui.failed.get() + " failed " + ui.failures
                + "; slowest page " + ui.slowestMillis.get() + " ms");
        RecurringRuns recurring = recurringRuns();
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
        return new Result(load.acknowledged.size(), missing.size(), settings.importRows(), imported, distinct, status,
                importOnVictim, importDoneAtKill, onAnother, session, errorsBeforeKill, errorsAfterKill, writesBeforeKill / secondsBeforeKill,
                writesAfterKill / Math.max(secondsAfterKill, 0.001), takeover, settings.campaignContacts(),
                atKill.successCount(), campaignEnd.status(), campaignOnVictim, tasks, regarded,
                campaignEnd.successCount(), signals, recurring, report.toString());
    }

    // ---------------------------------------------------------------------------------------------- quick campaign

    private final String campaignTag = "Campaign" + run;
    private boolean seeded;

    /** The campaign's contacts, 500 per CreateMultiple through the given node. */
    private void seedCampaignContacts(Node node) throws Exception {
        long started = System.nanoTime();
        String token = issueToken(node.url());
        String lastName = campaignTag;
        for (int from = 0; from < settings.campaignContacts(); from += 500) {
            int to = Math.min(from + 500, settings.campaignContacts());
            com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
            com.fasterxml.jackson.databind.node.ArrayNode targets = body.putArray("Targets");
            for (int i = from; i < to; i++) {
                targets.addObject().put("@odata.type", "Microsoft.Dynamics.CRM.contact").put("firstname", "Member" + i)
                        .put("lastname", lastName);
            }
            HttpResponse<String> r = null;
            for (int attempt = 1; attempt <= 5; attempt++) {
                r = send(http, HttpRequest.newBuilder(URI.create(node.url()
                        + "/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
                if (r.statusCode() != 429) {
                    break;
                }
                Thread.sleep(1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1")));
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Campaign contacts not created: " + r.statusCode() + " " + r.body());
            }
        }
        seeded = true;
        line(String.format(Locale.ROOT, "- the quick campaign's %d contacts created through node %d in %.1f s",
                settings.campaignContacts(), node.index, (System.nanoTime() - started) / 1e9));
        line("");
    }

    /** PropagateByExpression on the given node: a task for every contact with the last name; its bulkoperation. */
    private String startCampaign(Node node, String token, String lastName) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode();
        body.putObject("QueryExpression").put("@odata.type", "Microsoft.Dynamics.CRM.FetchExpression")
                .put("Query", "<fetch><entity name='contact'><attribute name='contactid'/><filter>"
                        + "<condition attribute='lastname' operator='eq' value='" + lastName + "'/></filter>"
                        + "</entity></fetch>");
        body.put("FriendlyName", "Cluster campaign " + run).put("ExecuteImmediately", false)
                .put("OwnershipOptions", "Caller");
        body.putObject("Activity").put("@odata.type", "Microsoft.Dynamics.CRM.task").put("subject", lastName);
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(node.url()
                + "/api/data/v9.2/PropagateByExpression")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Quick campaign not started: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("BulkOperationId").asText();
    }

    /** A quick campaign as the database has it: its bulkoperation, and the node running its job (if any). */
    private record Campaign(int status, int successCount, int failureCount, String pickedBy) {
    }

    private Campaign campaign(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestDatabases.PG_USER, "");
                PreparedStatement p = c.prepareStatement("select b.statuscode, coalesce(b.successcount, 0), "
                        + "coalesce(b.failurecount, 0), (select t.picked_by from sys_scheduled_tasks t "
                        + "where t.task_name = 'marketing-quick-campaign' and t.task_instance = ? and t.picked) "
                        + "from bulkoperation b where b.activityid = ?")) {
            p.setString(1, id);
            p.setObject(2, UUID.fromString(id));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new Campaign(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getString(4));
            }
        }
    }

    private static String campaignName(int status) {
        return switch (status) {
            case MarketingLists.BULK_PENDING -> "Pending";
            case MarketingLists.BULK_IN_PROGRESS -> "In Progress";
            case MarketingLists.BULK_ABORTED -> "Aborted";
            case MarketingLists.BULK_COMPLETED -> "Completed";
            case MarketingLists.BULK_CANCELED -> "Canceled";
            default -> String.valueOf(status);
        };
    }

    /** Waits until the campaign's job runs and has committed its first page, but is not done. */
    private Campaign awaitCampaignRunning(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Campaign now = campaign(id);
            if (now.status() == MarketingLists.BULK_COMPLETED) {
                throw new IllegalStateException("The quick campaign finished before its node could be killed; select "
                        + "more contacts (" + settings.campaignContacts() + " now)");
            }
            if (now.status() == MarketingLists.BULK_IN_PROGRESS && now.successCount() > 0 && now.pickedBy() != null) {
                return now;
            }
            if (now.status() != MarketingLists.BULK_PENDING && now.status() != MarketingLists.BULK_IN_PROGRESS) {
                throw new IllegalStateException("The quick campaign ended " + campaignName(now.status()));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The quick campaign created nothing within 3 minutes");
    }

    /** The node last seen running the campaign's job after the kill (a finished job's row is gone). */
    private volatile String lastCampaignPicker;

    /** Milliseconds from the kill until the campaign ended, or -1 after 10 minutes. */
    private long awaitCampaignDone(String id, long killedAt) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            Campaign now = campaign(id);
            if (now.pickedBy() != null) {
                lastCampaignPicker = now.pickedBy();
            }
            if (now.status() != MarketingLists.BULK_PENDING && now.status() != MarketingLists.BULK_IN_PROGRESS) {
                return (System.nanoTime() - killedAt) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------- signals

    /**
     * Milliseconds until every live node saw a change made through one node (a revoked token refused, a disabled
     * user refused, a field added usable), each -1 when some node did not within 5 s.
     */
    public record Signals(long tokenRevoked, long userDisabled, long fieldUsable) {

        public boolean withinASecond() {
            return tokenRevoked >= 0 && tokenRevoked < 1000 && userDisabled >= 0 && userDisabled < 1000
                    && fieldUsable >= 0 && fieldUsable < 1000;
        }
    }

    private static final String SIGNAL_PASSWORD = "correct horse battery";

    /**
     * Changes made through node 1 while every node has the state before cached: a token every node has just
     * accepted is revoked; a user every node has just served with a token is disabled; a field is added to account.
     * Each node is polled every 20 ms from its own thread.
     */
    private Signals signals() throws Exception {
        Node a = nodes.get(0);
        List<Node> live = nodes.stream().filter(Node::alive).toList();
        String admin = basicAdmin();

        JsonNode issued = JSON.readTree(post(a, "/api/rapport/tokens", admin, "{\"name\":\"revoke " + run + "\"}",
                201));
        String revoked = "Bearer " + issued.path("token").asText();
        for (Node n : live) {
            expect(get(n, "/api/data/v9.2/WhoAmI", revoked), 200, "a fresh token on node " + n.index);
        }
        expect(send(http, HttpRequest.newBuilder(URI.create(a.url() + "/api/rapport/tokens/"
                + issued.path("id").asText())).header("Authorization", admin).DELETE()).statusCode(), 204,
                "revoking the token");
        long tokenMillis = untilEveryNode(live, n -> get(n, "/api/data/v9.2/WhoAmI", revoked) == 401);
        long tokenProbe = lastProbeMillis;

        // the administrator's business unit is the root one
        String rootUnit = JSON.readTree(getBody(a, "/api/data/v9.2/WhoAmI", admin)).path("BusinessUnitId").asText();
        String role = JSON.readTree(getBody(a, "/api/data/v9.2/roles?$select=roleid&$filter=" + enc("name eq "
                + "'Salesperson' and _businessunitid_value eq " + rootUnit).replace("+", "%20"), admin))
                .path("value").path(0).path("roleid").asText();
        String user = "signal-" + run;
        post(a, "/api/data/v9.2/systemusers", admin, "{\"firstname\":\"Signal\",\"lastname\":\"" + run + "\","
                + "\"domainname\":\"" + user + "\",\"businessunitid@odata.bind\":\"/businessunits(" + rootUnit
                + ")\"}", 204);
        String userId = JSON.readTree(getBody(a, "/api/data/v9.2/systemusers?$select=systemuserid&$filter="
                + enc("domainname eq '" + user + "'").replace("+", "%20"), admin)).path("value").path(0)
                .path("systemuserid").asText();
        post(a, "/api/data/v9.2/systemusers(" + userId + ")/Microsoft.Dynamics.CRM.SetUserPassword", admin,
                "{\"Password\":\"" + SIGNAL_PASSWORD + "\"}", 204);
        post(a, "/api/data/v9.2/systemusers(" + userId + ")/systemuserroles_association/$ref", admin,
                "{\"@odata.id\":\"" + a.url() + "/api/data/v9.2/roles(" + role + ")\"}", 204);
        String userBasic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + SIGNAL_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String userToken = "Bearer " + JSON.readTree(post(a, "/api/rapport/tokens", userBasic,
                "{\"name\":\"disabled " + run + "\"}", 201)).path("token").asText();
        for (Node n : live) {
            expect(get(n, "/api/data/v9.2/WhoAmI", userToken), 200, "the user's token on node " + n.index);
        }
        expect(send(http, HttpRequest.newBuilder(URI.create(a.url() + "/api/data/v9.2/systemusers(" + userId + ")"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"isdisabled\":true}"))).statusCode(), 204,
                "disabling the user");
        long disabledMillis = untilEveryNode(live, n -> get(n, "/api/data/v9.2/WhoAmI", userToken) == 401);
        long disabledProbe = lastProbeMillis;

        String field = "new_Signal" + run;
        String adminToken = "Bearer " + JSON.readTree(post(a, "/api/rapport/tokens", admin,
                "{\"name\":\"field " + run + "\"}", 201)).path("token").asText();
        String label = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.Label\",\"LocalizedLabels\":[{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.LocalizedLabel\",\"Label\":\"Signal\",\"LanguageCode\":1033}]}";
        post(a, "/api/data/v9.2/EntityDefinitions(LogicalName='account')/Attributes", admin, "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.IntegerAttributeMetadata\",\"SchemaName\":\"" + field + "\","
                + "\"DisplayName\":" + label + ",\"RequiredLevel\":{\"Value\":\"None\"},\"MinValue\":0,"
                + "\"MaxValue\":1000,\"Format\":\"None\"}", 204);
        String logical = field.toLowerCase(Locale.ROOT);
        long fieldMillis = untilEveryNode(live, n -> postStatus(n, "/api/data/v9.2/accounts", adminToken,
                "{\"name\":\"signal-" + run + "-" + n.index + "\",\"" + logical + "\":7}") == 204);
        long fieldProbe = lastProbeMillis;

        line("## Changes seen by every node (" + live.size() + " nodes, polled every 20 ms)");
        line("");
        line("| change through node " + a.index + " | every node within | of which the request that saw it |");
        line("|---|---:|---:|");
        line("| personal access token revoked, refused (401) | " + millis(tokenMillis) + " | " + tokenProbe + " ms |");
        line("| user disabled, their token refused (401) | " + millis(disabledMillis) + " | " + disabledProbe
                + " ms |");
        line("| integer field added to account, usable in a create | " + millis(fieldMillis) + " | " + fieldProbe
                + " ms |");
        line("");
        return new Signals(tokenMillis, disabledMillis, fieldMillis);
    }

    private static String millis(long ms) {
        return ms < 0 ? "not within 5 s" : ms + " ms";
    }

    /** A check against one node that may fail with an exception (counted as not yet). */
    private interface NodeCheck {
        boolean holds(Node n) throws Exception;
    }

    /** The longest time the request that first saw the change took, on any node, in the last check. */
    private long lastProbeMillis;

    /**
     * Milliseconds until the check held on every node (the slowest node), or -1 when one did not within 5 s; the
     * time includes the whole request that first saw the change ({@link #lastProbeMillis}).
     */
    private long untilEveryNode(List<Node> live, NodeCheck check) throws InterruptedException {
        long start = System.nanoTime();
        AtomicLong slowest = new AtomicLong();
        AtomicLong probe = new AtomicLong();
        AtomicBoolean missed = new AtomicBoolean();
        List<Thread> pollers = new ArrayList<>();
        for (Node n : live) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() - start < 5_000_000_000L) {
                    long asked = System.nanoTime();
                    try {
                        if (check.holds(n)) {
                            long now = System.nanoTime();
                            slowest.accumulateAndGet((now - start) / 1_000_000, Math::max);
                            probe.accumulateAndGet((now - asked) / 1_000_000, Math::max);
                            return;
                        }
                    } catch (Exception e) {
                        // not yet
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                missed.set(true);
            }, "signal-node-" + n.index);
            t.start();
            pollers.add(t);
        }
        for (Thread t : pollers) {
            t.join();
        }
        lastProbeMillis = probe.get();
        return missed.get() ? -1 : slowest.get();
    }

    private int get(Node n, String path, String auth) throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(URI.create(n.url() + path)).header("Authorization", auth))
                .statusCode();
    }

    private String getBody(Node n, String path, String auth) throws IOException, InterruptedException {
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(n.url() + path))
                .header("Authorization", auth));
        expect(r.statusCode(), 200, "GET " + path + ": " + r.body());
        return r.body();
    }

    private int postStatus(Node n, String path, String auth, String json) throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(URI.create(n.url() + path)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)))
                .statusCode();
    }

    private String post(Node n, String path, String auth, String json, int expected) throws IOException,
            InterruptedException {
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(n.url() + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        expect(r.statusCode(), expected, "POST " + path + ": " + r.body());
        return r.body();
    }

    private static void expect(int status, int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status + ", expected " + expected);
        }
    }

    // ---------------------------------------------------------------------------------------------- recurring jobs

    /** The recurring job the harness watches, and its period (set on every node). */
    static final String RECURRING_JOB = "mail-track-mailboxes";
    static final long RECURRING_PERIOD_MILLIS = 2000;
    private static final Pattern RECURRING_RUN = Pattern.compile("Recurring job ran job=" + RECURRING_JOB
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

    private RecurringRuns recurringRuns() throws IOException {
        record Run(long start, long end, int node) {
        }
        List<Run> runs = new ArrayList<>();
        Map<Integer, Integer> byNode = new java.util.TreeMap<>();
        for (Node n : nodes) {
            if (!Files.exists(n.log)) {
                continue;
            }
            Matcher m = RECURRING_RUN.matcher(Files.readString(n.log));
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
            if (wait < RECURRING_PERIOD_MILLIS) {
                doubled++;
            }
            longest = Math.max(longest, wait);
        }
        RecurringRuns result = new RecurringRuns(runs.size(), doubled, longest, byNode);
        line("- recurring job " + RECURRING_JOB + " (due " + RECURRING_PERIOD_MILLIS + " ms after its previous run "
                + "ended): " + runs.size() + " runs over the whole harness run, by node " + byNode + "; " + doubled
                + " started within the period of the run before (a period run twice); longest wait between runs "
                + longest + " ms (includes taking over a run the killed node held)");
        return result;
    }

    // ---------------------------------------------------------------------------------------------- nodes

    private void start(Node n) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + settings.heap(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", settings.classpath(), "io.rapport.RapportApplication",
                "--server.port=" + n.port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=12",
                "--rapport.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                // the load's clients share one user and token: Dataverse's per-user service protection (6,000
                // requests per 5 minutes per node) would cap the run at 20 requests/s per node and turn the rest into
                // 429s, so the harness measures capacity with the limits raised (they are tested in their own tests)
                "--rapport.webapi.rate-limit-requests=1000000000",
                "--rapport.webapi.execution-time-limit=100000h",
                "--rapport.jobs.polling-interval=1s",
                "--rapport.jobs.heartbeat-interval=1s",
                "--rapport.importing.batch-size=200",
                // the recurring job whose runs the harness counts across nodes (no mailbox: a run is one query)
                "--rapport.mail.poll-interval=" + RECURRING_PERIOD_MILLIS + "ms",
                "--logging.level.io.rapport.jobs.internal.JobTasks=debug",
                "--logging.level.root=warn",
                "--logging.level.io.rapport.importing=info",
                "--logging.level.io.rapport.jobs=info",
                "--logging.level.io.rapport.cluster=info",
                // the harness reads rapport.replica.reads (as the administrator: only health is open)
                "--management.endpoints.web.exposure.include=health,info,metrics"));
        if (settings.replicaUrl() != null) {
            cmd.add("--rapport.datasource.replica.url=" + settings.replicaUrl() + "?currentSchema=" + schema);
            cmd.add("--rapport.datasource.replica.username=" + TestDatabases.PG_USER);
            cmd.add("--rapport.datasource.replica.password=");
        }
        n.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(n.log.toFile()).start();
    }

    private void awaitHealthy(Node n) throws Exception {
        // a node starts in about 20 s on a quiet 2-core machine, in minutes on a loaded one
        Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
        while (Instant.now().isBefore(deadline)) {
            if (!n.alive()) {
                throw new IllegalStateException("Node " + n.index + " exited; see " + n.log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(n.url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Node " + n.index + " not healthy in 20 minutes; see " + n.log);
    }

    private void stopAll() {
        for (Node n : nodes) {
            if (n.alive()) {
                n.process.destroy();
            }
        }
        for (Node n : nodes) {
            try {
                if (n.process != null && !n.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    n.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Node nodeOf(String claimedBy) throws IOException {
        if (claimedBy == null) {
            return null;
        }
        for (Node n : nodes) {
            if (Files.readString(n.log).contains("node=" + claimedBy)) {
                return n;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private void line(String s) {
        report.append(s).append('\n');
        System.out.println(s);
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    /** The base URL for the next request: the load balancer, or the next live node. */
    private String front() {
        if (settings.front() != null) {
            return settings.front();
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            if (n.alive()) {
                return n.url();
            }
        }
        throw new IllegalStateException("No live node");
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws IOException,
            InterruptedException {
        return send(client, request, Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String issueToken(String base) throws Exception {
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(base + "/api/rapport/tokens"))
                .header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cluster " + run + "\"}")));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Token not issued: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("token").asText();
    }

    private static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private String startImport(String token, String tag) throws Exception {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email\n");
        for (int i = 0; i < settings.importRows(); i++) {
            csv.append("Row").append(i).append(',').append(tag).append(',').append(tag.toLowerCase(Locale.ROOT))
                    .append(i).append("@example.com\n");
        }
        String boundary = "----rapport" + run;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"entity\"\r\n\r\ncontact\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(front() + "/api/rapport/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() != 202) {
            throw new IllegalStateException("Import not started: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asText();
    }

    private Map<String, Object> importJob(String id) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestDatabases.PG_USER, "");
                PreparedStatement p = c.prepareStatement(
                        "select status, processedrows, claimedby from sys_importjob where importjobid = ?")) {
            p.setObject(1, UUID.fromString(id));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                Map<String, Object> job = new LinkedHashMap<>();
                job.put("status", rs.getString(1));
                job.put("processed", rs.getInt(2));
                job.put("claimedby", rs.getString(3));
                return job;
            }
        }
    }

    /** The node that claimed the import, once it has stored some rows. */
    private Node awaitImportNode(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> job = importJob(id);
            if ("COMPLETED".equals(job.get("status"))) {
                throw new IllegalStateException("The import finished before a node could be killed; use more rows");
            }
            if ((Integer) job.get("processed") > 0 && job.get("claimedby") != null) {
                Node n = nodeOf((String) job.get("claimedby"));
                if (n != null) {
                    return n;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("No node started the import within 2 minutes");
    }

    /** The node last seen running the import after the kill (a finished import names no node any more). */
    private volatile String lastClaimer;

    private long awaitImportDone(String id, long killedAt) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> job = importJob(id);
            if (job.get("claimedby") != null) {
                lastClaimer = (String) job.get("claimedby");
            }
            if (!"RUNNING".equals(job.get("status")) && !"QUEUED".equals(job.get("status"))) {
                return (System.nanoTime() - killedAt) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /**
     * API clients: each creates an account, lists a few and counts the roles (an aggregate), through the front,
     * counting what was acknowledged.
     */
    private final class Load {
        final String token;
        final String prefix;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong writes = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final List<Thread> threads = new ArrayList<>();
        long startNanos;
        long stopNanos;

        Load(String token, String prefix) {
            this.token = token;
            this.prefix = prefix;
        }

        void start(int clients) {
            startNanos = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread t = new Thread(() -> loop(client), "cluster-client-" + c);
                t.start();
                threads.add(t);
            }
        }

        void loop(int client) {
            HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            int seq = 0;
            while (!stop.get()) {
                String name = prefix + "-" + run + "-" + client + "-" + seq++;
                try {
                    HttpResponse<String> w = send(own, HttpRequest.newBuilder(URI.create(front()
                            + "/api/data/v9.2/accounts")).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
                    if (w.statusCode() == 204) {
                        acknowledged.add(name);
                        writes.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                    HttpResponse<String> r = send(own, HttpRequest.newBuilder(URI.create(front()
                            + "/api/data/v9.2/accounts?$select=name&$top=5")).header("Authorization", "Bearer "
                            + token));
                    if (r.statusCode() == 200) {
                        reads.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                    HttpResponse<String> a = send(own, HttpRequest.newBuilder(URI.create(front()
                            + "/api/data/v9.2/roles?$apply=" + enc("aggregate($count as n)").replace("+", "%20")))
                            .header("Authorization", "Bearer " + token));
                    if (a.statusCode() == 200) {
                        reads.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            stopNanos = System.nanoTime();
        }

        double seconds() {
            return ((stopNanos != 0 ? stopNanos : System.nanoTime()) - startNanos) / 1e9;
        }
    }

    /**
     * A person in the web UI: signs in through the form, then opens the account list again and again, through one
     * node or through the front. Every page is remembered with its time, so that the pages from a moment on (the
     * kill) can be judged.
     */
    private final class Browser {
        /** As long as a browser waits for a page (and as HAProxy waits for a node, timeout server 120s). */
        static final Duration PAGE_TIMEOUT = Duration.ofSeconds(120);
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong signedOut = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong slowestMillis = new AtomicLong();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final List<Page> pages = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile Node pinned;

        /** One page: when it was asked and answered (System.nanoTime), its status (0: no answer) and why it failed. */
        record Page(long askedNanos, long answeredNanos, int status, String failure) {
        }

        Browser(Node pinned) {
            this.pinned = pinned;
        }

        void moveTo(Node node) {
            pinned = node;
        }

        void signIn() throws Exception {
            String base = pinned != null ? pinned.url() : front();
            String page = send(client, HttpRequest.newBuilder(URI.create(base + "/login"))).body();
            Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                    .matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("No CSRF token on the sign-in page");
            }
            String csrf = m.group(1) != null ? m.group(1) : m.group(2);
            String form = "username=" + enc(TestUsers.ADMIN) + "&password=" + enc(TestUsers.ADMIN_PASSWORD)
                    + "&_csrf=" + enc(csrf);
            HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
                throw new IllegalStateException("Sign-in failed: " + r.statusCode() + " " + r.headers().map());
            }
        }

        /** Opens the account list; the HTTP status (0 when no answer came). */
        int page() {
            long asked = System.nanoTime();
            int status = 0;
            String failure = null;
            try {
                status = get("/app/account").statusCode();
                if (status != 200 && status != 302) {
                    failure = "HTTP " + status;
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
            long answered = System.nanoTime();
            slowestMillis.accumulateAndGet((answered - asked) / 1_000_000, Math::max);
            pages.add(new Page(asked, answered, status, failure));
            if (status == 200) {
                ok.incrementAndGet();
            } else if (status == 302) {
                signedOut.incrementAndGet();
            } else {
                failed.incrementAndGet();
                failures.merge(failure, 1, Integer::sum);
            }
            return status;
        }

        /**
         * A GET through the pinned node, or through the front. The client-side front (no HAProxy) does what
         * bench/cluster.sh configures HAProxy to do: a GET that got no answer because its node refused the connection
         * or closed it without answering (killed) is sent to the next live node; a timeout is not retried.
         */
        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            Node node = pinned;
            if (node != null || settings.front() != null) {
                String base = node != null ? node.url() : settings.front();
                return send(client, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html"),
                        PAGE_TIMEOUT);
            }
            IOException last = null;
            for (int attempt = 0; attempt < nodes.size(); attempt++) {
                try {
                    return send(client, HttpRequest.newBuilder(URI.create(front() + path))
                            .header("Accept", "text/html"), PAGE_TIMEOUT);
                } catch (java.net.http.HttpTimeoutException e) {
                    throw e;
                } catch (IOException e) {
                    last = e;
                }
            }
            throw last;
        }

        /** The pages answered (or failed) from the given moment on: the one in flight then included. */
        UiSession since(long nanos, boolean signedInFirst) {
            List<Page> after;
            synchronized (pages) {
                after = pages.stream().filter(p -> p.answeredNanos() >= nanos).toList();
            }
            Map<String, Integer> failed = new java.util.TreeMap<>();
            int signedIn = 0;
            int out = 0;
            for (Page p : after) {
                if (p.status() == 200) {
                    signedIn++;
                } else if (p.status() == 302) {
                    out++;
                } else {
                    failed.merge(p.failure(), 1, Integer::sum);
                }
            }
            return new UiSession(signedInFirst, after.size(), signedIn, out, failed);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
}
