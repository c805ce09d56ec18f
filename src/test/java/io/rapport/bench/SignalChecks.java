package io.rapport.bench;

import static io.rapport.bench.ClusterHttp.JSON;
import static io.rapport.bench.ClusterHttp.enc;
import static io.rapport.bench.ClusterHttp.expect;
import static io.rapport.bench.ClusterReport.millis;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes made through one node that every node must apply within a second: a revoked personal access token, a
 * disabled user, a field added to account.
 */
final class SignalChecks {

    private final ClusterNodes nodes;
    private final ClusterHttp http;
    private final ClusterReport report;
    private final String run;

    SignalChecks(ClusterNodes nodes, ClusterHttp http, ClusterReport report, String run) {
        this.nodes = nodes;
        this.http = http;
        this.report = report;
        this.run = run;
    }

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
    Signals run() throws Exception {
        ClusterNode a = nodes.get(0);
        List<ClusterNode> live = nodes.live();
        String admin = ClusterHttp.basicAdmin();

        JsonNode issued = JSON.readTree(http.post(a, "/api/rapport/tokens", admin, "{\"name\":\"revoke " + run + "\"}",
                201));
        String revoked = "Bearer " + issued.path("token").asText();
        for (ClusterNode n : live) {
            expect(http.get(n, "/api/data/v9.2/WhoAmI", revoked), 200, "a fresh token on node " + n.index);
        }
        expect(http.send(HttpRequest.newBuilder(URI.create(a.url() + "/api/rapport/tokens/"
                + issued.path("id").asText())).header("Authorization", admin).DELETE()).statusCode(), 204,
                "revoking the token");
        long tokenMillis = untilEveryNode(live, n -> http.get(n, "/api/data/v9.2/WhoAmI", revoked) == 401);
        long tokenProbe = lastProbeMillis;

        // the administrator's business unit is the root one
        String rootUnit = JSON.readTree(http.getBody(a, "/api/data/v9.2/WhoAmI", admin)).path("BusinessUnitId")
                .asText();
        String role = JSON.readTree(http.getBody(a, "/api/data/v9.2/roles?$select=roleid&$filter=" + enc("name eq "
                + "'Salesperson' and _businessunitid_value eq " + rootUnit).replace("+", "%20"), admin))
                .path("value").path(0).path("roleid").asText();
        String user = "signal-" + run;
        http.post(a, "/api/data/v9.2/systemusers", admin, "{\"firstname\":\"Signal\",\"lastname\":\"" + run + "\","
                + "\"domainname\":\"" + user + "\",\"businessunitid@odata.bind\":\"/businessunits(" + rootUnit
                + ")\"}", 204);
        String userId = JSON.readTree(http.getBody(a, "/api/data/v9.2/systemusers?$select=systemuserid&$filter="
                + enc("domainname eq '" + user + "'").replace("+", "%20"), admin)).path("value").path(0)
                .path("systemuserid").asText();
        http.post(a, "/api/data/v9.2/systemusers(" + userId + ")/Microsoft.Dynamics.CRM.SetUserPassword", admin,
                "{\"Password\":\"" + SIGNAL_PASSWORD + "\"}", 204);
        http.post(a, "/api/data/v9.2/systemusers(" + userId + ")/systemuserroles_association/$ref", admin,
                "{\"@odata.id\":\"" + a.url() + "/api/data/v9.2/roles(" + role + ")\"}", 204);
        String userBasic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + SIGNAL_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String userToken = "Bearer " + JSON.readTree(http.post(a, "/api/rapport/tokens", userBasic,
                "{\"name\":\"disabled " + run + "\"}", 201)).path("token").asText();
        for (ClusterNode n : live) {
            expect(http.get(n, "/api/data/v9.2/WhoAmI", userToken), 200, "the user's token on node " + n.index);
        }
        expect(http.send(HttpRequest.newBuilder(URI.create(a.url() + "/api/data/v9.2/systemusers(" + userId + ")"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"isdisabled\":true}"))).statusCode(), 204,
                "disabling the user");
        long disabledMillis = untilEveryNode(live, n -> http.get(n, "/api/data/v9.2/WhoAmI", userToken) == 401);
        long disabledProbe = lastProbeMillis;

        String field = "new_Signal" + run;
        String adminToken = "Bearer " + JSON.readTree(http.post(a, "/api/rapport/tokens", admin,
                "{\"name\":\"field " + run + "\"}", 201)).path("token").asText();
        String label = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.Label\",\"LocalizedLabels\":[{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.LocalizedLabel\",\"Label\":\"Signal\",\"LanguageCode\":1033}]}";
        http.post(a, "/api/data/v9.2/EntityDefinitions(LogicalName='account')/Attributes", admin, "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.IntegerAttributeMetadata\",\"SchemaName\":\"" + field + "\","
                + "\"DisplayName\":" + label + ",\"RequiredLevel\":{\"Value\":\"None\"},\"MinValue\":0,"
                + "\"MaxValue\":1000,\"Format\":\"None\"}", 204);
        String logical = field.toLowerCase(Locale.ROOT);
        long fieldMillis = untilEveryNode(live, n -> http.postStatus(n, "/api/data/v9.2/accounts", adminToken,
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

    /** A check against one node that may fail with an exception (counted as not yet). */
    private interface NodeCheck {
        boolean holds(ClusterNode n) throws Exception;
    }

    /** The longest time the request that first saw the change took, on any node, in the last check. */
    private long lastProbeMillis;

    /**
     * Milliseconds until the check held on every node (the slowest node), or -1 when one did not within 5 s; the
     * time includes the whole request that first saw the change ({@link #lastProbeMillis}).
     */
    private long untilEveryNode(List<ClusterNode> live, NodeCheck check) throws InterruptedException {
        long start = System.nanoTime();
        AtomicLong slowest = new AtomicLong();
        AtomicLong probe = new AtomicLong();
        AtomicBoolean missed = new AtomicBoolean();
        List<Thread> pollers = new ArrayList<>();
        for (ClusterNode n : live) {
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

    private void line(String s) {
        report.line(s);
    }
}
