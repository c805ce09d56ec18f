package io.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.testing.HealthWait;
import io.rapport.testing.Jdks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production start (docs/operations.md, "Faster starts"), run by {@code ./mvnw verify} after the jar is packaged
 * (tag {@code packaged}, the Surefire execution {@code web-scan} in {@code integration-test}): {@code bin/rapport-cds.sh}
 * on the packaged jar extracts it, trains its archive on a scratch database and starts Rapport with Spring AOT and the
 * archive (the AOT cache on the machine's newest JDK of 25 or later, else AppCDS) on a fresh H2 database. The
 * AOT-processed application must then do what the tests' contexts do: answer health UP, render the sign-in page, and
 * create and read back an account through the Web API as the administrator. It reads the built-in metadata the
 * package step converted (BuiltInMetadataAotProcessor) instead of parsing the YAML files again.
 */
@Tag("packaged")
class PackagedStartTest {

    private static final String PASSWORD = "Packaged-start-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void theScriptStartsThePackagedJarWithSpringAotAndItsArchive() throws Exception {
        Path packaged;
        try (var files = Files.list(Path.of("target"))) {
            packaged = files.filter(p -> p.getFileName().toString().matches("rapport-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no packaged jar in target/: this test runs after package"));
        }
        Path jar = Files.copy(packaged, dir.resolve(packaged.getFileName()));
        Jdks.Jdk jdk = Jdks.production();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("bash", Path.of("bin", "rapport-cds.sh").toAbsolutePath()
                .toString(), jar.toString(), "--server.port=" + port, "--rapport.security.admin-password=" + PASSWORD,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + "/rapport;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH",
                "--rapport.mail.key-file=" + dir.resolve("mail.key")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("start.log").toFile());
        builder.environment().put("JAVA_HOME", jdk.home().toString());
        builder.environment().put("JAVA_OPTS", "-Xmx512m -XX:+UseParallelGC");
        Process app = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            String origin = "http://127.0.0.1:" + port;
            switch (HealthWait.await(origin, app, Duration.ofMinutes(5), Duration.ofMillis(100))) {
                case UP -> {
                }
                case EXITED -> throw new AssertionError("the script ended with " + app.exitValue() + ": " + log());
                default -> throw new AssertionError("Rapport was not up within 5 minutes: " + log());
            }

            List<String> arguments = List.of(app.info().arguments().orElse(new String[0]));
            Path extracted = dir.resolve(jar.getFileName().toString().replaceAll("\\.jar$", "") + "-extracted");
            Path archive = extracted.resolve(jdk.aotCache() ? "rapport.aot" : "rapport.jsa");
            assertThat(arguments).as("the script execs the JVM with Spring AOT and the trained archive")
                    .contains("-Dspring.aot.enabled=true", (jdk.aotCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=")
                            + archive);
            assertThat(archive).isRegularFile();
            String started = Files.readString(dir.resolve("start.log"));
            assertThat(started).contains("Starting AOT-processed RapportApplication");
            assertThat(started).as("the built-in metadata converted at package time, not parsed from YAML again")
                    .contains("builtIns=compiled").doesNotContain("builtIns=yaml");

            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(origin + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("name=\"password\"");

            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            String name = "Packaged " + UUID.randomUUID();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(origin
                    + "/api/data/v9.2/accounts")).header("Authorization", auth).header("Content-Type",
                            "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name
                                    + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
            String location = created.headers().firstValue("OData-EntityId").orElseThrow();
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(location + "?$select=name"))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonNode account = new ObjectMapper().readTree(read.body());
            assertThat(account.get("name").asText()).isEqualTo(name);
        } finally {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private String log() throws IOException {
        String text = Files.readString(dir.resolve("start.log"));
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
