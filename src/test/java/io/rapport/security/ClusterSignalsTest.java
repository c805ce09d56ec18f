package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.cluster.ClusterSignals;
import io.rapport.contactsync.AppPasswords;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.Label;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.AppInstances;
import io.rapport.testing.Principals;
import io.rapport.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A change made through node A takes effect on node B within a second through PostgreSQL LISTEN/NOTIFY: B is started
 * with its version polls set to an hour, so nothing but the signal can tell it. Covered: a disabled user (session and
 * personal access token refused), a revoked personal access token (remembered for 10 s per node otherwise), a
 * revoked app password (refused at /dav), a role taken away (a privilege lost), a field added (usable on B).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSignalsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String BROWSER = "text/html,*/*;q=0.8";
    private static final String WHOAMI = "/api/data/v9.2/WhoAmI";
    private static final long WITHIN_MILLIS = 1000;
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;
    private OrganizationService org;

    @BeforeAll
    void start() {
        Map<String, String> db = TestDatabases.postgres();
        nodeA = AppInstances.start(db);
        Map<String, String> slowPolls = new HashMap<>(db);
        slowPolls.put("rapport.security.version-check-interval", "1h");
        slowPolls.put("rapport.metadata.refresh-interval", "1h");
        nodeB = AppInstances.start(slowPolls);
        org = nodeA.getBean(OrganizationService.class);
    }

    @AfterAll
    void stop() {
        nodeB.close();
        nodeA.close();
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    /** Milliseconds until the condition holds, polled every 20 ms; fails after 5 s. */
    private static long millisUntil(BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > 5_000_000_000L) {
                throw new AssertionError("Not seen on the other node within 5 s");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private String salesperson(SecurityFixture f, String name, UUID[] id) {
        id[0] = f.user(name, f.rootUnit(), "Salesperson");
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", id[0]),
                Map.of("Password", PASSWORD)));
        return name + "-" + f.run;
    }

    private String token(Http http, String user) throws Exception {
        HttpResponse<String> issued = http.send("POST", "/api/rapport/tokens", "{\"name\":\"sync\"}",
                "Authorization", Http.basic(user, PASSWORD));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return json.readTree(issued.body()).path("token").asText();
    }

    @Test
    void bothNodesListen() {
        assertThat(nodeA.getBean(ClusterSignals.class).listening()).isTrue();
        assertThat(nodeB.getBean(ClusterSignals.class).listening()).isTrue();
    }

    @Test
    void aUserDisabledOnOneNodeIsRefusedByTheOtherWithinASecond() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID[] id = new UUID[1];
        String name = salesperson(f, "off", id);
        Http browserOnB = new Http(port(nodeB));
        assertThat(browserOnB.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        Http apiOnB = new Http(port(nodeB));
        String pat = "Bearer " + token(apiOnB, name);
        assertThat(browserOnB.get("/test/whoami", "Accept", BROWSER).statusCode()).isEqualTo(200);
        assertThat(apiOnB.get(WHOAMI, "Authorization", pat).statusCode()).isEqualTo(200);

        org.update(new Entity("systemuser", id[0]).set("isdisabled", true));
        long session = millisUntil(() -> browserOnB.get("/test/whoami", "Accept", BROWSER).statusCode() == 302);
        long token = millisUntil(() -> apiOnB.get(WHOAMI, "Authorization", pat).statusCode() == 401);
        System.out.printf("cluster signal: disabled user refused on node B after %d ms (session), %d ms (token)%n",
                session, token);
        assertThat(session).isLessThan(WITHIN_MILLIS);
        assertThat(token).isLessThan(WITHIN_MILLIS);
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedByTheOtherWithinASecond() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID[] id = new UUID[1];
        String name = salesperson(f, "rev", id);
        Http onA = new Http(port(nodeA));
        Http onB = new Http(port(nodeB));
        String secret = token(onA, name);
        String pat = "Bearer " + secret;
        // node B now remembers the token as valid for 10 s
        assertThat(onB.get(WHOAMI, "Authorization", pat).statusCode()).isEqualTo(200);
        String tokenId = json.readTree(onA.get("/api/rapport/tokens", "Authorization", Http.basic(name, PASSWORD))
                .body()).path("value").get(0).path("id").asText();
        assertThat(onA.send("DELETE", "/api/rapport/tokens/" + tokenId, null, "Authorization",
                Http.basic(name, PASSWORD)).statusCode()).isEqualTo(204);
        long refused = millisUntil(() -> onB.get(WHOAMI, "Authorization", pat).statusCode() == 401);
        System.out.printf("cluster signal: revoked token refused on node B after %d ms%n", refused);
        assertThat(refused).isLessThan(WITHIN_MILLIS);
    }

    @Test
    void anAppPasswordRevokedOnOneNodeIsRefusedByTheOtherWithinASecond() throws Exception {
        Principals people = new Principals(org);
        UUID ann = people.user("dav", people.rootUnit(), "Salesperson");
        AppPasswords onA = nodeA.getBean(AppPasswords.class);
        String secret = people.signedIn(ann, () -> onA.create("Phone")).secret();
        Http davOnB = new Http(port(nodeB));
        String basic = Http.basic(people.userName(ann), secret);
        assertThat(davOnB.send("PROPFIND", "/dav/", null, "Authorization", basic, "Depth", "0").statusCode())
                .isEqualTo(207);
        UUID id = people.signedIn(ann, () -> onA.mine(1, 10)).get(0).id();
        people.signedIn(ann, () -> {
            onA.revoke(id);
            return null;
        });
        long refused = millisUntil(() -> davOnB.send("PROPFIND", "/dav/", null, "Authorization", basic, "Depth", "0")
                .statusCode() == 401);
        System.out.printf("cluster signal: revoked app password refused on node B after %d ms%n", refused);
        assertThat(refused).isLessThan(WITHIN_MILLIS);
    }

    @Test
    void aRoleTakenAwayOnOneNodeAppliesOnTheOtherWithinASecond() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID[] id = new UUID[1];
        String name = salesperson(f, "role", id);
        Http onB = new Http(port(nodeB));
        String body = "{\"name\":\"Signal " + f.run + "\"}";
        HttpResponse<String> created = onB.send("POST", "/api/data/v9.2/accounts", body, "Authorization",
                Http.basic(name, PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
        UUID salesperson = f.roleOf("Salesperson", f.rootUnit());
        org.execute(new Messages.DisassociateRequest(new EntityReference("systemuser", id[0]),
                "systemuserroles_association", java.util.List.of(new EntityReference("role", salesperson))));
        long denied = millisUntil(() -> onB.send("POST", "/api/data/v9.2/accounts", body, "Authorization",
                Http.basic(name, PASSWORD)).statusCode() == 403);
        System.out.printf("cluster signal: role removal applied on node B after %d ms%n", denied);
        assertThat(denied).isLessThan(WITHIN_MILLIS);
    }

    @Test
    void aFieldAddedOnOneNodeIsUsableOnTheOtherWithinASecond() throws Exception {
        String field = "new_signal" + UUID.randomUUID().toString().substring(0, 6);
        OrganizationService orgB = nodeB.getBean(OrganizationService.class);
        orgB.create(new Entity("account").set("name", "before"));
        nodeA.getBean(CustomizationService.class).addAttribute("account", AttributeMetadata.of(field,
                AttributeType.INTEGER, Label.of("Signal")));
        long usable = millisUntil(() -> {
            try {
                orgB.create(new Entity("account").set("name", "after").set(field, 7));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        });
        System.out.printf("cluster signal: field added on node A usable on node B after %d ms%n", usable);
        assertThat(usable).isLessThan(WITHIN_MILLIS);
    }
}
