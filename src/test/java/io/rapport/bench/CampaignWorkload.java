package io.rapport.bench;

import io.rapport.marketing.MarketingLists;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The quick campaign of the kill run: its contacts (seeded before the load), PropagateByExpression asked of the node
 * about to die (one task per contact, 500 per transaction), and its progress as the database has it.
 */
final class CampaignWorkload {

    private final ClusterHarness.Settings settings;
    private final ClusterDatabase database;
    private final ClusterHttp http;
    private final ClusterReport report;
    private final String run;
    final String campaignTag;
    boolean seeded;

    CampaignWorkload(ClusterHarness.Settings settings, ClusterDatabase database, ClusterHttp http,
            ClusterReport report, String run) {
        this.settings = settings;
        this.database = database;
        this.http = http;
        this.report = report;
        this.run = run;
        this.campaignTag = "Campaign" + run;
    }

    /** The campaign's contacts, 500 per CreateMultiple through the given node. */
    void seedCampaignContacts(ClusterNode node) throws Exception {
        long started = System.nanoTime();
        String token = http.issueToken(node.url());
        String lastName = campaignTag;
        for (int from = 0; from < settings.campaignContacts(); from += 500) {
            int to = Math.min(from + 500, settings.campaignContacts());
            com.fasterxml.jackson.databind.node.ObjectNode body = ClusterHttp.JSON.createObjectNode();
            com.fasterxml.jackson.databind.node.ArrayNode targets = body.putArray("Targets");
            for (int i = from; i < to; i++) {
                targets.addObject().put("@odata.type", "Microsoft.Dynamics.CRM.contact").put("firstname", "Member" + i)
                        .put("lastname", lastName);
            }
            HttpResponse<String> r = null;
            for (int attempt = 1; attempt <= 5; attempt++) {
                r = http.send(HttpRequest.newBuilder(URI.create(node.url()
                        + "/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.CreateMultiple"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ClusterHttp.JSON.writeValueAsString(body))));
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

    /**
     * The campaign asked of a node: its bulkoperation, the subject of its tasks, its state once its job committed a
     * first page, the node running that job, and how many times it was asked.
     */
    record Started(String id, String subject, ClusterDatabase.Campaign running, ClusterNode node, int attempts) {
    }

    /**
     * Asks the node for the campaign until the node itself runs its job (at most three times). The node starts a job
     * it schedules at once after its commit, but another node's poll (every second) can pick the job up first; such a
     * campaign goes on where it runs, and its tasks, which carry another subject, are not counted. The campaign
     * returned stops before it records its next page until {@link #releaseProgress()}.
     */
    Started startOn(ClusterNode node, String token, ClusterNodes nodes) throws Exception {
        for (int attempt = 1;; attempt++) {
            String subject = attempt == 1 ? campaignTag : campaignTag + "-" + attempt;
            String id = startCampaign(node, token, campaignTag, subject);
            ClusterDatabase.Campaign running = awaitCampaignRunning(id);
            ClusterNode runner = nodes.nodeOf(running.pickedBy());
            if (runner == node || attempt == 3) {
                return new Started(id, subject, running, runner, attempt);
            }
            releaseProgress();
            line("- the quick campaign asked of node " + node.index + " was picked up by node "
                    + (runner == null ? "?" : runner.index) + " first; asked again");
        }
    }

    /**
     * PropagateByExpression on the given node: a task with the subject for every contact with the last name; its
     * bulkoperation.
     */
    String startCampaign(ClusterNode node, String token, String lastName, String subject) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body = ClusterHttp.JSON.createObjectNode();
        body.putObject("QueryExpression").put("@odata.type", "Microsoft.Dynamics.CRM.FetchExpression")
                .put("Query", "<fetch><entity name='contact'><attribute name='contactid'/><filter>"
                        + "<condition attribute='lastname' operator='eq' value='" + lastName + "'/></filter>"
                        + "</entity></fetch>");
        body.put("FriendlyName", "Cluster campaign " + run).put("ExecuteImmediately", false)
                .put("OwnershipOptions", "Caller");
        body.putObject("Activity").put("@odata.type", "Microsoft.Dynamics.CRM.task").put("subject", subject);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url()
                + "/api/data/v9.2/PropagateByExpression")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ClusterHttp.JSON.writeValueAsString(body))));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Quick campaign not started: " + r.statusCode() + " " + r.body());
        }
        return ClusterHttp.JSON.readTree(r.body()).path("BulkOperationId").asText();
    }

    static String campaignName(int status) {
        return switch (status) {
            case MarketingLists.BULK_PENDING -> "Pending";
            case MarketingLists.BULK_IN_PROGRESS -> "In Progress";
            case MarketingLists.BULK_ABORTED -> "Aborted";
            case MarketingLists.BULK_COMPLETED -> "Completed";
            case MarketingLists.BULK_CANCELED -> "Canceled";
            default -> String.valueOf(status);
        };
    }

    /** The campaign's bulkoperation, locked from its first page until {@link #releaseProgress()}. */
    private ClusterDatabase.RowLock<ClusterDatabase.Campaign> progressLock;

    /**
     * Waits until the campaign's job runs and has committed its first page, but is not done; its bulkoperation then
     * stays locked, so the job waits before it records its next page, however fast it runs.
     */
    ClusterDatabase.Campaign awaitCampaignRunning(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            ClusterDatabase.RowLock<ClusterDatabase.Campaign> lock = database.lockCampaign(id);
            ClusterDatabase.Campaign now = lock.row;
            if (now.status() == MarketingLists.BULK_IN_PROGRESS && now.successCount() > 0 && now.pickedBy() != null) {
                progressLock = lock;
                return now;
            }
            lock.close();
            if (now.status() == MarketingLists.BULK_COMPLETED) {
                throw new IllegalStateException("The quick campaign finished before its first page was seen; select "
                        + "more contacts (" + settings.campaignContacts() + " now)");
            }
            if (now.status() != MarketingLists.BULK_PENDING && now.status() != MarketingLists.BULK_IN_PROGRESS) {
                throw new IllegalStateException("The quick campaign ended " + campaignName(now.status()));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The quick campaign created nothing within 3 minutes");
    }

    /** Lets the campaign's job record its pages again (after the kill: on the node that takes it over). */
    void releaseProgress() throws Exception {
        if (progressLock != null) {
            progressLock.close();
            progressLock = null;
        }
    }

    /** The node last seen running the campaign's job after the kill (a finished job's row is gone). */
    volatile String lastCampaignPicker;

    /** Milliseconds from the kill until the campaign ended, or -1 after 10 minutes. */
    long awaitCampaignDone(String id, long killedAt) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            ClusterDatabase.Campaign now = database.campaign(id);
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

    private void line(String s) {
        report.line(s);
    }
}
