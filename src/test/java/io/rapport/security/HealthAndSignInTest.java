package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.OnH2;
import io.rapport.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The health endpoint answers without signing in; everything else needs the administrator's password. */
@OnH2
class HealthAndSignInTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsUpWithoutSigningIn() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void otherPagesNeedTheConfiguredAdministratorPassword() throws Exception {
        URI page = URI.create("http://localhost:" + port + "/api/data/v9.2/");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(page).build(),
                HttpResponse.BodyHandlers.ofString());
        // the Web API never redirects to the sign-in page: it challenges
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(page).header("Authorization", basic("wrong"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(page)
                .header("Authorization", basic(TestUsers.ADMIN_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isNotIn(401, 403);
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString((TestUsers.ADMIN + ":" + password).getBytes());
    }
}
