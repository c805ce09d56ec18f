package io.rapport.bench;

import io.rapport.testing.AppInstances;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A single-process probe of the bulk suite for profiling: on a fresh PostgreSQL schema (or {@code bench.database}),
 * {@code bench.probeRounds} rounds (default 2) of 10,000 accounts through {@code CreateMultiple}, 1,000 per request,
 * each request's time logged, and in the same round COPY of the same number of rows into a bare table, into the
 * real {@code account} table, and into {@code account} with an audit row each (both rolled back): the ceiling a
 * bulk path keeping the indexes, foreign keys and audit can reach. The first round includes JIT warm-up. With
 * {@code bench.bulkClients} above 1 the requests are sent by that many concurrent clients (as the bulk suite sends
 * them, 2 by default there). Run it
 * under JFR ({@code -XX:StartFlightRecording}) to see where the time goes.
 */
final class BulkProbe {

    private static final Logger log = LoggerFactory.getLogger(BulkProbe.class);

    private BulkProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.bulkRows", 10_000);
        int rounds = Integer.getInteger("bench.probeRounds", 2);
        int clients = Integer.getInteger("bench.bulkClients", 1);
        Map<String, String> props = new HashMap<>(BenchDatabase.probeProperties());
        props.put("rapport.webapi.rate-limit-requests", "100000000");
        props.put("rapport.webapi.execution-time-limit", "100000h");
        props.put(AppInstances.PASSWORD_HASH_COST, "10");
        try (ConfigurableApplicationContext app = AppInstances.start(props)) {
            DataSource db = app.getBean(DataSource.class);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
                    + "/api/data/v9.2/";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = "Bearer " + WebApiSuite.token(http, base);
            for (int round = 0; round < rounds; round++) {
                String tag = Long.toString(System.nanoTime(), 36);
                double copy = BulkSuite.copyRowsPerSecond(db, rows, tag);
                double accountCopy = BulkSuite.accountCopyRowsPerSecond(db, rows, tag, false);
                double accountAuditCopy = BulkSuite.accountCopyRowsPerSecond(db, rows, tag, true);
                double seconds;
                if (clients > 1) {
                    seconds = BulkSuite.createMultiple(http, base, auth, tag, rows, clients);
                } else {
                    long t0 = System.nanoTime();
                    for (int from = 0; from < rows; from += BulkSuite.PER_REQUEST) {
                        long r0 = System.nanoTime();
                        BulkSuite.send(http, base, auth, tag, from, Math.min(rows, from + BulkSuite.PER_REQUEST));
                        log.info("Bulk probe request round={} from={} ms={}", round, from, (System.nanoTime() - r0) / 1e6);
                    }
                    seconds = (System.nanoTime() - t0) / 1e9;
                }
                log.info("Bulk probe round={} clients={} rows={} createMultipleRowsPerSecond={} copyRowsPerSecond={} "
                        + "accountCopyRowsPerSecond={} accountAndAuditCopyRowsPerSecond={}", round, clients, rows,
                        Math.round(rows / seconds), Math.round(copy), Math.round(accountCopy),
                        Math.round(accountAuditCopy));
            }
        }
    }
}
