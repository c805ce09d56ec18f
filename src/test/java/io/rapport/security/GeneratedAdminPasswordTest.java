package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.RapportApplication;
import io.rapport.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A first start without {@code rapport.security.admin-password} (what a newcomer's {@code ./mvnw spring-boot:run}
 * does) generates the administrator's password, shows it once in the log, and that password signs in.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminPasswordTest {

    private static final Pattern SHOWN = Pattern.compile(
            "Rapport created the administrator 'admin' with the generated password: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void theGeneratedPasswordIsShownOnceAndSignsIn(CapturedOutput output) throws Exception {
        Map<String, String> props = new HashMap<>(TestDatabases.h2File(dir.resolve("rapport").toString()));
        props.put("server.port", "0");
        props.put("rapport.security.admin-password", "");
        props.put("rapport.security.authentication.password-hash-cost", "4");
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RapportApplication.class).run(args)) {
            Matcher shown = SHOWN.matcher(output.getOut());
            assertThat(shown.find()).as("the generated password in the log").isTrue();
            String password = shown.group(1);
            assertThat(password).hasSize(20);
            assertThat(shown.find()).as("shown once").isFalse();

            String origin = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(whoAmI(http, origin, password).statusCode()).isEqualTo(200);
            assertThat(whoAmI(http, origin, password + "x").statusCode()).isEqualTo(401);
        }
    }

    private static HttpResponse<String> whoAmI(HttpClient http, String origin, String password) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(origin + "/api/data/v9.2/WhoAmI"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
    }
}
