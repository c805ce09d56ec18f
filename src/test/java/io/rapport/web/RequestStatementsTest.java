package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.StatementCounter;
import io.rapport.testing.TestUsers;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The SQL statements of the two hottest requests, counted at the JDBC driver (every sender: jOOQ, Spring Session,
 * token checks): a list page render as a signed-in person with a session, and a Web API read by id with a personal
 * access token, as the benchmarks send them. Once caches are warm, each costs its one query and nothing per request
 * besides; a new per-request statement fails here before it shows in a benchmark.
 */
@OnH2
@AutoConfigureMockMvc
@Import(StatementCounter.class)
// as a busy node between changes: the UI configuration version is not read again within the test
@TestPropertySource(properties = "rapport.web.ui-version-check-interval=1h")
class RequestStatementsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StatementCounter statements;

    @Autowired
    OrganizationService organization;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private Cookie session;

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        if (session != null) {
            request.cookie(session);
        }
        MvcResult result = mvc.perform(request.header("Accept-Language", "en")).andExpect(status().isOk())
                .andReturn();
        Cookie issued = result.getResponse().getCookie("JSESSIONID");
        if (issued != null) {
            session = issued;
        }
        return result;
    }

    /**
     * The statements of one request, without the version polls of the metadata and security caches: a node makes
     * those at most once per interval whatever the traffic (1 s and 250 ms in production; the test contexts poll on
     * every use, so that a change shows at once).
     */
    private List<String> counted(MockHttpServletRequestBuilder request) throws Exception {
        statements.take();
        perform(request);
        return statements.take().stream().filter(sql -> !sql.contains("\"sys_metadata_version\"")
                && !sql.contains("\"sys_security_version\"")).toList();
    }

    private static final String SESSION_READ = "select s.primary_id, s.session_id, s.creation_time";
    private static final String SESSION_TOUCH = "update sys_http_session set session_id = ?, last_access_time = ?";

    private static void assertStatements(List<String> executed, String... expectedPrefixes) {
        assertThat(executed).as(String.join("\n", executed)).hasSize(expectedPrefixes.length);
        for (int i = 0; i < expectedPrefixes.length; i++) {
            assertThat(executed.get(i)).as("statement %d of\n%s", i + 1, String.join("\n", executed))
                    .startsWith(expectedPrefixes[i]);
        }
    }

    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void aListPageRenderRunsItsPageQueryAndNothingElse() throws Exception {
        String prefix = "S" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            organization.create(new Entity("account").set("name", prefix + i));
        }
        perform(get("/app/account"));
        perform(get("/app/account"));
        // the session (Spring Session JDBC: read; its last access written back at most once a minute, see
        // RareTouchSession; not read again after the save, see SessionReadOnce) and the page: one select of 51 rows,
        // no count. Views, currencies and the remembered columns come from caches keyed by the UI configuration
        // version, which the node reads at most once per interval.
        String[] expected = {SESSION_READ, "select \"r\".\"accountid\" \"c_id\""};
        assertStatements(counted(get("/app/account")), expected);
        assertStatements(counted(get("/app/account/grid?sort=name&desc=true")), expected);
        assertStatements(counted(get("/app/account?page=2&q=" + prefix)), expected);
        assertThat(String.join("\n", counted(get("/app/account")))).doesNotContain("count(");
    }

    /**
     * Remembered columns are cached: a save raises the UI configuration version, so the next render on this node
     * shows them (reading the version and the preference once), and the one after costs no statement for them.
     */
    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void rememberedColumnsShowOnTheNextRenderAndAreThenServedFromTheCache() throws Exception {
        perform(get("/app/contact"));
        assertThat(perform(get("/app/contact")).getResponse().getContentAsString())
                .doesNotContain("data-column=\"jobtitle\"");
        MockHttpServletRequestBuilder save = post("/app/contact/columns").param("cols", "fullname,jobtitle")
                .with(SecurityMockMvcRequestPostProcessors.csrf());
        mvc.perform(session == null ? save : save.cookie(session)).andExpect(status().isNoContent());
        statements.take();
        assertThat(perform(get("/app/contact")).getResponse().getContentAsString())
                .contains("data-column=\"jobtitle\"");
        assertThat(String.join("\n", statements.take())).contains("\"sys_ui_version\"")
                .contains("\"sys_ui_preference\"");
        assertStatements(counted(get("/app/contact")), SESSION_READ, "select \"r\".\"contactid\" \"c_id\"");
    }

    /**
     * A session's last access is written when the stored one is a minute old or more, by that request only: a person
     * who keeps working keeps the session alive, and the pages between cost no write.
     */
    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void theLastAccessIsWrittenOnceTheStoredOneIsAMinuteOld() throws Exception {
        perform(get("/app/account"));
        perform(get("/app/account"));
        String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);
        long before = jdbc.queryForObject("select last_access_time from sys_http_session where session_id = ?",
                Long.class, id);
        assertStatements(counted(get("/app/account")), SESSION_READ, "select \"r\".\"accountid\" \"c_id\"");
        long old = System.currentTimeMillis() - 61_000;
        jdbc.update("update sys_http_session set last_access_time = ? where session_id = ?", old, id);
        assertStatements(counted(get("/app/account")), SESSION_READ, "select \"r\".\"accountid\" \"c_id\"",
                SESSION_TOUCH);
        long touched = jdbc.queryForObject("select last_access_time from sys_http_session where session_id = ?",
                Long.class, id);
        assertThat(touched).isGreaterThan(old + 60_000).isGreaterThanOrEqualTo(before);
        assertStatements(counted(get("/app/account")), SESSION_READ, "select \"r\".\"accountid\" \"c_id\"");
        assertThat(jdbc.queryForObject("select max_inactive_interval from sys_http_session where session_id = ?",
                Integer.class, id)).as("the timeout is unchanged").isEqualTo(1800);
    }

    /**
     * Page links are written as they are, static files through the resource chain (versioned WebJars): the
     * resource lookup is made for files only ({@code StaticResourceUrls}).
     */
    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void pageLinksAreWrittenAsTheyAreAndStaticFilesVersioned() throws Exception {
        String page = perform(get("/app/account")).getResponse().getContentAsString();
        assertThat(page).containsPattern("href=\"/webjars/bootstrap/[0-9][^/\"]*/css/bootstrap\\.min\\.css\"")
                .containsPattern("src=\"/webjars/htmx\\.org/[0-9][^/\"]*/dist/htmx\\.min\\.js\"")
                .contains("href=\"/css/rapport.css\"").contains("href=\"/app/contact?area=sales\"")
                .contains("href=\"/settings/tokens\"");
    }

    @Test
    void aWebApiReadByIdRunsItsSelectAndNothingElse() throws Exception {
        UUID id = organization.create(new Entity("account").set("name", "Statements"));
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String body = mvc.perform(post("/api/rapport/tokens").header("Authorization", basic)
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"statements\"}"))
                .andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        String bearer = "Bearer " + m.group(1);
        String url = "/api/data/v9.2/accounts(" + id + ")?$select=name,accountnumber,revenue";
        perform(get(url).header("Authorization", bearer).accept(MediaType.APPLICATION_JSON));
        perform(get(url).header("Authorization", bearer).accept(MediaType.APPLICATION_JSON));
        // the token is checked from memory, no session: the record's select alone
        assertStatements(counted(get(url).header("Authorization", bearer).accept(MediaType.APPLICATION_JSON)),
                "select \"r\".\"accountid\" \"c_id\", \"r\".\"versionnumber\" \"c_version\", \"r\".\"name\"");
    }
}
