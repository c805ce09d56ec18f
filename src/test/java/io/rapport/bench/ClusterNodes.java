package io.rapport.bench;

import static io.rapport.bench.ClusterHttp.JSON;

import io.rapport.testing.HealthWait;
import io.rapport.testing.TestDatabases;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's Rapport nodes: separate JVMs on one PostgreSQL schema, started with the harness's settings, watched
 * through {@code /actuator/health}, found by the job runs their logs name, stopped at the end.
 */
final class ClusterNodes {

    private final ClusterHarness.Settings settings;
    private final ClusterDatabase database;
    private final HttpClient http = ClusterHttp.newClient();
    private final List<ClusterNode> nodes = new ArrayList<>();

    ClusterNodes(ClusterHarness.Settings settings, ClusterDatabase database) throws IOException {
        this.settings = settings;
        this.database = database;
        for (int i = 0; i < settings.nodes(); i++) {
            int port = settings.ports().isEmpty() ? freePort() : settings.ports().get(i);
            nodes.add(new ClusterNode(i + 1, port, settings.workDir().resolve("node" + (i + 1) + ".log")));
        }
    }

    List<ClusterNode> all() {
        return nodes;
    }

    ClusterNode get(int index) {
        return nodes.get(index);
    }

    int size() {
        return nodes.size();
    }

    List<ClusterNode> live() {
        return nodes.stream().filter(ClusterNode::alive).toList();
    }

    void start(ClusterNode n) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + settings.heap(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", settings.classpath(), "io.rapport.RapportApplication",
                "--server.port=" + n.port,
                "--spring.datasource.url=" + database.jdbcUrl(),
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
                "--rapport.mail.poll-interval=" + RecurringRunsCheck.PERIOD_MILLIS + "ms",
                "--logging.level.io.rapport.jobs.internal.JobTasks=debug",
                "--logging.level.root=warn",
                "--logging.level.io.rapport.importing=info",
                "--logging.level.io.rapport.jobs=info",
                "--logging.level.io.rapport.cluster=info",
                // the harness reads rapport.replica.reads (as the administrator: only health is open)
                "--management.endpoints.web.exposure.include=health,info,metrics"));
        if (settings.replicaUrl() != null) {
            cmd.add("--rapport.datasource.replica.url=" + settings.replicaUrl() + "?currentSchema="
                    + database.schema());
            cmd.add("--rapport.datasource.replica.username=" + TestDatabases.PG_USER);
            cmd.add("--rapport.datasource.replica.password=");
        }
        n.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(n.log.toFile()).start();
    }

    void awaitHealthy(ClusterNode n) throws Exception {
        // a node starts in about 20 s on a quiet 2-core machine, in minutes on a loaded one
        switch (HealthWait.await(n.url(), n.process, Duration.ofMinutes(20), Duration.ofMillis(500))) {
            case UP -> {
            }
            case EXITED -> throw new IllegalStateException("Node " + n.index + " exited; see " + n.log);
            default -> throw new IllegalStateException("Node " + n.index + " not healthy in 20 minutes; see " + n.log);
        }
    }

    void stopAll() {
        for (ClusterNode n : nodes) {
            if (n.alive()) {
                n.process.destroy();
            }
        }
        for (ClusterNode n : nodes) {
            try {
                if (n.process != null && !n.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    n.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    ClusterNode nodeOf(String claimedBy) throws IOException {
        if (claimedBy == null) {
            return null;
        }
        for (ClusterNode n : nodes) {
            if (Files.readString(n.log).contains("node=" + claimedBy)) {
                return n;
            }
        }
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Reads that could go to the replica, summed over the live nodes ({replica, primary}, from each node's meter
     * {@code rapport.replica.reads}), or null without a replica.
     */
    long[] replicaReads() {
        if (settings.replicaUrl() == null) {
            return null;
        }
        long[] sum = new long[2];
        for (ClusterNode n : nodes) {
            if (n.alive()) {
                long[] one = replicaReads(n);
                sum[0] += one[0];
                sum[1] += one[1];
            }
        }
        return sum;
    }

    long[] replicaReads(ClusterNode n) {
        long[] counts = new long[2];
        String[] targets = {"replica", "primary"};
        for (int i = 0; i < 2; i++) {
            try {
                HttpResponse<String> r = ClusterHttp.send(http, HttpRequest.newBuilder(URI.create(n.url()
                        + "/actuator/metrics/rapport.replica.reads?tag=target:" + targets[i]))
                        .header("Authorization", ClusterHttp.basicAdmin()));
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
}
