package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Dataverse client {@code dynamics-web-api} (npm, in {@code conformance/}) works against Rapport with an OAuth2
 * client-credentials token from {@code /oauth2/token}, and is refused with 401 once the token is tampered with or
 * revoked ({@code conformance/oauth.mjs}). Installs the client with {@code npm ci} when it is missing.
 */
@OnH2
class OAuth2ConformanceTest {

    private static final File DIR = new File("conformance");

    @Autowired
    OrganizationService org;

    @LocalServerPort
    int port;

    @Test
    void dynamicsWebApiWorksWithAClientCredentialsToken() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Conformance", f.rootUnit());
        UUID user = org.create(new Entity("systemuser").set("lastname", "Conformance").set("domainname",
                "conformance-" + f.run).set("applicationid", UUID.randomUUID())
                .set("businessunitid", new EntityReference("businessunit", unit)));
        f.giveRole(user, f.roleOf(SecurityFixture.OWN_RECORDS, unit));
        var client = org.execute(new ActionRequest("RegisterApplicationClient", new EntityReference("systemuser", user),
                Map.of())).outputs();
        if (!new File(DIR, "node_modules/dynamics-web-api").isDirectory()) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of()).exit()).isZero();
        }
        Result r = run(List.of("node", "oauth.mjs"), Map.of("RAPPORT_URL", "http://127.0.0.1:" + port + "/",
                "CLIENT_ID", (String) client.get("ClientId"), "CLIENT_SECRET", (String) client.get("ClientSecret"),
                "EXPECTED_USER_ID", user.toString()));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("OAuth2 client credentials ok");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, output + "\n(timed out)");
        }
        return new Result(p.exitValue(), output);
    }
}
