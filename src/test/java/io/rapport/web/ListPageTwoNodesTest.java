package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import io.rapport.testing.TestUsers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Views, forms and currencies are cached per node, yet a change made on another node shows on the next page: the
 * cache is keyed by the UI configuration version stored in the database, which every such change raises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPageTwoNodesTest {

    private ConfigurableApplicationContext node1;
    private ConfigurableApplicationContext node2;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void start() {
        var db = TestDatabases.h2();
        node1 = AppInstances.start(db);
        node2 = AppInstances.start(db);
    }

    @AfterAll
    void stop() {
        node2.close();
        node1.close();
    }

    private String origin() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) node1).getWebServer().getPort();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin() + path))
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private void signIn() throws Exception {
        String form = get("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        String body = "username=" + enc(TestUsers.ADMIN) + "&password=" + enc(TestUsers.ADMIN_PASSWORD) + "&_csrf="
                + enc(csrf.group(1));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void viewsChangedOnAnotherNodeShowOnTheNextPage() throws Exception {
        signIn();
        String run = UUID.randomUUID().toString().substring(0, 8);
        assertThat(get("/app/account")).doesNotContain("Shared " + run).doesNotContain("Mine " + run);
        assertThat(get("/app/account")).doesNotContain("Shared " + run);

        OrganizationService org2 = node2.getBean(OrganizationService.class);
        CallerProvider callers2 = node2.getBean(CallerProvider.class);
        UUID admin = org2.as(callers2.system()).retrieveMultiple(QueryExpression.from("systemuser")
                .where(Condition.eq("domainname", TestUsers.ADMIN)).build()).entities().get(0).id();
        OrganizationService asAdmin = org2.as(callers2.forUser(admin, Channel.UI));
        asAdmin.create(new Entity("savedquery").set("name", "Shared " + run).set("returnedtypecode", "account")
                .set("layoutjson", "{\"entity\":\"account\",\"name\":{\"en\":\"Shared " + run + "\"},"
                        + "\"columns\":[\"name\",\"telephone1\"]}"));
        asAdmin.create(new Entity("userquery").set("name", "Mine " + run).set("returnedtypecode", "account")
                .set("layoutjson", "{\"entity\":\"account\",\"columns\":[\"name\"]}"));

        assertThat(get("/app/account")).contains("Shared " + run).contains("Mine " + run);
    }
}
