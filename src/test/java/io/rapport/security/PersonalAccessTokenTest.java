package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal access tokens are the security module's: a person (a salesperson here, not an administrator) issues,
 * lists and revokes their own; tokens are scoped, expire, cannot mint tokens, and stream complete exports.
 */
abstract class PersonalAccessTokenTest {

    @OnH2
    static class H2 extends PersonalAccessTokenTest {
    }

    @OnPostgres
    static class Postgres extends PersonalAccessTokenTest {
    }

    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKENS = "/api/rapport/tokens";

    @Autowired
    OrganizationService org;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    private Http http() {
        return new Http(port);
    }

    /** A user of the unit with a password and the given roles; returns the Basic authorization header value. */
    private String person(SecurityFixture fixture, String name, UUID unit, String... roles) {
        UUID user = fixture.user(name, unit, roles);
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", user),
                Map.of("Password", PASSWORD)));
        return Http.basic(name + "-" + fixture.run, PASSWORD);
    }

    private String salesperson(SecurityFixture fixture, String name) {
        return person(fixture, name, fixture.rootUnit(), "Salesperson");
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    private HttpResponse<String> issue(String authorization, String body) {
        return http().send("POST", TOKENS, body, "Authorization", authorization);
    }

    private String whoAmI(String authorization) {
        HttpResponse<String> r = http().get("/api/data/v9.2/WhoAmI", "Authorization", authorization);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("UserId").asText();
    }

    @Test
    void aPersonIssuesListsAndRevokesTheirOwnTokens() {
        SecurityFixture fixture = new SecurityFixture(org);
        String ann = salesperson(fixture, "ann");
        String bob = salesperson(fixture, "bob");
        HttpResponse<String> issued = issue(ann, "{\"name\":\"nightly sync\",\"scope\":\"read-write\","
                + "\"expiresInDays\":7}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode token = json(issued);
        assertThat(token.path("token").asText()).startsWith("rpat_");
        assertThat(token.path("name").asText()).isEqualTo("nightly sync");
        assertThat(token.path("scope").asText()).isEqualTo("read-write");
        String bearer = "Bearer " + token.path("token").asText();
        assertThat(whoAmI(bearer)).isEqualTo(whoAmI(ann));

        JsonNode annsList = json(http().get(TOKENS, "Authorization", ann));
        assertThat(annsList.path("value")).extracting(t -> t.path("id").asText())
                .containsExactly(token.path("id").asText());
        assertThat(annsList.path("value").get(0).has("token")).isFalse();
        assertThat(json(http().get(TOKENS, "Authorization", bob)).path("value")).isEmpty();

        String id = token.path("id").asText();
        HttpResponse<String> notBobs = http().send("DELETE", TOKENS + "/" + id, null, "Authorization", bob);
        assertThat(notBobs.statusCode()).isEqualTo(404);
        assertThat(whoAmI(bearer)).isEqualTo(whoAmI(ann));
        assertThat(http().send("DELETE", TOKENS + "/" + id, null, "Authorization", ann).statusCode())
                .isEqualTo(204);
        HttpResponse<String> revoked = http().get("/api/data/v9.2/WhoAmI", "Authorization", bearer);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(json(revoked).path("error").path("code").asText()).isEqualTo("0x8005f101");
        assertThat(revoked.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void aReadOnlyTokenReadsButWritesNothing() {
        SecurityFixture fixture = new SecurityFixture(org);
        String cid = salesperson(fixture, "cid");
        String bearer = "Bearer " + json(issue(cid, "{\"name\":\"report\",\"scope\":\"read\"}")).path("token")
                .asText();
        assertThat(http().get("/api/data/v9.2/accounts?$top=1", "Authorization", bearer).statusCode())
                .isEqualTo(200);
        String name = "ReadOnly " + fixture.run;
        HttpResponse<String> write = http().send("POST", "/api/data/v9.2/accounts", "{\"name\":\"" + name + "\"}",
                "Authorization", bearer);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(json(write).path("error").path("code").asText()).isEqualTo("0x80040220");
        assertThat(json(write).path("error").path("message").asText()).contains("read-only");
        assertThat(jdbc.queryForObject("select count(*) from account where name = ?", Integer.class, name))
                .isZero();
    }

    @Test
    void aTokenCannotIssueTokensAndExpiredTokensAreRefused() {
        SecurityFixture fixture = new SecurityFixture(org);
        String dee = salesperson(fixture, "dee");
        String bearer = "Bearer " + json(issue(dee, "{\"name\":\"full\"}")).path("token").asText();
        HttpResponse<String> minted = issue(bearer, "{\"name\":\"more\"}");
        assertThat(minted.statusCode()).isEqualTo(403);
        assertThat(json(minted).path("error").path("code").asText()).isEqualTo("0x80040220");
        assertThat(json(http().get(TOKENS, "Authorization", dee)).path("value")).hasSize(1);

        JsonNode stale = json(issue(dee, "{\"name\":\"stale\",\"expiresInDays\":1}"));
        jdbc.update("update sys_api_token set expireson = ? where id = ?", LocalDateTime.now().minusDays(1),
                UUID.fromString(stale.path("id").asText()));
        assertThat(http().get("/api/data/v9.2/WhoAmI", "Authorization", "Bearer " + stale.path("token").asText())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void badRequestsAreExplainedAtOnceAndStoreNothing() {
        SecurityFixture fixture = new SecurityFixture(org);
        String eve = salesperson(fixture, "eve");
        HttpResponse<String> both = issue(eve, "{\"name\":\" \",\"expiresInDays\":0}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).path("error").path("message").asText()).isEqualTo("A token needs a name of 1 to 200 "
                + "characters. A token lives 1 to 366 days.");
        HttpResponse<String> scope = issue(eve, "{\"name\":\"x\",\"scope\":\"admin\"}");
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(json(scope).path("error").path("message").asText())
                .isEqualTo("scope is \"read\" or \"read-write\", not \"admin\".");
        assertThat(issue(eve, "{\"name\":\"x\",\"expiresInDays\":\"soon\"}").statusCode()).isEqualTo(400);
        assertThat(json(http().get(TOKENS, "Authorization", eve)).path("value")).isEmpty();
        assertThat(http().get(TOKENS + "?page=0", "Authorization", eve).statusCode()).isEqualTo(400);
    }

    @Test
    void anExportWithATokenReturnsTheCompleteFile() {
        SecurityFixture fixture = new SecurityFixture(org);
        UUID unit = fixture.businessUnit("Exports", fixture.rootUnit());
        UUID role = fixture.role("Own accounts", unit, Map.of("prvReadAccount", "Basic", "prvCreateAccount", "Basic"));
        String fay = person(fixture, "fay", unit);
        UUID user = UUID.fromString(whoAmI(fay));
        fixture.giveRole(user, role);
        List<Entity> accounts = new ArrayList<>();
        StringBuilder expected = new StringBuilder("\uFEFFAccount Name\r\n");
        for (int i = 0; i < 2_100; i++) {
            String name = String.format("Export %04d %s", i, fixture.run);
            accounts.add(new Entity("account").set("name", name));
            expected.append(name).append("\r\n");
        }
        fixture.as(user).execute(new CreateMultipleRequest(accounts));
        String bearer = "Bearer " + json(issue(fay, "{\"name\":\"export\",\"scope\":\"read\"}")).path("token")
                .asText();

        HttpResponse<String> csv = http().get("/api/rapport/exports/account?select=name&orderby=name",
                "Authorization", bearer, "Accept-Language", "en");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(expected.toString());
    }
}
