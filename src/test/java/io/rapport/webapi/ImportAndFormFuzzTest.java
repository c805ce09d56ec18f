package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.error.RapportException;
import io.rapport.fuzz.FuzzApp;
import io.rapport.fuzz.FuzzSeed;
import io.rapport.fuzz.Hostile;
import io.rapport.importing.ImportError;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportService;
import io.rapport.importing.ImportStatus;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fuzz suite, import files and UI form posts (issue 21): a generated CSV file with hostile cells never fails the
 * import as a whole, never shows SQL, and creates exactly the rows it reports as created; a generated account
 * form post never answers 5xx and, when the form comes back with errors, nothing was saved. One shared
 * application on H2; {@code -Drapport.fuzz.seed} replays a run.
 */
@PropertyDefaults(tries = 100, shrinking = ShrinkingMode.BOUNDED)
@AddLifecycleHook(FuzzSeed.class)
class ImportAndFormFuzzTest {

    // imports go to contacts: they run in the background, and other fuzz tests compare the account table
    static final List<String> HEADERS = List.of("First Name", "Last Name", "Email", "Business Phone",
            "Birthday", "Preferred Method of Contact", "Do not allow Emails", "Company Name", "Nonsense Column");

    static ConfigurableApplicationContext app;
    static ImportService imports;
    static HttpClient browser;
    static String base;

    @BeforeContainer
    static void start() {
        app = FuzzApp.h2();
        imports = app.getBean(ImportService.class);
        base = "http://localhost:" + FuzzApp.port(app);
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> signedIn = post("/login", "username=" + TestUsers.ADMIN + "&password="
                + TestUsers.ADMIN_PASSWORD + "&_csrf=" + csrf(get("/login").body()));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    @Property(tries = 25)
    void importFiles(@ForAll("csv") String csv) throws InterruptedException {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        long before = rows("contact");
        ImportJob job;
        try {
            job = imports.start("contact", "fuzz.csv", bytes, null, ImportOptions.defaults());
        } catch (RapportException refused) {
            // a file that cannot be read at all is refused up front with a Dataverse error, before any row
            assertThat(refused.code().httpStatus()).isBetween(400, 499);
            assertThat(rows("contact")).isEqualTo(before);
            return;
        }
        ImportJob done = awaitEnd(job);
        assertThat(done.status()).as(done.toString()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.message()).as(done.toString()).isNull();
        assertThat(done.created() + done.updated() + done.skipped() + done.failed()).isEqualTo(done.processedRows());
        assertThat(rows("contact")).as(done.toString()).isEqualTo(before + done.created());
        for (ImportError error : imports.errors(done.id(), 1, 100)) {
            assertThat(error.reason()).doesNotContainIgnoringCase("select ").doesNotContain("SQL")
                    .doesNotContain("Exception");
        }
    }

    @Property
    void accountFormPosts(@ForAll("form") String fields) {
        String page = get("/app/account/new").body();
        long before = rows("account");
        HttpResponse<String> r = post("/app/account/new", fields + "&_csrf=" + csrf(page));
        assertThat(r.statusCode()).as(() -> FuzzApp.describe(r.body())).isLessThan(500);
        if (r.statusCode() != 302) {
            assertThat(rows("account")).isEqualTo(before);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\"timestamp\"");
        }
    }

    @Provide
    Arbitrary<String> csv() {
        Arbitrary<String> cell = Arbitraries.oneOf(Hostile.scalars(), Hostile.strings().map(s -> "\"" + s.replace("\"",
                "\"\"") + "\""), Arbitraries.of("", "\"", "\"unterminated", "=1+2", "Yes", "No", "Accounting"));
        Arbitrary<String> header = Hostile.names(HEADERS).list().ofMinSize(1).ofMaxSize(6)
                .map(l -> String.join(",", l));
        Arbitrary<String> row = cell.list().ofMinSize(0).ofMaxSize(8).map(l -> String.join(",", l));
        Arbitrary<String> file = Combinators.combine(header, row.list().ofMaxSize(8), Arbitraries.of("\r\n", "\n",
                "\r")).as((h, rows, eol) -> h + eol + String.join(eol, rows));
        return Arbitraries.oneOf(file, file, file, Arbitraries.of("", "\ufeff", "\0\0\0", "a\rb\nc\r\n"),
                Hostile.strings());
    }

    @Provide
    Arbitrary<String> form() {
        Arbitrary<String> value = Arbitraries.oneOf(Hostile.scalars().map(ImportAndFormFuzzTest::enc),
                Arbitraries.of("%ED%A0%80", "%00", "%C0%AE", "%FF%FE", "x%00y"));
        Arbitrary<String> field = Combinators.combine(Hostile.names(List.of("name", "revenue", "numberofemployees",
                "industrycode", "creditonhold", "description", "accountnumber", "parentaccountid", "statecode",
                "createdon", "ownerid", "_ignoreDuplicates")).map(ImportAndFormFuzzTest::enc), value)
                .as((k, v) -> k + "=" + v);
        return field.list().ofMaxSize(7).map(l -> String.join("&", l));
    }

    private static long rows(String table) {
        String state = FuzzApp.state(app, table);
        return Long.parseLong(state.substring(0, state.indexOf(' ')));
    }

    private static ImportJob awaitEnd(ImportJob job) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        ImportJob current = job;
        while (!current.status().isFinal() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            current = imports.job(job.id()).orElseThrow();
        }
        return current;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return enc(m.group(1) != null ? m.group(1) : m.group(2));
    }

    static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    static HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
