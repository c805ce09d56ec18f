package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code MSCRM.SuppressDuplicateDetection: false} on create and update runs the duplicate rules ("Accounts with
 * the same Account Name") as a salesperson: a duplicate answers 412 with 0x80040333 and nothing is saved; without
 * the header the same request succeeds, as in Dataverse.
 */
abstract class DuplicateDetectionHeaderTest {

    @OnH2
    static class H2 extends DuplicateDetectionHeaderTest {
    }

    @OnPostgres
    static class Postgres extends DuplicateDetectionHeaderTest {
    }

    private static final String DETECT = "MSCRM.SuppressDuplicateDetection";

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    String run;

    @BeforeEach
    void setUp() {
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Dup", people.rootUnit());
        UUID user = people.user("dup", unit, "Salesperson");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private int count(String name) {
        return api.get("accounts?$select=name&$filter=" + ApiClient.enc("name eq '" + name + "'")).json()
                .path("value").size();
    }

    @Test
    void aDuplicateIsRefusedOnCreateAndUpdateOnlyWhenDetectionIsAskedFor() {
        String name = "Duplicate Co " + run;
        assertThat(api.post("accounts", "{\"name\":\"" + name + "\"}", DETECT, "false").status()).isEqualTo(204);

        Response refused = api.post("accounts", "{\"name\":\"" + name + "\"}", DETECT, "false");
        assertThat(refused.status()).as(refused.body()).isEqualTo(412);
        assertThat(refused.errorCode()).isEqualTo("0x80040333");
        assertThat(refused.errorMessage()).contains("duplicate").contains(name);
        assertThat(count(name)).isEqualTo(1);

        Response other = api.post("accounts", "{\"name\":\"Other " + run + "\"}");
        assertThat(other.status()).isEqualTo(204);
        String otherId = ApiClient.idOf(other);
        Response update = api.patch("accounts(" + otherId + ")", "{\"name\":\"" + name + "\"}", "If-Match", "*",
                DETECT, "false");
        assertThat(update.status()).as(update.body()).isEqualTo(412);
        assertThat(update.errorCode()).isEqualTo("0x80040333");
        assertThat(api.get("accounts(" + otherId + ")?$select=name").json().path("name").asText())
                .isEqualTo("Other " + run);

        assertThat(api.post("accounts", "{\"name\":\"" + name + "\"}").status()).isEqualTo(204);
        assertThat(api.post("accounts", "{\"name\":\"" + name + "\"}", DETECT, "true").status()).isEqualTo(204);
        assertThat(count(name)).isEqualTo(3);
        Response bad = api.post("accounts", "{\"name\":\"x\"}", DETECT, "maybe");
        assertThat(bad.status()).isEqualTo(400);
    }
}
