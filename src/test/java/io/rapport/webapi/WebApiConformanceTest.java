package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.OnH2;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the conformance suite in {@code conformance/} (Node 20 and the dynamics-web-api client) against this server
 * with an access token; fails when any step fails. Without node/npm it is skipped locally and fails in CI.
 */
@OnH2
class WebApiConformanceTest {

    private static final Path SUITE = Path.of("conformance");

    @LocalServerPort
    int port;

    @Test
    void theDataverseClientWorksAgainstRapport() throws Exception {
        boolean tools = available("node") && available("npm");
        assertThat(tools).as("node and npm are required to run the Web API conformance suite").isTrue();
        if (!Files.isDirectory(SUITE.resolve("node_modules/dynamics-web-api"))) {
            Result install = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), 180);
            assertThat(install.code()).as("npm ci:\n" + install.output()).isZero();
        }
        ApiClient api = new ApiClient(port);
        ApiClient.Response issued = api.send("POST", "http://localhost:" + port + "/api/rapport/tokens",
                "{\"name\":\"conformance\",\"expiresInDays\":1}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Result run = exec(List.of("node", "run.mjs", "http://127.0.0.1:" + port + "/",
                issued.json().path("token").asText()), 120);
        assertThat(run.code()).as("conformance suite output:\n" + run.output()).isZero();
        assertThat(run.output()).contains("PASS").doesNotContain("not ok");
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
