package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The view editor in a real headless Chromium, by the roles whose job it is: a Salesperson (built-in role only)
 * makes a personal view (a condition whose operators arrive by htmx when its field is chosen, a column width, a
 * sort), previews it and saves it, and the list shows it; a System Customizer adds a column to a system view and a
 * salesperson's list shows it. Then the main pages at tablet size (768×1024) in the three languages, each without
 * sideways scrolling (document scroll width at most the window's), saved as target/screenshots/tablet-*.png. Every
 * page passes axe-core and the CSP ({@link Browser}).
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewEditorBrowserTest {

    static final String INACTIVE_ACCOUNTS = UUID.nameUUIDFromBytes("savedquery:account-inactive"
            .getBytes(StandardCharsets.UTF_8)).toString();

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    private Principals people;
    private String run;
    private UUID seller;
    private UUID customizer;
    private UUID account;
    private UUID lead;
    private UUID opportunity;

    @BeforeAll
    void start() {
        people = new Principals(organization);
        run = people.run();
        UUID unit = people.businessUnit("View makers", people.rootUnit());
        seller = people.user("vera", unit, "Salesperson");
        customizer = people.user("cuz", unit, "System Customizer");
        OrganizationService asSeller = people.as(seller);
        account = asSeller.create(new Entity("account").set("name", run + " Lisbon Big")
                .set("address1_city", "Lisbon").set("revenue", new BigDecimal("9000"))
                .set("description", "A very long unbroken value: " + "x".repeat(300)));
        asSeller.create(new Entity("account").set("name", run + " Lisbon Small").set("address1_city", "Lisbon")
                .set("revenue", new BigDecimal("10")));
        asSeller.create(new Entity("account").set("name", run + " Porto").set("address1_city", "Porto")
                .set("revenue", new BigDecimal("5000")));
        lead = asSeller.create(new Entity("lead").set("subject", "Tablet " + run).set("lastname", "Tab " + run)
                .set("companyname", "Tablet Co " + run));
        opportunity = asSeller.create(new Entity("opportunity").set("name", "Tablet deal " + run)
                .set("customerid", new EntityReference("account", account)));
    }

    @AfterAll
    void restore() {
        // the system view goes back to its built-in definition (a stored one wins over the YAML)
        if (!organization.retrieveMultiple(QueryExpression.from("savedquery").columns(ColumnSet.none())
                .where(Condition.eq("savedqueryid", UUID.fromString(INACTIVE_ACCOUNTS))).build()).entities()
                .isEmpty()) {
            organization.delete("savedquery", UUID.fromString(INACTIVE_ACCOUNTS));
        }
    }

    @Test
    void aSalespersonMakesAPersonalViewAndACustomizerChangesASystemView() throws Exception {
        try (Browser browser = Browser.start(port, "en-US,en")) {
            browser.signIn(people.userName(seller), Principals.PASSWORD);
            browser.open("/app/account");
            assertThat(browser.driver().findElements(By.id("edit-view"))).as("a system view").isEmpty();
            click(browser, By.id("new-view"));
            browser.find(By.id("view-name")).sendKeys("Lisbon by revenue " + run);
            // the active accounts view brings its own condition (status); the next row is free
            new Select(browser.find(By.id("c1-attribute"))).selectByValue("name");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//select[@id='c1-operator']/option[@value='BEGINS_WITH']")));
            new Select(browser.find(By.id("c1-operator"))).selectByValue("BEGINS_WITH");
            browser.find(By.id("c1-value")).sendKeys(run + " Lisbon");
            new Select(browser.find(By.id("c2-attribute"))).selectByValue("revenue");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//select[@id='c2-operator']/option[@value='GREATER_EQUAL']")));
            new Select(browser.find(By.id("c2-operator"))).selectByValue("GREATER_EQUAL");
            browser.find(By.id("c2-value")).sendKeys("100");
            new Select(browser.find(By.id("width-name"))).selectByValue("300");
            clear(browser, By.id("pos-revenue"), "1");
            new Select(browser.find(By.id("sort1"))).selectByValue("revenue");
            new Select(browser.find(By.id("dir1"))).selectByValue("desc");
            browser.screenshot("view-editor-personal");
            click(browser, By.id("preview-view"));
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-table"),
                    run + " Lisbon Big"));
            assertThat(browser.find(By.id("preview-table")).getText()).doesNotContain(run + " Lisbon Small")
                    .doesNotContain(run + " Porto");
            browser.audit();
            click(browser, By.id("save-view"));
            browser.waitUntil(ExpectedConditions.urlContains("view=u-"));
            assertThat(new Select(browser.find(By.id("view"))).getFirstSelectedOption().getText())
                    .isEqualTo("Lisbon by revenue " + run);
            assertThat(names(browser)).containsExactly(run + " Lisbon Big");
            assertThat(columns(browser).get(0)).isEqualTo("revenue");
            assertThat(header(browser, "name").getAttribute("class")).contains("col-w-300");
            assertThat(header(browser, "name").getSize().getWidth()).isGreaterThanOrEqualTo(300);
            browser.screenshot("view-personal-list");
            // and it is the user's to change again
            assertThat(browser.driver().findElements(By.id("edit-view"))).hasSize(1);
        }
        try (Browser browser = Browser.start(port, "en-US,en")) {
            browser.signIn(people.userName(customizer), Principals.PASSWORD);
            browser.open("/app/account?view=" + INACTIVE_ACCOUNTS);
            click(browser, By.id("edit-view"));
            assertThat(browser.find(By.id("view-editor-title")).getText()).isEqualTo(
                    "Edit system view: Inactive Accounts");
            new Select(browser.find(By.id("add-column"))).selectByValue("createdon");
            new Select(browser.find(By.id("add-width"))).selectByValue("150");
            browser.screenshot("view-editor-system");
            click(browser, By.id("save-view"));
            browser.waitUntil(ExpectedConditions.urlContains("view=" + INACTIVE_ACCOUNTS));
            assertThat(columns(browser)).endsWith("createdon");
        }
        try (Browser browser = Browser.start(port, "en-US,en")) {
            browser.signIn(people.userName(seller), Principals.PASSWORD);
            browser.open("/app/account?view=" + INACTIVE_ACCOUNTS);
            browser.find(By.id("grid"));
            assertThat(columns(browser)).as("the salesperson sees the changed system view").endsWith("createdon");
        }
    }

    @Test
    void theMainPagesFitATabletInThreeLanguages() throws Exception {
        List<String> pages = List.of("/", "/app/account", "/app/account/" + account, "/app/lead",
                "/app/lead/" + lead, "/app/opportunity/" + opportunity, "/app/activitypointer",
                "/app/contact/new", "/app/account/views/new", "/search?q=" + run, "/imports");
        java.util.Map<String, Long> overflow = new java.util.LinkedHashMap<>();
        for (String language : List.of("en-US,en", "es-ES,es", "pt-BR,pt")) {
            String tag = language.substring(0, language.indexOf(','));
            try (Browser browser = Browser.start(port, language)) {
                browser.signIn(people.userName(seller), Principals.PASSWORD);
                browser.driver().manage().window().setSize(new Dimension(768, 1024));
                for (String page : pages) {
                    browser.open(page);
                    browser.find(By.id("main"));
                    browser.waitUntil(d -> d.findElements(By.cssSelector(".htmx-request")).isEmpty());
                    Long extra = (Long) browser.driver().executeScript(
                            "return document.documentElement.scrollWidth - window.innerWidth");
                    if (extra > 0) {
                        overflow.put(tag + " " + page.replace(run, "{run}"), extra);
                    }
                    browser.screenshot("tablet-" + tag + page.replaceAll("[^a-z]+", "-").replaceAll("-[0-9a-f]{8}.*", "")
                            .replaceAll("-+$", ""));
                }
            }
        }
        assertThat(overflow).as("pixels of sideways scrolling at 768×1024").isEmpty();
    }

    private static void click(Browser browser, By by) {
        WebElement element = browser.find(by);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static void clear(Browser browser, By by, String text) {
        WebElement input = browser.find(by);
        input.clear();
        input.sendKeys(text);
    }

    private static WebElement header(Browser browser, String attribute) {
        return browser.find(By.xpath("//th[a[@data-column='" + attribute + "']]"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> columns(Browser browser) {
        browser.find(By.id("grid"));
        return (List<String>) browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#grid a.sort-link')).map(a => a.getAttribute('data-column'))");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Browser browser) {
        return (List<String>) browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#grid tbody tr[data-id] td a[href^=\"/app/account/\"]')).map(a => a.innerText.trim())");
    }
}
