package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.Label;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.TestUsers;
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
 * The Web UI in a real headless Chromium, end to end as a salesperson and an administrator use it. The steps
 * build on each other (one browser, one signed-in session), so they run in order.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    @Autowired
    ActionCatalog actions;

    @Autowired
    CustomizationService customization;

    private Browser browser;
    private String accountUrl;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start(port, "en-US,en");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        customization.renameEntity("account", Label.of("Account"), Label.of("Accounts"));
    }

    @Test
    @Order(1)
    void signsInAndSeesTheDashboard() throws Exception {
        browser.open("/login");
        browser.find(By.id("username"));
        browser.screenshot("01-sign-in");
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Sales dashboard");
        assertThat(browser.driver().findElements(By.cssSelector(".chart-card"))).hasSizeGreaterThanOrEqualTo(3);
        browser.screenshot("02-dashboard");
    }

    @Test
    @Order(2)
    void createsAnAccountWithAPrimaryContact() throws Exception {
        browser.open("/app/account/new");
        browser.find(By.id("save")).click();
        assertThat(browser.find(By.id("err-name")).getText()).isEqualTo("Account Name is required.");

        type(By.id("f-name"), "Contoso Pharmaceuticals");
        type(By.id("f-telephone1"), "+1 555 0100");
        click(By.id("tab-details"));
        type(By.id("f-revenue"), "125000");
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Contoso Pharmaceuticals"));
        accountUrl = browser.driver().getCurrentUrl();

        WebElement newContact = browser.find(By.cssSelector("#subgrid-contact_customer_accounts .subgrid-new"));
        newContact.click();
        assertThat(browser.find(By.id("f-parentcustomerid")).getAttribute("value")).isEqualTo("Contoso Pharmaceuticals");
        type(By.id("f-firstname"), "Ada");
        type(By.id("f-lastname"), "Lovelace");
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Ada Lovelace"));

        browser.driver().get(accountUrl);
        WebElement lookup = browser.find(By.id("f-primarycontactid"));
        lookup.sendKeys("Ada Lovelace");
        // results arrive as you type: wait for the one that names the contact (earlier results may list others)
        // a later result list may replace the found one just before the click: look it up again and retry then
        By ada = By.xpath("//*[@id='lk-primarycontactid']//*[contains(@class,'lookup-result')"
                + " and contains(normalize-space(.), 'Ada Lovelace')]");
        browser.waitUntil(d -> {
            d.findElement(ada).click();
            return true;
        });
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "Saved"));
        assertThat(browser.find(By.id("f-primarycontactid")).getAttribute("value")).isEqualTo("Ada Lovelace");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.id("subgrid-contact_customer_accounts"), "Ada Lovelace"));
        browser.screenshot("03-account-form");
    }

    @Test
    @Order(3)
    void filtersAndSortsAListView() throws Exception {
        // other test classes share this application: the list is narrowed to this test's records first
        for (String name : List.of("Fabrikam Lab", "Fourth Coffee Lab", "Adventure Works Lab", "Alpine Ski Lab")) {
            organization.create(new Entity("account").set("name", name));
        }
        browser.open("/app/account");
        assertThat(browser.find(By.id("list-title")).getText()).isEqualTo("Accounts");
        browser.find(By.id("filter-name")).sendKeys("Fourth", Keys.ENTER);
        browser.waitUntil(d -> names().equals(List.of("Fourth Coffee Lab")));
        assertThat(browser.driver().getCurrentUrl()).contains("f.name=Fourth");

        browser.open("/app/account?f.name=Lab");
        sortBy("name");
        browser.waitUntil(d -> "ascending".equals(header("name").getAttribute("aria-sort")));
        assertThat(names()).containsExactly("Adventure Works Lab", "Alpine Ski Lab", "Fabrikam Lab",
                "Fourth Coffee Lab");
        sortBy("name");
        browser.waitUntil(d -> "descending".equals(header("name").getAttribute("aria-sort")));
        assertThat(names()).containsExactly("Fourth Coffee Lab", "Fabrikam Lab", "Alpine Ski Lab",
                "Adventure Works Lab");
        assertThat(browser.find(By.id("filter-name")).getAttribute("value")).isEqualTo("Lab");
        browser.screenshot("04-account-list");

        // the assign dialog finds users as one types, not from a list loaded with every page
        UUID root = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("businessunit")
                .where(io.rapport.query.Condition.of("parentbusinessunitid",
                        io.rapport.query.ConditionOperator.NULL)).top(1).build()).entities().get(0).id();
        UUID rita = organization.create(new Entity("systemuser").set("firstname", "Rita").set("lastname", "Reassign")
                .set("domainname", "rita.reassign").set("businessunitid",
                        new io.rapport.record.EntityReference("businessunit", root)));
        UUID alpine = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("account")
                .where(io.rapport.query.Condition.eq("name", "Alpine Ski Lab")).build()).entities().get(0).id();
        browser.find(By.cssSelector("input[name='id'][value='" + alpine + "']")).click();
        browser.find(By.id("assignee")).sendKeys("Rita");
        By ritaResult = By.xpath("//*[@id='assignee-results']//*[contains(@class,'lookup-result')"
                + " and contains(normalize-space(.), 'Rita Reassign')]");
        browser.waitUntil(d -> {
            d.findElement(ritaResult).click();
            return true;
        });
        browser.find(By.cssSelector("button[name='action'][value='assign']")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "1"));
        assertThat(((io.rapport.record.EntityReference) organization.retrieve("account", alpine,
                io.rapport.query.ColumnSet.of("ownerid")).get("ownerid")).id()).isEqualTo(rita);
    }

    @Test
    @Order(4)
    void logsOnALeadsTimelineAndQualifiesIt() throws Exception {
        browser.open("/app/lead/new");
        type(By.id("f-subject"), "Interested in 200 units");
        type(By.id("f-firstname"), "Grace");
        type(By.id("f-lastname"), "Hopper");
        type(By.id("f-companyname"), "Hopper Labs");
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Grace Hopper"));
        assertThat(browser.find(By.id("process-bar")).getText()).contains("Qualify");

        // phone calls and the QualifyLead / WinOpportunity actions come with the sales and activity modules
        assertThat(browser.driver().findElements(By.id("add-phonecall"))).hasSize(1);
        assertThat(actions.find("QualifyLead")).isPresent();
        assertThat(actions.find("WinOpportunity")).isPresent();
        String kind = "phonecall";
        browser.find(By.id("add-" + kind)).click();
        type(By.id("qc-" + kind + "-subject"), "Discussed volumes");
        browser.find(By.id("qc-" + kind + "-save")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#timeline .timeline-items"),
                "Discussed volumes"));
        browser.screenshot("05-lead-timeline");

        browser.find(By.id("action-qualify")).click();
        browser.find(By.id("confirm-qualify")).click();
        browser.waitUntil(ExpectedConditions.urlContains("/app/opportunity/"));
        browser.screenshot("06-opportunity");
        browser.find(By.id("action-win")).click();
        type(By.id("win-revenue"), "48000");
        browser.find(By.id("confirm-win")).click();
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("action-win")));
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Won");
    }

    @Test
    @Order(5)
    void renamesAccountToCompanyAndAddsACustomField() throws Exception {
        browser.open("/settings/customization/account");
        type(By.id("name_en"), "Company");
        type(By.id("plural_en"), "Companies");
        click(By.id("rename-entity"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "Published"));
        browser.screenshot("07-customization");

        type(By.id("field-name"), "rank");
        type(By.id("label_en"), "Rank");
        type(By.id("label_es"), "Rango");
        type(By.id("label_pt-BR"), "Posição");
        new Select(browser.find(By.id("field-type"))).selectByValue("integer");
        click(By.id("add-field"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("field-new_rank")));

        browser.open("/app/account");
        assertThat(browser.find(By.id("list-title")).getText()).isEqualTo("Companies");
        assertThat(browser.find(By.cssSelector(".sidebar a[aria-current=page]")).getText()).isEqualTo("Companies");
        browser.driver().get(accountUrl);
        assertThat(browser.find(By.id("record-entity")).getText()).isEqualTo("Company");
        type(By.id("f-new_rank"), "7");
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"), "Saved"));
        assertThat(browser.find(By.id("f-new_rank")).getAttribute("value")).isEqualTo("7");
        browser.open("/app/account?f.name=Contoso+Pharma");
        assertThat(header("new_rank").getText()).contains("Rank");
        assertThat(browser.find(By.cssSelector("#grid tbody tr[data-id]")).getText()).endsWith("7");
        browser.screenshot("08-companies-with-rank");
    }

    @Test
    @Order(6)
    void showsEveryVisitedPageInSpanishAndPortuguese() throws Exception {
        try {
            switchLanguage("es");
            assertThat(browser.find(By.cssSelector(".topbar")).getText()).contains("Ventas", "Cerrar sesión");
            TranslationCheck es = TranslationCheck.forLanguage("es");
            for (String page : List.of("/", "/app/account", accountUrl.substring(accountUrl.indexOf("/app/")),
                    "/app/lead", "/app/account/new", "/search?q=Contoso", "/settings/customization",
                    "/settings/customization/account", "/imports")) {
                browser.open(page);
                browser.find(By.id("main"));
                es.assertTranslated(browser, page);
            }
            browser.open("/app/account");
            assertThat(browser.find(By.id("list-title")).getText()).isEqualTo("Cuentas");
            assertThat(header("new_rank").getText()).contains("Rango");
            browser.screenshot("09-list-es");
            browser.driver().get(accountUrl);
            browser.screenshot("10-form-es");

            switchLanguage("pt-BR");
            TranslationCheck pt = TranslationCheck.forLanguage("pt-BR");
            for (String page : List.of("/", "/app/account", accountUrl.substring(accountUrl.indexOf("/app/")),
                    "/app/contact", "/app/lead/new", "/settings/customization/account")) {
                browser.open(page);
                browser.find(By.id("main"));
                pt.assertTranslated(browser, page);
            }
            browser.open("/app/account");
            assertThat(browser.find(By.id("list-title")).getText()).isEqualTo("Contas");
            browser.screenshot("11-list-pt-BR");
        } finally {
            switchLanguage("en");
        }
    }

    @Test
    @Order(7)
    void drawsTheDashboardAndFitsATablet() throws Exception {
        browser.open("/");
        browser.find(By.cssSelector("#chart-leads canvas"));
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.driver().executeScript("return !!window.Chart"
                + " && !!window.Chart.getChart(document.querySelector('#chart-leads canvas'))")));
        // other tests share this application: the month's total is at least this test's won revenue
        assertThat(browser.find(By.cssSelector("#chart-won .chart-table")).getText()).containsPattern("\\$\\d");
        assertThat(browser.driver().findElements(By.cssSelector("#chart-won canvas"))).hasSize(1);
        browser.screenshot("12-dashboard");

        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        browser.driver().get(accountUrl);
        browser.find(By.cssSelector("#timeline .timeline-items"));
        Long overflow = (Long) browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("no sideways scrolling on a tablet").isZero();
        browser.screenshot("13-account-tablet");
    }

    @Test
    @Order(8)
    void importsAPurchasedListThroughTheMappingScreenAndDownloadsTheErrorReport() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        StringBuilder csv = new StringBuilder("Topic,Surname,Given name,Email\r\n");
        for (int i = 1; i <= 300; i++) {
            // every 50th row has no surname: the lead's last name is required
            csv.append("Fair ").append(run).append(' ').append(i).append(',')
                    .append(i % 50 == 0 ? "" : "Lead" + i).append(",Ana,ana").append(i).append("@example.com\r\n");
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("purchased-", ".csv");
        java.nio.file.Files.writeString(file, csv, java.nio.charset.StandardCharsets.UTF_8);

        browser.open("/app/lead");
        click(By.id("import"));
        assertThat(new Select(browser.find(By.id("import-entity"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("lead");
        browser.find(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        click(By.id("upload-submit"));

        assertThat(browser.find(By.id("mapping-summary")).getText()).contains("300 rows");
        // "Topic" and "Email" are recognised; "Surname" is mapped here by hand
        assertThat(new Select(browser.find(By.id("attr-0"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("subject");
        assertThat(new Select(browser.find(By.id("attr-3"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("emailaddress1");
        new Select(browser.find(By.id("attr-1"))).selectByValue("lastname");
        new Select(browser.find(By.id("attr-2"))).selectByValue("firstname");
        assertThat(browser.driver().findElement(By.id("lookup-1")).isDisplayed()).as("no lookup: nothing to match")
                .isFalse();
        browser.screenshot("14-import-mapping");
        click(By.id("start-import"));

        browser.find(By.id("import-bar"));
        browser.waitUntil(ExpectedConditions.textToBe(By.id("import-status"), "Completed"));
        assertThat(browser.find(By.id("import-bar")).getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.find(By.id("import-counts")).getText()).startsWith("300 of 300 rows");
        assertThat(browser.find(By.id("count-created")).getText()).isEqualTo("294");
        assertThat(browser.find(By.id("count-failed")).getText()).isEqualTo("6");
        assertThat(browser.find(By.id("import-errors")).getText()).contains("Surname");
        browser.screenshot("15-import-done");

        java.nio.file.Path downloads = browser.allowDownloads();
        click(By.id("error-report"));
        List<String> report = java.nio.file.Files.readAllLines(browser.awaitDownload(downloads));
        assertThat(report).hasSize(7);
        assertThat(report.get(0)).isEqualTo("line,column,reason,values");
        assertThat(report.get(1)).startsWith("51,Surname,").contains("Fair " + run + " 50");

        click(By.id("open-list"));
        assertThat(browser.find(By.id("list-title")).getText()).isEqualTo("Leads");
        List<Entity> leads = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("lead")
                .select("subject", "lastname", "firstname", "emailaddress1").where(io.rapport.query.Condition.of(
                        "subject", io.rapport.query.ConditionOperator.BEGINS_WITH, "Fair " + run + " "))
                .top(1000).build()).entities();
        assertThat(leads).hasSize(294);
        assertThat(leads).filteredOn(l -> l.getString("subject").equals("Fair " + run + " 7")).singleElement()
                .satisfies(l -> assertThat(l.attributes()).containsEntry("lastname", "Lead7")
                        .containsEntry("firstname", "Ana").containsEntry("emailaddress1", "ana7@example.com"));
    }

    private void switchLanguage(String tag) {
        new Select(browser.find(By.id("language"))).selectByValue(tag);
        browser.waitUntil(d -> tag.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    /** Clicks after scrolling the element to the middle of the window, clear of the top bar. */
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

    private void sortBy(String attribute) {
        header(attribute).findElement(By.cssSelector("a.sort-link")).click();
    }

    private WebElement header(String attribute) {
        return browser.find(By.xpath("//th[a[@data-column='" + attribute + "']]"));
    }

    /** The first column of the list, read in one script so that an htmx swap cannot interleave. */
    @SuppressWarnings("unchecked")
    private List<String> names() {
        return (List<String>) browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#grid tbody tr[data-id] td:nth-child(2)')).map(td => td.innerText.trim())");
    }
}
