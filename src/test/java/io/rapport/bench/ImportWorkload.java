package io.rapport.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The import of the kill run: a CSV of contacts uploaded through the front, the node whose job runs it (from the
 * claim its log names), and its end as the database has it.
 */
final class ImportWorkload {

    private final ClusterHarness.Settings settings;
    private final ClusterDatabase database;
    private final ClusterNodes nodes;
    private final ClusterFront front;
    private final ClusterHttp http;
    private final String run;

    ImportWorkload(ClusterHarness.Settings settings, ClusterDatabase database, ClusterNodes nodes, ClusterFront front,
            ClusterHttp http, String run) {
        this.settings = settings;
        this.database = database;
        this.nodes = nodes;
        this.front = front;
        this.http = http;
        this.run = run;
    }

    /** Uploads the import (one contact per row, last name {@code tag}) through the front; its id. */
    String startImport(String token, String tag) throws Exception {
        StringBuilder csv = new StringBuilder("First Name,Last Name,Email\n");
        for (int i = 0; i < settings.importRows(); i++) {
            csv.append("Row").append(i).append(',').append(tag).append(',').append(tag.toLowerCase(Locale.ROOT))
                    .append(i).append("@example.com\n");
        }
        String boundary = "----rapport" + run;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"entity\"\r\n\r\ncontact\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(front.base() + "/api/rapport/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() != 202) {
            throw new IllegalStateException("Import not started: " + r.statusCode() + " " + r.body());
        }
        return ClusterHttp.JSON.readTree(r.body()).path("id").asText();
    }

    /** The import job's row, locked from the moment its node was known until {@link #releaseProgress()}. */
    private ClusterDatabase.RowLock<Map<String, Object>> progressLock;

    /**
     * The node that claimed the import, once it has stored some rows. The import then stops before it records its
     * next batch (its row stays locked) until {@link #releaseProgress()}, so it is still running when that node is
     * killed.
     */
    ClusterNode awaitImportNode(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            ClusterDatabase.RowLock<Map<String, Object>> lock = database.lockImportJob(id);
            Map<String, Object> job = lock.row;
            if ("COMPLETED".equals(job.get("status"))) {
                lock.close();
                throw new IllegalStateException("The import finished before a node could be killed; use more rows");
            }
            if ((Integer) job.get("processed") > 0 && job.get("claimedby") != null) {
                ClusterNode n = nodes.nodeOf((String) job.get("claimedby"));
                if (n != null) {
                    progressLock = lock;
                    return n;
                }
            }
            lock.close();
            Thread.sleep(200);
        }
        throw new IllegalStateException("No node started the import within 2 minutes");
    }

    /** Lets the import record its batches again (after the kill: on the node that takes it over). */
    void releaseProgress() throws Exception {
        if (progressLock != null) {
            progressLock.close();
            progressLock = null;
        }
    }

    /** The node last seen running the import after the kill (a finished import names no node any more). */
    volatile String lastClaimer;

    long awaitImportDone(String id, long killedAt) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> job = database.importJob(id);
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
}
