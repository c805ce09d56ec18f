package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.webapi.ApiClient.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Interim access tokens: issued by the administrator, accepted as Bearer, refused when invalid or revoked. */
abstract class WebApiTokenTest {

    @OnH2
    static class H2 extends WebApiTokenTest {
    }

    @OnPostgres
    static class Postgres extends WebApiTokenTest {
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private Response issue(ApiClient client, String body) {
        return client.send("POST", "http://localhost:" + port + "/api/rapport/tokens", body);
    }

    @Test
    void administratorIssuesTokensThatWorkAsBearerUntilRevoked() {
        Response issued = issue(api, "{\"name\":\"test\",\"expiresInDays\":1}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().path("token").asText();
        assertThat(token).startsWith("rpat_");
        ApiClient bearer = api.withAuthorization("Bearer " + token);
        Response who = bearer.get("WhoAmI");
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.json().path("UserId").asText()).isEqualTo(api.get("WhoAmI").json().path("UserId").asText());
        Response created = bearer.post("accounts", "{\"name\":\"Token " + UUID.randomUUID() + "\"}");
        assertThat(created.status()).isEqualTo(204);

        Response wrong = api.withAuthorization("Bearer rpat_not-a-token").get("WhoAmI");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("0x8005f101");
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");

        String id = issued.json().path("id").asText();
        assertThat(api.send("DELETE", "http://localhost:" + port + "/api/rapport/tokens/" + id, null).status())
                .isEqualTo(204);
        assertThat(bearer.get("WhoAmI").status()).isEqualTo(401);
    }

    @Test
    void onlyTheAdministratorIssuesTokens() {
        JsonNode me = api.get("WhoAmI").json();
        String username = "user" + UUID.randomUUID().toString().substring(0, 8);
        Response user = api.post("systemusers", "{\"lastname\":\"Token\",\"domainname\":\"" + username
                + "\",\"businessunitid@odata.bind\":\"/businessunits(" + me.path("BusinessUnitId").asText() + ")\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(204);
        Response forUser = issue(api, "{\"username\":\"" + username + "\"}");
        assertThat(forUser.status()).isEqualTo(201);
        ApiClient asUser = api.withAuthorization("Bearer " + forUser.json().path("token").asText());
        assertThat(asUser.get("WhoAmI").json().path("UserId").asText()).isEqualTo(ApiClient.idOf(user));
        Response denied = issue(asUser, "{}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorMessage()).contains("administrator");
        Response unknown = issue(api, "{\"username\":\"nobody-" + UUID.randomUUID() + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        Response badLifetime = issue(api, "{\"expiresInDays\":0}");
        assertThat(badLifetime.status()).isEqualTo(400);
    }
}
