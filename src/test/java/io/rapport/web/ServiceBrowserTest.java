package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Customer Service Representative (built-in role only) in a real headless Chromium: creates a case from an
 * account's cases subgrid (linked to it on save), sees its SLA timer, creates two queues on the queue form, adds the
 * case to one with the case form's "Add to queue", finds it among the queue items available to work on, routes it to
 * the other queue and picks it with the list's buttons, finds it among the items they work on, and resolves it in the
 * resolve dialog with the time spent. No step goes around the UI.
 * Screenshots go to target/screenshots/service-*.png.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    private Browser browser;
    private Principals people;
    private UUID csr;
    private String run;

    @BeforeAll
    void start() throws Exception {
        people = new Principals(organization);
        run = people.run();
        csr = people.user("casey", people.businessUnit("Support", people.rootUnit()),
                "Customer Service Representative");
        UUID sla = organization.create(new Entity("sla").set("name", "Browser SLA " + run).set("isdefault", true));
        organization.create(new Entity("slaitem").set("name", "Resolve by").set("slaid",
                new EntityReference("sla", sla)).set("relatedfield", 2).set("failureafter", 480).set("warnafter", 420));
        organization.execute(new SetStateRequest(new EntityReference("sla", sla), 1, 2));
        browser = Browser.start(port, "en-US,en");
        browser.signIn(people.userName(csr), Principals.PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        organization.retrieveMultiple(QueryExpression.from("sla").columns(ColumnSet.none())
                .where(Condition.eq("name", "Browser SLA " + run)).build()).entities()
                .forEach(s -> organization.update(new Entity("sla", s.id()).set("isdefault", false)));
    }

    @Test
    void aCaseIsCreatedFromAnAccountWorkedFromAQueueAndResolved() throws Exception {
        browser.open("/app/account/new");
        type(By.id("f-name"), "Contoso " + run);
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Contoso " + run));
        String accountUrl = browser.driver().getCurrentUrl();

        click(By.cssSelector("#subgrid-incident_customer_accounts .subgrid-new"));
        assertThat(browser.find(By.id("f-customerid")).getAttribute("value")).isEqualTo("Contoso " + run);
        type(By.id("f-title"), "Printer jammed " + run);
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Printer jammed " + run));
        UUID incident = UUID.fromString(browser.driver().getCurrentUrl().replaceAll(".*/", "").replaceAll("\\?.*",
                ""));
        assertThat(browser.find(By.id("f-ticketnumber")).getAttribute("value")).matches("CAS-\\d{5}-[A-Z2-9]{6}");
        assertThat(browser.find(By.id("sla-timers")).getText()).contains("Resolve by").contains("In Progress")
                .contains("min left");
        browser.screenshot("service-01-case-with-sla-timer");
        browser.driver().get(accountUrl);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.id("subgrid-incident_customer_accounts"), "Printer jammed " + run));

        // the queues and the queue work go through the pages and their buttons, as the representative
        newQueue("Support " + run);
        String tier2 = newQueue("Tier 2 " + run);
        browser.open("/app/incident/" + incident);
        new Select(browser.find(By.id("case-add-queue"))).selectByVisibleText("Support " + run);
        submit(By.id("case-add-to-queue"), "The case is added to the queue.");
        assertThat(browser.find(By.cssSelector("#case-queues .case-queue-item")).getText())
                .contains("In queue Support " + run);
        browser.open("/app/queueitem");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                "Printer jammed " + run));
        browser.screenshot("service-02-items-available");
        select("Printer jammed " + run);
        new Select(browser.find(By.id("route-queue"))).selectByVisibleText("Tier 2 " + run);
        submit(By.id("queue-route"), "1 record(s) done.");
        Entity routed = item(incident);
        assertThat(routed.getReference("queueid").id()).isEqualTo(UUID.fromString(tier2));
        assertThat(routed.get("workerid")).isNull();
        select("Printer jammed " + run);
        submit(By.id("queue-pick"), "1 record(s) done.");
        assertThat(item(incident).getReference("workerid").id()).isEqualTo(csr);
        String mine = browser.driver().findElement(By.xpath(
                "//select[@id='view']//option[contains(., 'Items I am working on')]")).getAttribute("value");
        browser.open("/app/queueitem?view=" + mine);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                "Printer jammed " + run));
        browser.screenshot("service-03-items-i-work-on");

        browser.open("/app/incident/" + incident);
        click(By.id("action-resolve"));
        type(By.id("resolve-subject"), "Cleared the paper path");
        type(By.id("resolve-time"), "30");
        click(By.id("confirm-resolve"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("action-reactivate")));
        assertThat(browser.find(By.id("sla-timers")).getText()).contains("Succeeded");
        browser.screenshot("service-04-case-resolved");
        Entity resolved = organization.retrieve("incident", incident, ColumnSet.of("statecode", "statuscode",
                "customerid"));
        assertThat(resolved.getInteger("statecode")).isEqualTo(1);
        assertThat(resolved.getReference("customerid").logicalName()).isEqualTo("account");
        assertThat(organization.retrieveMultiple(QueryExpression.from("incidentresolution").select("timespent")
                .where(Condition.eq("incidentid", incident)).build()).entities()).singleElement()
                .satisfies(r -> assertThat(r.getInteger("timespent")).isEqualTo(30));

        // a resolved case is read-only (issue 20) and offers Reactivate, which makes it editable again
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Resolved");
        assertThat(browser.find(By.id("read-only-notice")).getText())
                .isEqualTo("Read-only: this record's status is Resolved.");
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
        assertThat(browser.find(By.id("f-title")).getTagName()).isEqualTo("div");
        assertThat(browser.driver().findElements(By.id("action-resolve"))).isEmpty();
        assertThat(browser.find(By.id("action-reactivate")).getText()).isEqualTo("Reactivate");
        submit(By.id("action-reactivate"), "Saved.");
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Active");
        assertThat(browser.find(By.id("f-title")).getTagName()).isEqualTo("input");
        assertThat(browser.driver().findElements(By.id("save"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("read-only-notice"))).isEmpty();
        assertThat(organization.retrieve("incident", incident, ColumnSet.of("statecode")).getInteger("statecode"))
                .isEqualTo(0);
    }

    /** Creates a queue on the queue form and answers its id. */
    private String newQueue(String name) {
        browser.open("/app/queue/new");
        type(By.id("f-name"), name);
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), name));
        return browser.driver().getCurrentUrl().replaceAll(".*/", "").replaceAll("\\?.*", "");
    }

    /** Clicks a button that posts the page and waits for the next page's notice. */
    private void submit(By button, String notice) {
        WebElement page = browser.find(By.tagName("html"));
        click(button);
        browser.waitUntil(Browser.gone(page));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                notice));
    }

    /** Ticks the list row showing the given text. */
    private void select(String text) {
        click(By.xpath("//tr[td[contains(., '" + text + "')]]//input[@name='id']"));
    }

    /** The case's one queue item, read as the administrator. */
    private Entity item(UUID incident) {
        return organization.retrieveMultiple(QueryExpression.from("queueitem").select("queueid", "workerid")
                .where(Condition.eq("objectid", incident)).build()).entities().stream().reduce((a, b) -> {
                    throw new AssertionError("The case is in more than one queue");
                }).orElseThrow();
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
