package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same-site forgery path into the Web API is closed: a browser's UI session does not authenticate
 * {@code /api/**}, and writes need {@code application/json} (or {@code multipart/mixed} for {@code $batch}), which a
 * page cannot send to another origin without a CORS preflight.
 */
abstract class ApiForgeryTest {

    @OnH2
    static class H2 extends ApiForgeryTest {
    }

    @OnPostgres
    static class Postgres extends ApiForgeryTest {
    }

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    OrganizationService org;

    @LocalServerPort
    int port;

    private String person(SecurityFixture f) {
        UUID user = f.user("forge", f.rootUnit(), "Salesperson");
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", user),
                Map.of("Password", PASSWORD)));
        return "forge-" + f.run;
    }

    @Test
    void theUiSessionDoesNotAuthenticateTheApi() {
        SecurityFixture f = new SecurityFixture(org);
        String name = person(f);
        Http browser = new Http(port);
        assertThat(browser.signIn(name, PASSWORD).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        assertThat(browser.get("/test/whoami").statusCode()).as("the session works in the UI").isEqualTo(200);

        HttpResponse<String> read = browser.get("/api/data/v9.2/WhoAmI");
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(read.body()).contains("\"code\":\"0x8005f101\"");
        HttpResponse<String> write = browser.send("POST", "/api/data/v9.2/accounts", "{\"name\":\"forged " + f.run
                + "\"}", "Content-Type", "text/plain");
        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(accounts("forged " + f.run)).isZero();
    }

    @Test
    void writesWithoutJsonAreRefusedWith415AndChangeNothing() {
        SecurityFixture f = new SecurityFixture(org);
        String auth = Http.basic(person(f), PASSWORD);
        Http api = new Http(port);
        String body = "{\"name\":\"plain " + f.run + "\"}";

        HttpResponse<String> plain = api.send("POST", "/api/data/v9.2/accounts", body, "Content-Type",
                "text/plain", "Authorization", auth);
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(plain.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(plain.body()).contains("\"code\":\"0x80060888\"").contains("text/plain")
                .contains("application/json");
        HttpResponse<String> form = api.send("POST", "/api/data/v9.2/accounts", "name=x", "Content-Type",
                "application/x-www-form-urlencoded", "Authorization", auth);
        assertThat(form.statusCode()).isEqualTo(415);
        HttpResponse<String> untyped = api.sendUntyped("POST", "/api/data/v9.2/accounts", body, "Authorization",
                auth);
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(untyped.body()).contains("\"code\":\"0x80060888\"");
        assertThat(accounts("plain " + f.run)).isZero();

        HttpResponse<String> created = api.send("POST", "/api/data/v9.2/accounts", body, "Content-Type",
                "application/json; charset=utf-8", "Authorization", auth);
        assertThat(created.statusCode()).isEqualTo(204);
        String location = created.headers().firstValue("OData-EntityId").orElseThrow();
        String record = location.substring(location.indexOf("/api/"));
        HttpResponse<String> patch = api.send("PATCH", record, "{\"name\":\"changed " + f.run + "\"}",
                "Content-Type", "text/plain", "Authorization", auth);
        assertThat(patch.statusCode()).isEqualTo(415);
        assertThat(accounts("plain " + f.run)).isOne();
        HttpResponse<String> put = api.send("PUT", record + "/name", "{\"value\":\"put " + f.run + "\"}",
                "Content-Type", "text/plain", "Authorization", auth);
        assertThat(put.statusCode()).isEqualTo(415);
        assertThat(accounts("plain " + f.run)).isOne();
        // a delete without a body needs no content type
        assertThat(api.send("DELETE", record, null, "Authorization", auth).statusCode()).isEqualTo(204);
    }

    @Test
    void batchNeedsMultipartMixed() {
        SecurityFixture f = new SecurityFixture(org);
        String auth = Http.basic(person(f), PASSWORD);
        String body = "--batch_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + "GET /api/data/v9.2/WhoAmI HTTP/1.1\r\nAccept: application/json\r\n\r\n--batch_x--\r\n";
        Http api = new Http(port);
        HttpResponse<String> plain = api.send("POST", "/api/data/v9.2/$batch", body, "Content-Type",
                "text/plain; boundary=batch_x", "Authorization", auth);
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(plain.body()).contains("\"code\":\"0x80060888\"").contains("multipart/mixed");
        HttpResponse<String> mixed = api.send("POST", "/api/data/v9.2/$batch", body, "Content-Type",
                "multipart/mixed; boundary=batch_x", "Authorization", auth);
        assertThat(mixed.statusCode()).isEqualTo(200);
        assertThat(mixed.body()).contains("UserId");
    }

    private int accounts(String name) {
        return org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.none())
                .where(Condition.eq("name", name)).build()).entities().size();
    }
}
