package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The seed story in a real headless Chromium, signed in as a salesperson of a sales business unit holding the
 * built-in Salesperson role and nothing else (issue 21): account and contact, a lead worked and qualified, the
 * opportunity's activities and notes on the timeline and its win, global search, a personal view, an import of a
 * small CSV, an export (CSV and vCard) and an app password for a mail client. Screenshots go to
 * target/screenshots/salesperson-*.png.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SalespersonBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    private Browser browser;
    private Principals people;
    private UUID seller;
    private String run;
    private String accountUrl;
    private String opportunityUrl;

    @BeforeAll
    void start() throws Exception {
        people = new Principals(organization);
        run = people.run();
        UUID sales = people.businessUnit("Sales", people.rootUnit());
        seller = people.user("sam", sales, "Salesperson");
        browser = Browser.start(port, "en-US,en");
        browser.signIn(people.userName(seller), Principals.PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void opensTheDashboardAndTheSalesLists() throws Exception {
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Sales dashboard");
        for (String entity : List.of("account", "contact", "lead", "opportunity", "activitypointer")) {
            browser.open("/app/" + entity);
            assertThat(browser.find(By.id("list-title")).getText()).isNotBlank();
        }
        shot("01-dashboard-and-lists");
    }

    @Test
    @Order(2)
    void createsAnAccountAndItsContact() throws Exception {
        browser.open("/app/account/new");
        type(By.id("f-name"), "Northwind " + run);
        type(By.id("f-telephone1"), "+1 555 0142");
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Northwind " + run));
        accountUrl = browser.driver().getCurrentUrl();

        click(By.cssSelector("#subgrid-contact_customer_accounts .subgrid-new"));
        assertThat(browser.find(By.id("f-parentcustomerid")).getAttribute("value")).isEqualTo("Northwind " + run);
        type(By.id("f-firstname"), "Nancy");
        type(By.id("f-lastname"), "Davolio " + run);
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Nancy Davolio " + run));
        browser.driver().get(accountUrl);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.id("subgrid-contact_customer_accounts"), "Nancy Davolio " + run));
        shot("02-account");
    }

    @Test
    @Order(3)
    void worksALeadAndQualifiesIt() throws Exception {
        browser.open("/app/lead/new");
        type(By.id("f-subject"), "Espresso machines " + run);
        type(By.id("f-firstname"), "Andrew");
        type(By.id("f-lastname"), "Fuller " + run);
        type(By.id("f-companyname"), "Fuller Coffee " + run);
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Andrew Fuller " + run));
        logOnTimeline("phonecall", "First call " + run);
        shot("03-lead");

        click(By.id("action-qualify"));
        click(By.id("confirm-qualify"));
        browser.waitUntil(ExpectedConditions.urlContains("/app/opportunity/"));
        opportunityUrl = browser.driver().getCurrentUrl();
        assertThat(browser.find(By.id("record-title")).getText()).contains("Espresso machines " + run);
        Entity lead = organization.retrieveMultiple(QueryExpression.from("lead").select("statecode", "ownerid")
                .where(Condition.eq("subject", "Espresso machines " + run)).build()).entities().get(0);
        assertThat(lead.get("statecode")).isEqualTo(1);
        assertThat(lead.getReference("ownerid").id()).isEqualTo(seller);
    }

    @Test
    @Order(4)
    void logsActivitiesAndNotesOnTheOpportunityAndWinsIt() throws Exception {
        browser.driver().get(opportunityUrl);
        logOnTimeline("phonecall", "Demo booked " + run);
        logOnTimeline("task", "Send the quote " + run);
        logOnTimeline("annotation", "Wants delivery in May " + run);
        String timeline = browser.find(By.cssSelector("#timeline .timeline-items")).getText();
        assertThat(timeline).contains("Demo booked " + run, "Send the quote " + run, "Wants delivery in May " + run);
        shot("04-opportunity-timeline");

        click(By.id("action-win"));
        type(By.id("win-revenue"), "36000");
        click(By.id("confirm-win"));
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("action-win")));
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Won");
        Entity won = organization.retrieveMultiple(QueryExpression.from("opportunity")
                .select("actualvalue", "statecode").where(Condition.eq("name", "Espresso machines " + run)).build())
                .entities().get(0);
        assertThat(won.getDecimal("actualvalue")).isEqualByComparingTo("36000");
        shot("05-opportunity-won");
    }

    @Test
    @Order(5)
    void findsTheRecordsWithGlobalSearch() throws Exception {
        browser.open("/");
        // quick find matches the beginning of a value; * searches anywhere in it
        browser.find(By.id("global-search")).sendKeys("*" + run, Keys.ENTER);
        browser.waitUntil(ExpectedConditions.urlContains("/search"));
        String results = browser.find(By.cssSelector("section")).getText();
        assertThat(results).contains("Northwind " + run, "Nancy Davolio " + run, "Andrew Fuller " + run,
                "Espresso machines " + run);
        shot("06-search");
    }

    @Test
    @Order(6)
    void savesAPersonalView() throws Exception {
        browser.open("/app/account?q=Northwind&sort=name&desc=true");
        click(By.id("choose-columns"));
        type(By.id("personal-view-name"), "My Northwind " + run);
        click(By.cssSelector("#columns-dialog form button[type=submit]"));
        browser.waitUntil(ExpectedConditions.urlContains("view="));
        Select views = new Select(browser.find(By.id("view")));
        assertThat(views.getFirstSelectedOption().getText()).contains("My Northwind " + run);
        Entity view = organization.retrieveMultiple(QueryExpression.from("userquery").select("ownerid")
                .where(Condition.eq("name", "My Northwind " + run)).build()).entities().get(0);
        assertThat(view.getReference("ownerid").id()).isEqualTo(seller);
        shot("07-personal-view");
    }

    @Test
    @Order(7)
    void importsASmallCsvOfContacts() throws Exception {
        Path file = Files.createTempFile("contacts-", ".csv");
        Files.writeString(file, "First Name,Last Name,Email\r\nJanet,Leverling " + run + ",janet." + run
                + "@example.com\r\nSteven,Buchanan " + run + ",steven." + run + "@example.com\r\n",
                StandardCharsets.UTF_8);
        browser.open("/app/contact");
        click(By.id("import"));
        browser.find(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        click(By.id("upload-submit"));
        assertThat(browser.find(By.id("mapping-summary")).getText()).contains("2 rows");
        shot("08-import-mapping");
        click(By.id("start-import"));
        browser.waitUntil(ExpectedConditions.textToBe(By.id("import-status"), "Completed"));
        assertThat(browser.find(By.id("count-created")).getText()).isEqualTo("2");
        assertThat(browser.find(By.id("count-failed")).getText()).isEqualTo("0");
        shot("09-import-done");
        assertThat(organization.retrieveMultiple(QueryExpression.from("contact").select("ownerid")
                .where(Condition.eq("lastname", "Leverling " + run)).build()).entities()).singleElement()
                .satisfies(c -> assertThat(c.getReference("ownerid").id()).isEqualTo(seller));
    }

    @Test
    @Order(8)
    void exportsTheListAsCsv() throws Exception {
        browser.open("/app/contact?q=*" + run);
        // the three contacts made here and the one qualifying the lead created
        browser.waitUntil(d -> d.findElements(By.cssSelector("#grid tbody tr[data-id]")).size() == 4);
        Path downloads = browser.allowDownloads();
        click(By.id("export"));
        String csv = Files.readString(browser.awaitDownload(downloads), StandardCharsets.UTF_8);
        assertThat(csv.lines().count()).isEqualTo(5);
        assertThat(csv).contains("Nancy Davolio " + run, "Janet Leverling " + run, "Steven Buchanan " + run,
                "Andrew Fuller " + run);
        shot("10-export");
        assertThat(organization.retrieve("account", UUID.fromString(accountUrl.replaceAll(".*/", "")),
                ColumnSet.of("ownerid")).getReference("ownerid").id()).isEqualTo(seller);
    }

    @Test
    @Order(9)
    void exportsTheListAsVCards() throws Exception {
        browser.open("/app/contact?q=*" + run);
        browser.waitUntil(d -> d.findElements(By.cssSelector("#grid tbody tr[data-id]")).size() == 4);
        Path downloads = browser.allowDownloads();
        click(By.id("export-vcf"));
        String vcf = Files.readString(browser.awaitDownload(downloads), StandardCharsets.UTF_8);
        assertThat(vcf.split("BEGIN:VCARD", -1)).hasSize(5);
        assertThat(vcf).contains("FN:Nancy Davolio " + run, "FN:Andrew Fuller " + run);
    }

    @Test
    @Order(10)
    void createsAnAppPasswordForTheirMailClient() throws Exception {
        click(By.id("nav-contactsync"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("contactsync-url")));
        assertThat(browser.find(By.id("contactsync-url")).getText()).endsWith("/dav/");
        type(By.id("apppassword-name"), "Thunderbird " + run);
        click(By.id("apppassword-create"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("apppassword-secret")));
        String secret = browser.find(By.id("apppassword-secret")).getDomProperty("value");
        assertThat(secret).matches("[a-z2-9]{4}(-[a-z2-9]{4}){5}");
        assertThat(browser.find(By.id("apppasswords")).getText()).contains("Thunderbird " + run);
        shot("11-app-password");
        browser.assertNoCspViolations();
        java.net.http.HttpResponse<String> dav = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/dav/"))
                        .method("PROPFIND", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Depth", "0")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (people.userName(seller) + ":" + secret).getBytes(StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(dav.statusCode()).isEqualTo(207);
    }

    private void logOnTimeline(String type, String subject) {
        click(By.id("add-" + type));
        type(By.id("qc-" + type + "-subject"), subject);
        click(By.id("qc-" + type + "-save"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#timeline .timeline-items"), subject));
    }

    private void shot(String name) throws Exception {
        browser.screenshot("salesperson-" + name);
    }

    private void click(By by) {
        WebElement element = browser.find(by);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void type(By by, String text) {
        WebElement input = browser.find(by);
        input.clear();
        input.sendKeys(text);
    }
}
