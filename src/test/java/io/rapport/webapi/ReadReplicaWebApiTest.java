package io.rapport.webapi;

import static io.rapport.webapi.ApiClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.AppInstances;
import io.rapport.testing.PostgresReplicaPair;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The read replica (issue 18): with {@code rapport.datasource.replica.url} set, aggregate queries and exports run on
 * a real PostgreSQL streaming replica once it has replayed the primary's writes, so that a salesperson sees the
 * records they have just created; while the replica's replay is paused the same reads run on the primary, and
 * nothing else (writes, plain reads) ever goes to the replica.
 */
class ReadReplicaWebApiTest {

    static PostgresReplicaPair pair;
    static ConfigurableApplicationContext app;
    static MeterRegistry meters;
    static ApiClient seller;
    static String sellerAuth;
    static int port;
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        pair = PostgresReplicaPair.start();
        app = AppInstances.start(Map.of("spring.datasource.url", pair.primaryUrl(),
                "spring.datasource.username", "postgres", "spring.datasource.password", "",
                "rapport.datasource.replica.url", pair.replicaUrl(),
                "rapport.datasource.replica.max-wait", "1s"));
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        meters = app.getBean(MeterRegistry.class);
        Principals people = new Principals(app.getBean(OrganizationService.class));
        UUID user = people.user("replica" + RUN, people.businessUnit("Replica " + RUN, people.rootUnit()),
                "Salesperson");
        sellerAuth = "Basic " + Base64.getEncoder().encodeToString((people.userName(user) + ":" + Principals.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        seller = new ApiClient(port).withAuthorization(sellerAuth);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            // the class stays loaded for the rest of the test JVM: a closed context left in its field stays in the heap
            app = null;
            if (pair != null) {
                pair.close();
            }
        }
    }

    private static double reads(String target) {
        var counter = meters.find("rapport.replica.reads").tag("target", target).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long count() {
        Response r = seller.get("accounts?$apply=" + enc("filter(startswith(name,'Replica " + RUN
                + "'))/aggregate($count as n)"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("value").get(0).path("n").asLong();
    }

    @Test
    void aggregatesAndExportsReadTheReplicaOnceItHasTheCallersWrites() throws Exception {
        for (int i = 0; i < 3; i++) {
            seller.create("accounts", "{\"name\":\"Replica " + RUN + " " + i + "\"}");
        }
        double replica = reads("replica");
        double primary = reads("primary");
        assertThat(count()).isEqualTo(3);
        assertThat(reads("replica")).isEqualTo(replica + 1);
        assertThat(reads("primary")).isEqualTo(primary);

        // the export pages run on the replica too, with the salesperson's access
        HttpResponse<String> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/rapport/exports/account?select=name&orderby=name"))
                .header("Authorization", sellerAuth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("Replica " + RUN + " 0", "Replica " + RUN + " 2");
        assertThat(reads("replica")).isEqualTo(replica + 2);

        // a replica that stops replaying cannot hide a write: the read waits up to max-wait, then uses the primary
        pair.onReplica("select pg_wal_replay_pause()");
        try {
            seller.create("accounts", "{\"name\":\"Replica " + RUN + " 3\"}");
            assertThat(count()).isEqualTo(4);
            assertThat(reads("primary")).isEqualTo(primary + 1);
            assertThat(reads("replica")).isEqualTo(replica + 2);
        } finally {
            pair.onReplica("select pg_wal_replay_resume()");
        }
        assertThat(count()).isEqualTo(4);
        assertThat(reads("replica")).isEqualTo(replica + 3);
    }

    @Test
    void writesAndPlainReadsNeverGoToTheReplica() {
        double replica = reads("replica");
        double primary = reads("primary");
        String id = seller.create("accounts", "{\"name\":\"Plain " + RUN + "\"}");
        assertThat(seller.get("accounts(" + id + ")?$select=name").status()).isEqualTo(200);
        assertThat(seller.get("accounts?$select=name&$top=5").status()).isEqualTo(200);
        assertThat(reads("replica")).isEqualTo(replica);
        assertThat(reads("primary")).isEqualTo(primary);
    }
}
