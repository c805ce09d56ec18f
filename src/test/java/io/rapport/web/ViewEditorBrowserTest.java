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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * salesperson's list shows it. Bad input (an unknown column, a width out of range, an unknown sort attribute, an
 * operator the field does not have, a value of the wrong type) is answered 422 with every problem at once, in a summary
 * and beside each input, and nothing is saved; a system view is not a salesperson's to edit (403). Then the main pages
 * at tablet size (820×1180, the issue's) in the three languages, each without sideways scrolling (document scroll width
 * at most the window's), saved as target/screenshots/tablet-{en,es,pt-BR}-*.png. Every page passes axe-core and the
 * CSP ({@link Browser}).
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
    private UUID contact;

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
        contact = asSeller.create(new Entity("contact").set("firstname", "Tabitha").set("lastname", "Tab " + run)
                .set("parentcustomerid", new EntityReference("account", account)));
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
    void badViewInputShowsEveryErrorAtOnceAnswers422AndSavesNothingAndASystemViewIsNotTheSalespersonsToEdit()
            throws Exception {
        String name = "Broken " + run;
        try (Browser browser = Browser.start(port, "en-US,en")) {
            browser.signIn(people.userName(seller), Principals.PASSWORD);
            browser.open("/app/account");
            click(browser, By.id("new-view"));
            browser.find(By.id("view-name")).sendKeys(name);
            // a condition on a number field (its operators arrive by htmx), another on a date typed the wrong way
            new Select(browser.find(By.id("c1-attribute"))).selectByValue("revenue");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//select[@id='c1-operator']/option[@value='GREATER_EQUAL']")));
            browser.find(By.id("c1-value")).sendKeys("100");
            new Select(browser.find(By.id("c2-attribute"))).selectByValue("createdon");
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//select[@id='c2-operator']/option[@value='ON']")));
            new Select(browser.find(By.id("c2-operator"))).selectByValue("ON");
            browser.find(By.id("c2-value")).sendKeys("31/12/2026");
            // what the editor's lists never offer, sent as a tampered form would: an unknown column, a width out of
            // range, an unknown sort attribute and an operator a number does not have
            browser.driver().executeScript("var f = document.getElementById('view-editor'); f.noValidate = true;"
                    + "f.querySelector('[name=columns]').value += ',nosuchcolumn';"
                    + "function force(id, value) { var s = document.getElementById(id);"
                    + "  var o = document.createElement('option'); o.value = value; o.text = value; s.appendChild(o);"
                    + "  s.value = value; }"
                    + "force('width-name', '5000'); force('sort1', 'nosuchsort'); force('c1-operator', 'BEGINS_WITH');");
            List<String> expected = List.of("Choose one of the offered widths for Account Name.",
                    "The field nosuchcolumn does not exist or cannot be shown in a list.",
                    "The field nosuchsort does not exist or cannot be shown in a list.",
                    "Condition 2: choose an operator that Annual Revenue offers.",
                    "Condition 3: “31/12/2026” is not a valid value for Created On.");

            // the preview (htmx) answers 422 with every problem, each linked to its input
            click(browser, By.id("preview-view"));
            WebElement previewProblems = browser.find(By.id("preview-problems"));
            assertThat(texts(previewProblems.findElements(By.tagName("li")))).containsExactlyElementsOf(expected);
            assertThat(status(browser, "/app/account/views/preview")).isEqualTo(422);
            assertThat(browser.driver().findElements(By.id("preview-table"))).isEmpty();

            // Save (a plain form post) answers 422: the summary has the focus and lists every problem, each input
            // shows its own, the conditions come back as they were typed, and nothing is saved
            WebElement editor = browser.find(By.id("view-editor"));
            click(browser, By.id("save-view"));
            browser.waitUntil(Browser.gone(editor));
            WebElement summary = browser.find(By.id("view-editor-problems"));
            assertThat(status(browser, null)).isEqualTo(422);
            assertThat(texts(summary.findElements(By.tagName("li")))).containsExactlyElementsOf(expected);
            assertThat(summary.findElements(By.tagName("a")).stream().map(a -> a.getAttribute("hash")).toList())
                    .containsExactly("#width-name", "#view-columns", "#sort1", "#c1-operator", "#c2-value");
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("view-editor-problems");
            Map<String, String> perField = new LinkedHashMap<>();
            for (String id : List.of("width-name", "view-columns", "sort1", "c1-operator", "c2-value")) {
                perField.put(id, browser.find(By.id("err-" + id)).getText());
            }
            assertThat(perField.values()).containsExactlyElementsOf(expected);
            for (String id : List.of("width-name", "sort1", "c1-operator", "c2-value")) {
                assertThat(browser.find(By.id(id)).getAttribute("aria-invalid")).as(id).isEqualTo("true");
                assertThat(browser.find(By.id(id)).getAttribute("aria-describedby")).as(id).isEqualTo("err-" + id);
            }
            assertThat(browser.find(By.id("view-name")).getAttribute("aria-invalid")).isNull();
            assertThat(new Select(browser.find(By.id("c1-attribute"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("revenue");
            assertThat(new Select(browser.find(By.id("c1-operator"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("BEGINS_WITH");
            assertThat(browser.find(By.id("c1-value")).getAttribute("value")).isEqualTo("100");
            assertThat(browser.find(By.id("c2-value")).getAttribute("value")).isEqualTo("31/12/2026");
            assertThat(browser.find(By.id("view-name")).getAttribute("value")).isEqualTo(name);
            assertThat(personalViews(name)).as("nothing is saved").isZero();
            browser.screenshot("view-editor-errors");
            // a summary link puts the cursor in its input
            click(browser, By.linkText(expected.get(4)));
            browser.waitUntil(d -> "c2-value".equals(d.switchTo().activeElement().getAttribute("id")));

            // corrected, the same form saves; then the salesperson edits their own view again
            new Select(browser.find(By.id("c1-operator"))).selectByValue("GREATER_EQUAL");
            clear(browser, By.id("c2-value"), "2020-01-01");
            new Select(browser.find(By.id("c2-operator"))).selectByValue("ON_OR_AFTER");
            click(browser, By.id("save-view"));
            browser.waitUntil(ExpectedConditions.urlContains("view=u-"));
            assertThat(personalViews(name)).isEqualTo(1);
            click(browser, By.id("edit-view"));
            assertThat(browser.find(By.id("view-editor-title")).getText()).isEqualTo("Edit my view: " + name);
            clear(browser, By.id("view-name"), "Mended " + run);
            click(browser, By.id("save-view"));
            browser.waitUntil(ExpectedConditions.urlContains("view=u-"));
            assertThat(new Select(browser.find(By.id("view"))).getFirstSelectedOption().getText())
                    .isEqualTo("Mended " + run);

            // a system view is not the salesperson's to edit: 403, on the page and for a posted save
            browser.open("/app/account/views/edit?view=" + INACTIVE_ACCOUNTS);
            assertThat(status(browser, null)).isEqualTo(403);
            assertThat(browser.find(By.cssSelector("#main .alert-danger")).getText())
                    .isEqualTo("You do not have the privilege to do this.");
            assertThat(browser.driver().findElements(By.id("view-editor"))).isEmpty();
            browser.open("/app/account");
            Object posted = browser.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "var body = new URLSearchParams({key: arguments[0], columns: 'name,createdon'});"
                    + "fetch('/app/account/views/save', {method: 'POST', body: body, headers: {"
                    + "  [document.querySelector('meta[name=_csrf_header]').content]:"
                    + "  document.querySelector('meta[name=_csrf]').content}})"
                    + ".then(r => done(r.status)).catch(e => done(String(e)));", INACTIVE_ACCOUNTS);
            assertThat(posted).isEqualTo(403L);
        }
    }

    @Test
    void theMainPagesFitATabletInThreeLanguages() throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "home");
        pages.put("/app/account", "account-list");
        pages.put("/app/account/" + account, "account-form");
        pages.put("/app/contact", "contact-list");
        pages.put("/app/contact/" + contact, "contact-form");
        pages.put("/app/contact/new", "contact-new");
        pages.put("/app/lead", "lead-list");
        pages.put("/app/lead/" + lead, "lead-form");
        pages.put("/app/opportunity/" + opportunity, "opportunity-form");
        pages.put("/app/activitypointer", "activities");
        pages.put("/app/account/views/new", "view-editor");
        pages.put("/search?q=" + run, "search");
        pages.put("/imports", "imports");
        pages.put("/settings/tokens", "settings-tokens");
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String language : List.of("en-US,en", "es-ES,es", "pt-BR,pt")) {
            String tag = Map.of("en-US,en", "en", "es-ES,es", "es", "pt-BR,pt", "pt-BR").get(language);
            try (Browser browser = Browser.start(port, language)) {
                browser.signIn(people.userName(seller), Principals.PASSWORD);
                browser.driver().manage().window().setSize(new Dimension(820, 1180));
                assertThat(browser.driver().executeScript("return window.innerWidth")).isEqualTo(820L);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    // a layout check: AccessibilityBrowserTest audits the salesperson's pages in three languages,
                    // so only the two it does not open are audited here
                    if (page.getValue().equals("contact-new") || page.getValue().equals("view-editor")) {
                        browser.open(page.getKey());
                    } else {
                        browser.openUnaudited(page.getKey());
                    }
                    browser.find(By.id("main"));
                    browser.awaitLoaded();
                    Long extra = (Long) browser.driver().executeScript(
                            "return document.documentElement.scrollWidth - window.innerWidth");
                    if (extra > 0) {
                        overflow.put(tag + " " + page.getValue(), extra);
                    }
                    browser.screenshot("tablet-" + tag + "-" + page.getValue());
                }
            }
        }
        assertThat(overflow).as("pixels of sideways scrolling at 820×1180").isEmpty();
    }

    /**
     * The HTTP status of the page shown (path null) or of the last request the page made to the path (htmx), as
     * the browser's own timing entries hold it.
     */
    private static long status(Browser browser, String path) {
        Object s = path == null
                ? browser.driver().executeScript("return performance.getEntriesByType('navigation')[0].responseStatus")
                : browser.driver().executeScript("return performance.getEntriesByType('resource')"
                        + ".filter(r => r.name.indexOf(arguments[0]) >= 0).pop().responseStatus", path);
        return ((Number) s).longValue();
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }

    /** The personal views of the given name, read as the administrator. */
    private int personalViews(String name) {
        return organization.retrieveMultiple(QueryExpression.from("userquery").columns(ColumnSet.none())
                .where(Condition.eq("name", name)).build()).entities().size();
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
