package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs the conformance suite in {@code conformance/} (Node 20 and the dynamics-web-api client) against this server
 * with an access token; fails when any step fails, or when node and npm are missing. {@link ServiceProtection} runs
 * the service-protection cases against a second server started with low limits.
 */
@OnH2
class WebApiConformanceTest {

    private static final Path SUITE = Path.of("conformance");

    @LocalServerPort
    int port;

    @Test
    void theDataverseClientWorksAgainstRapport() throws Exception {
        runSuite(List.of("node", "run.mjs", "http://127.0.0.1:" + port + "/", token(new ApiClient(port), port)));
    }

    /**
     * The three service-protection limits through the client (conformance/protection.mjs), on a server with low
     * limits: 25 requests per 5 minutes, one request at a time and 5 s of execution time per user, and a 1 s
     * statement timeout that makes a query slow on purpose. One user per limit, since the limits count per user.
     */
    @OnH2
    @TestPropertySource(properties = {"rapport.webapi.rate-limit-requests=25", "rapport.webapi.rate-limit-window=5m",
            "rapport.webapi.concurrency-limit=1", "rapport.webapi.execution-time-limit=5s",
            "rapport.query.statement-timeout=1s"})
    static class ServiceProtection {

        @LocalServerPort
        int port;

        @Autowired
        OrganizationService org;

        @Test
        void theLimitsAnswer429WithRetryAfterAndDataversesCodes() throws Exception {
            Principals people = new Principals(org);
            List<String> command = new ArrayList<>(List.of("node", "protection.mjs", "http://127.0.0.1:" + port + "/"));
            for (String name : List.of("rate", "concurrency", "execution")) {
                command.add(token(ApiClient.signedIn(port, people, people.user(name, people.rootUnit(),
                        "Salesperson")), port));
            }
            runSuite(command);
        }
    }

    /** Runs one script of the suite (installing the client first when needed) and asserts that every step passed. */
    static void runSuite(List<String> command) throws IOException, InterruptedException {
        boolean tools = available("node") && available("npm");
        assertThat(tools).as("node and npm are required to run the Web API conformance suite").isTrue();
        if (!Files.isDirectory(SUITE.resolve("node_modules/dynamics-web-api"))) {
            Result install = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), 180);
            assertThat(install.code()).as("npm ci:\n" + install.output()).isZero();
        }
        Result run = exec(command, 180);
        assertThat(run.code()).as("conformance suite output:\n" + run.output()).isZero();
        assertThat(run.output()).contains("PASS").doesNotContain("not ok");
    }

    /** A personal access token of the client's user, for the suite's bearer authentication. */
    static String token(ApiClient user, int port) {
        ApiClient.Response issued = user.send("POST", "http://localhost:" + port + "/api/rapport/tokens",
                "{\"name\":\"conformance\",\"expiresInDays\":1}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json().path("token").asText();
    }

    private record Result(int code, String output) {
    }

    private static Result exec(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        File log = File.createTempFile("conformance", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(SUITE.toFile()).redirectErrorStream(true)
                    .redirectOutput(log).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log.toPath()));
            }
            return new Result(p.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }

    private static boolean available(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
