package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.sales.SalesMessages;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 20, "Defects seen": what a new Dynamics user trips over on the first day, each in a real headless Chromium
 * signed in as a salesperson holding only the built-in Salesperson role. Screenshots go to
 * target/screenshots/firstday-*.png.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstDayBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    @Autowired
    io.rapport.metadata.MetadataService metadata;

    private Browser browser;
    private Principals people;
    private UUID seller;
    private OrganizationService asSeller;
    private String run;

    @BeforeAll
    void start() throws Exception {
        people = new Principals(organization);
        run = people.run();
        seller = people.user("sally", people.businessUnit("Sales", people.rootUnit()), "Salesperson");
        asSeller = people.as(seller);
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
    void everyValidationErrorShowsAtOnceInASummaryAndTheTabsHoldingErrorsAreMarked() throws Exception {
        browser.open("/app/account/new");
        browser.find(By.id("tab-details")).click();
        type(By.id("f-numberofemployees"), "-5");
        browser.find(By.id("save")).click();

        WebElement summary = browser.find(By.id("error-summary"));
        assertThat(summary.findElements(By.cssSelector("li")).stream().map(WebElement::getText).toList())
                .containsExactly("Account Name: Account Name is required.",
                        "Number of Employees: Number of Employees must be between 0 and 1,000,000,000.");
        assertThat(summary.findElement(By.cssSelector(".fw-semibold")).getText())
                .isEqualTo("Correct these 2 fields before saving:");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        assertThat(browser.find(By.id("tab-summary")).getAttribute("class")).contains("tab-has-errors", "active");
        assertThat(browser.find(By.id("tab-details")).getAttribute("class")).contains("tab-has-errors")
                .doesNotContain("active");
        assertThat(browser.find(By.cssSelector("#tab-details .tab-error-count")).getText()).isEqualTo("1");
        assertThat(browser.find(By.id("err-name")).getText()).isEqualTo("Account Name is required.");
        assertThat(browser.driver().findElement(By.id("err-numberofemployees")).isDisplayed()).isFalse();
        browser.screenshot("firstday-01-errors-summary");

        // the error on the other tab is one click away and then in view, with the cursor in its field
        summary.findElement(By.partialLinkText("Number of Employees")).click();
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("err-numberofemployees")));
        assertThat(browser.find(By.id("err-numberofemployees")).getText())
                .isEqualTo("Number of Employees must be between 0 and 1,000,000,000.");
        browser.waitUntil(d -> "f-numberofemployees".equals(browser.driver().switchTo().activeElement()
                .getAttribute("id")));
        assertThat(browser.find(By.id("f-numberofemployees")).getAttribute("value")).isEqualTo("-5");
        browser.screenshot("firstday-02-error-on-other-tab");

        // corrected, it saves
        type(By.id("f-numberofemployees"), "40");
        browser.find(By.id("tab-summary")).click();
        type(By.id("f-name"), "Fabrikam " + run);
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Fabrikam " + run));
        assertThat(browser.driver().findElements(By.id("error-summary"))).isEmpty();
    }

    @Test
    void aDisqualifiedLeadIsReadOnlyWithReactivateAndItsProcessStoppedAtQualify() throws Exception {
        UUID lead = asSeller.create(new Entity("lead").set("subject", "Disqualified " + run).set("lastname",
                "Dee " + run));
        asSeller.execute(new SetStateRequest(new EntityReference("lead", lead), 2, -1));
        browser.open("/app/lead/" + lead);
        assertThat(browser.find(By.id("read-only-notice")).getText())
                .isEqualTo("Read-only: this record's status is Disqualified.");
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
        assertThat(browser.find(By.id("f-subject")).getTagName()).isEqualTo("div");
        List<WebElement> stages = browser.driver().findElements(By.cssSelector("#process-bar .process-stage"));
        assertThat(stages.get(0).getText()).isEqualTo("Qualify");
        assertThat(stages.get(0).getAttribute("class")).contains("stopped").doesNotContain("done");
        assertThat(browser.driver().findElements(By.cssSelector("#process-bar .process-stage.done"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("action-qualify"))).isEmpty();
        assertThat(browser.find(By.id("reopen")).getText()).isEqualTo("Reactivate Lead");
        browser.screenshot("firstday-03-disqualified-lead");

        click(By.id("reopen"));
        browser.find(By.id("save"));
        assertThat(browser.driver().findElements(By.id("reopen"))).isEmpty();
        assertThat(browser.find(By.id("f-subject")).getTagName()).isEqualTo("input");
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Open");
        assertThat(browser.driver().findElements(By.cssSelector("#process-bar .process-stage.stopped"))).isEmpty();
        assertThat(organization.retrieve("lead", lead, ColumnSet.of("statecode")).getInteger("statecode"))
                .isEqualTo(0);
    }

    @Test
    void aLostOpportunityReopensAndAnInactiveAccountActivates() throws Exception {
        UUID account = asSeller.create(new Entity("account").set("name", "Closed Co " + run));
        UUID opportunity = asSeller.create(new Entity("opportunity").set("name", "Lost deal " + run)
                .set("customerid", new EntityReference("account", account)));
        asSeller.execute(new ActionRequest(SalesMessages.LOSE_OPPORTUNITY, Map.of(SalesMessages.OPPORTUNITY_CLOSE,
                new Entity("opportunityclose").set("opportunityid", new EntityReference("opportunity", opportunity)),
                SalesMessages.STATUS, 4)));
        browser.open("/app/opportunity/" + opportunity);
        assertThat(browser.find(By.id("read-only-notice")).getText())
                .isEqualTo("Read-only: this record's status is Lost.");
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
        assertThat(browser.find(By.id("reopen")).getText()).isEqualTo("Reopen Opportunity");
        browser.screenshot("firstday-04-lost-opportunity");
        click(By.id("reopen"));
        browser.find(By.id("save"));
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Open");
        assertThat(browser.find(By.id("f-name")).getTagName()).isEqualTo("input");

        asSeller.execute(new SetStateRequest(new EntityReference("account", account), 1, -1));
        browser.open("/app/account/" + account);
        assertThat(browser.find(By.id("read-only-notice")).getText())
                .isEqualTo("Read-only: this record's status is Inactive.");
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
        assertThat(browser.find(By.id("f-name")).getTagName()).isEqualTo("div");
        assertThat(browser.find(By.id("toggle-state")).getText()).isEqualTo("Activate");
        click(By.id("toggle-state"));
        browser.find(By.id("save"));
        assertThat(browser.find(By.id("f-name")).getTagName()).isEqualTo("input");
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Active");

        UUID contact = asSeller.create(new Entity("contact").set("firstname", "Ina").set("lastname", "Active " + run));
        asSeller.execute(new SetStateRequest(new EntityReference("contact", contact), 1, -1));
        browser.open("/app/contact/" + contact);
        assertThat(browser.find(By.id("read-only-notice")).getText())
                .isEqualTo("Read-only: this record's status is Inactive.");
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
        assertThat(browser.find(By.id("f-lastname")).getTagName()).isEqualTo("div");
        assertThat(browser.find(By.id("toggle-state")).getText()).isEqualTo("Activate");
        click(By.id("toggle-state"));
        browser.find(By.id("save"));
        assertThat(browser.find(By.id("f-lastname")).getTagName()).isEqualTo("input");
        assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Active");
        assertThat(organization.retrieve("contact", contact, ColumnSet.of("statecode")).getInteger("statecode"))
                .isEqualTo(0);
    }

    @Test
    void aQualifiedLeadsOpportunityHasTheNewContactAndTheAccountShowsWonRevenueAndStatus() throws Exception {
        UUID lead = asSeller.create(new Entity("lead").set("subject", "Laptops " + run).set("firstname", "Peter")
                .set("lastname", "Parker " + run).set("companyname", "Wipro " + run)
                .set("estimatedamount", new BigDecimal("60000")));
        List<Entity> created = ((EntityCollection) asSeller.execute(new ActionRequest(SalesMessages.QUALIFY_LEAD,
                new EntityReference("lead", lead), Map.of(SalesMessages.CREATE_ACCOUNT, true,
                        SalesMessages.CREATE_CONTACT, true, SalesMessages.CREATE_OPPORTUNITY, true,
                        SalesMessages.STATUS, 3))).output(SalesMessages.CREATED_ENTITIES)).entities();
        UUID account = created.get(0).id();
        UUID opportunity = created.get(2).id();

        browser.open("/app/lead/" + lead);
        List<WebElement> stages = browser.driver().findElements(By.cssSelector("#process-bar .process-stage"));
        assertThat(stages.get(0).getAttribute("class")).contains("done");
        browser.open("/app/opportunity/" + opportunity);
        assertThat(browser.find(By.id("f-parentcontactid")).getAttribute("value")).isEqualTo("Peter Parker " + run);
        assertThat(browser.find(By.id("f-parentaccountid")).getAttribute("value")).isEqualTo("Wipro " + run);

        asSeller.execute(new ActionRequest(SalesMessages.WIN_OPPORTUNITY, Map.of(SalesMessages.OPPORTUNITY_CLOSE,
                new Entity("opportunityclose").set("opportunityid", new EntityReference("opportunity", opportunity))
                        .set("actualrevenue", new BigDecimal("55000")), SalesMessages.STATUS, 3)));
        browser.open("/app/account/" + account);
        assertThat(browser.find(By.id("f-wonrevenue")).getText()).isEqualTo("$55,000.00");
        assertThat(browser.find(By.id("f-openrevenue")).getText()).isEqualTo("$0.00");
        assertThat(browser.find(By.id("f-opendeals")).getText()).isEqualTo("0");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.id("subgrid-opportunity_customer_accounts"), "Laptops " + run));
        WebElement grid = browser.find(By.id("subgrid-opportunity_customer_accounts"));
        assertThat(grid.findElements(By.cssSelector("th")).stream().map(WebElement::getText).toList())
                .last().isEqualTo("Status");
        assertThat(grid.findElement(By.cssSelector("tbody tr")).findElements(By.cssSelector("td")).stream()
                .map(WebElement::getText).toList()).last().isEqualTo("Won");
        assertThat(grid.getText()).doesNotContain("Develop").doesNotContain("Qualify");
        browser.screenshot("firstday-05-account-rollups");
    }

    @Test
    void activitiesNewOffersTheTypesAndTheListShowsTypeRegardingDueAndStatus() throws Exception {
        UUID account = asSeller.create(new Entity("account").set("name", "Activity Co " + run));
        browser.open("/app/activitypointer");
        click(By.id("new-record"));
        assertThat(browser.find(By.id("activity-types")).findElements(By.tagName("a")).stream()
                .map(a -> a.getAttribute("id")).toList())
                .containsExactly("new-task", "new-email", "new-phonecall", "new-appointment", "new-campaignactivity",
                        "new-campaignresponse", "new-fax", "new-letter");
        browser.screenshot("firstday-06-new-activity-types");
        click(By.id("new-phonecall"));
        assertThat(browser.find(By.id("record-entity")).getText()).isEqualTo("Phone Call");
        type(By.id("f-subject"), "Call about renewal " + run);
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Call about renewal " + run));
        click(By.id("mark-complete"));
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Completed"));
        assertThat(browser.driver().findElements(By.id("mark-complete"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();

        UUID task = asSeller.create(new Entity("task").set("subject", "Send the brochure " + run)
                .set("regardingobjectid", new EntityReference("account", account)));
        browser.open("/app/activitypointer?q=*" + run);
        List<String> headers = browser.driver().findElements(By.cssSelector(".list-table thead tr:first-child th"))
                .stream().map(WebElement::getText).toList();
        assertThat(headers).containsSubsequence("Subject", "Activity Type", "Regarding", "Due Date", "Activity Status");
        WebElement taskRow = browser.find(By.cssSelector("tr[data-id='" + task + "']"));
        assertThat(taskRow.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .contains("Task", "Activity Co " + run, "Open");
        assertThat(taskRow.findElement(By.linkText("Send the brochure " + run)).getAttribute("href"))
                .endsWith("/app/task/" + task);
        assertThat(browser.driver().findElements(By.xpath("//tr[td//a[text()='Call about renewal " + run
                + "']]/td")).stream().map(WebElement::getText).toList()).contains("Phone Call", "Completed");
        browser.screenshot("firstday-07-activities-list");
        browser.open("/app/task/" + task);
        assertThat(browser.find(By.id("mark-complete")).getText()).isEqualTo("Mark Complete");
        click(By.id("mark-complete"));
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Completed"));
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();

        java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        UUID appointment = asSeller.create(new Entity("appointment").set("subject", "Demo " + run)
                .set("scheduledstart", start).set("scheduledend", start.plus(java.time.Duration.ofHours(1))));
        browser.open("/app/appointment/" + appointment);
        assertThat(browser.find(By.id("mark-complete")).getText()).isEqualTo("Mark Complete");
        click(By.id("mark-complete"));
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Completed"));
        assertThat(browser.driver().findElements(By.id("mark-complete"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
        // the e-mail quick create (From, To and Cc) is driven in MailBrowserTest, where the user has a mailbox
    }

    @Test
    void theServiceAndMarketingAreasOpenTheirOwnPagesAndTheHighlightFollows() throws Exception {
        browser.open("/");
        click(By.id("area-service"));
        // Service opens at its dashboard, with its own entities in the side bar (not Companies and Leads)
        browser.waitUntil(ExpectedConditions.urlContains("/areas/service"));
        assertThat(browser.find(By.id("area-service")).getAttribute("class")).contains("active");
        assertThat(browser.find(By.id("area-sales")).getAttribute("class")).doesNotContain("active");
        assertThat(sidebarEntities()).startsWith("incident", "queueitem", "queue").doesNotContain("lead");
        click(By.cssSelector("#sidebar a[href='/app/account?area=service']"));
        browser.waitUntil(ExpectedConditions.urlContains("/app/account?area=service"));
        assertThat(browser.find(By.id("area-service")).getAttribute("class")).contains("active");
        // a record opened from there stays in the area; a page the area does not list moves to its own
        browser.open("/app/account");
        assertThat(browser.find(By.id("area-service")).getAttribute("class")).contains("active");
        browser.open("/app/lead");
        assertThat(browser.find(By.id("area-sales")).getAttribute("class")).contains("active");
        browser.screenshot("firstday-08-service-area");

        click(By.id("area-marketing"));
        // the marketing module fills the area: it opens at its marketing lists, its side bar lists its own pages
        browser.waitUntil(ExpectedConditions.urlContains("/app/list?area=marketing"));
        assertThat(browser.find(By.id("list-title")).getText()).isEqualTo("Marketing Lists");
        assertThat(browser.find(By.id("area-marketing")).getAttribute("class")).contains("active");
        assertThat(browser.find(By.id("area-sales")).getAttribute("class")).doesNotContain("active");
        assertThat(browser.find(By.id("area-service")).getAttribute("class")).doesNotContain("active");
        assertThat(sidebarEntities()).containsExactly("list", "campaign", "campaignresponse", "lead", "contact");
        browser.screenshot("firstday-09-marketing-area");
    }

    @Test
    void signInCardIsNarrowTheAddressAfterSignInIsPlainAndTheFaviconIsServed() throws Exception {
        try (Browser other = Browser.start(port, "en-US,en")) {
            other.open("/app/account");
            other.find(By.id("username"));
            int width = other.find(By.cssSelector("main.login-card")).getSize().getWidth();
            assertThat(width).isEqualTo(384);
            other.screenshot("firstday-10-sign-in");
            other.find(By.id("username")).sendKeys(people.userName(seller));
            other.driver().findElement(By.id("password")).sendKeys(Principals.PASSWORD);
            other.driver().findElement(By.cssSelector("button[type=submit]")).click();
            other.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("global-search")));
            assertThat(other.driver().getCurrentUrl()).isEqualTo("http://localhost:" + port + "/app/account");
        }
        java.net.http.HttpResponse<byte[]> icon = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/favicon.ico"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/x-icon");
        assertThat(icon.body()).startsWith(0, 0, 1, 0);
    }

    @Test
    void connectionsShowOnceUnderDynamicsLabelsAndTheFormHasOneConnectedTo() throws Exception {
        UUID anne = asSeller.create(new Entity("contact").set("firstname", "Anne").set("lastname", "From " + run));
        UUID bob = asSeller.create(new Entity("contact").set("firstname", "Bob").set("lastname", "To " + run));
        asSeller.create(new Entity("connection").set("record1id", new EntityReference("contact", anne))
                .set("record2id", new EntityReference("contact", bob)));
        browser.open("/app/contact/" + anne);
        List<String> related = browser.driver().findElements(By.cssSelector(".related .subgrid h3")).stream()
                .map(WebElement::getText).toList();
        // a salesperson reads no cases: that list is not on the form (it used to stay "Loading…")
        assertThat(related).containsExactly("Opportunities", "Quotes", "Orders", "Invoices",
                "Connections");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.id("subgrid-contact_connections1"), "Bob To " + run));
        WebElement grid = browser.find(By.id("subgrid-contact_connections1"));
        List<String> headers = grid.findElements(By.tagName("th")).stream().map(WebElement::getText).toList();
        assertThat(headers).doesNotHaveDuplicates().contains("Connected To");
        assertThat(grid.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        browser.screenshot("firstday-11-connections");
        browser.open("/app/account/" + asSeller.create(new Entity("account").set("name", "Relations " + run)));
        assertThat(browser.driver().findElements(By.cssSelector(".related .subgrid h3")).stream()
                .map(WebElement::getText).toList()).contains("Contacts", "Connections", "Sub-Accounts")
                .noneMatch(label -> label.contains("("));

        browser.open("/app/connection/new");
        List<String> labels = browser.driver().findElements(By.cssSelector("#record-form label")).stream()
                .map(WebElement::getText).toList();
        assertThat(labels.stream().filter(l -> l.startsWith("Connected To")).count()).isEqualTo(1);
        assertThat(browser.find(By.id("record-form")).getText()).doesNotContain("Reciprocal");
    }

    @Test
    void theImportWizardOffersOnlyWhatAUserImports() throws Exception {
        browser.open("/imports");
        List<String> targets = browser.find(By.id("import-entity")).findElements(By.tagName("option")).stream()
                .map(WebElement::getText).toList();
        assertThat(targets).contains("Accounts", "Contacts", "Leads", "Opportunities", "Products")
                .doesNotContain("Attribute Maps", "Field Permissions", "Forms", "Security Roles", "Views",
                        "Activity Parties", "Activities", "System Jobs");
    }

    @Test
    void theColumnsAppliedAreThereOnTheNextVisit() throws Exception {
        browser.open("/app/contact");
        click(By.id("choose-columns"));
        click(By.id("col-jobtitle"));
        click(By.id("apply-columns"));
        browser.waitUntil(ExpectedConditions.urlContains("cols="));
        browser.open("/app/account");
        browser.open("/app/contact");
        assertThat(browser.driver().findElements(By.cssSelector(".list-table thead tr:first-child th")).stream()
                .map(WebElement::getText).toList()).contains("Job Title");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/app/contact");
    }

    @Test
    void aDuplicateIsReportedOnceInPlainWords() throws Exception {
        asSeller.create(new Entity("account").set("name", "Twin " + run));
        browser.open("/app/account/new");
        type(By.id("f-name"), "Twin " + run);
        browser.find(By.id("save")).click();
        WebElement found = browser.find(By.id("duplicates-found"));
        assertThat(found.findElements(By.tagName("li")).stream().map(WebElement::getText).toList())
                .containsExactly("Twin " + run + " (Account)");
        assertThat(browser.driver().findElements(By.id("form-error"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("error-summary"))).isEmpty();
        assertThat(browser.find(By.tagName("main")).getText()).doesNotContain("account '");
        click(By.id("ignore-duplicates"));
        browser.find(By.id("save")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("record-title"), "Twin " + run));
    }

    @Test
    void atTabletWidthTheSideBarCollapsesListsKeepTheirFirstColumnAndLongValuesWrap() throws Exception {
        String longName = "Unbroken" + "x".repeat(140) + run;
        asSeller.create(new Entity("account").set("name", longName).set("websiteurl",
                "https://example.com/" + "y".repeat(150)));
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        try {
            browser.open("/app/account?q=" + longName + "&cols=name,websiteurl,telephone1,emailaddress1,"
                    + "address1_city,industrycode,revenue,numberofemployees,createdon,modifiedon");
            assertThat(browser.driver().findElement(By.id("sidebar")).isDisplayed()).isFalse();
            assertThat(browser.find(By.id("sidebar-toggle")).isDisplayed()).isTrue();
            WebElement cell = browser.find(By.cssSelector(".list-table tbody tr td:nth-child(2)"));
            assertThat(cell.getCssValue("position")).isEqualTo("sticky");
            assertThat(cell.getSize().getWidth()).isLessThanOrEqualTo(400);
            Object scrolls = browser.driver().executeScript("var t = document.querySelector('.table-responsive');"
                    + "return t.scrollWidth > t.clientWidth;");
            assertThat(scrolls).isEqualTo(true);
            Object bodyOverflow = browser.driver().executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth;");
            assertThat(bodyOverflow).isEqualTo(true);
            browser.screenshot("firstday-12-tablet-list");
            click(By.id("sidebar-toggle"));
            browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("sidebar")));
            browser.screenshot("firstday-13-tablet-menu");
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        }
    }

    @Test
    void inSpanishAndPortugueseChartsUseTheirNumbersCountsStepByOneAndSystemSubjectsAreTranslated() throws Exception {
        UUID account = asSeller.create(new Entity("account").set("name", "Gráficos " + run));
        asSeller.create(new Entity("opportunity").set("name", "Grande " + run).set("estimatedvalue",
                new BigDecimal("1500000")).set("customerid", new EntityReference("account", account)));
        UUID lost = asSeller.create(new Entity("opportunity").set("name", "Perdida " + run)
                .set("customerid", new EntityReference("account", account)));
        UUID lostPt = asSeller.create(new Entity("opportunity").set("name", "Perdida pt " + run)
                .set("customerid", new EntityReference("account", account)));
        asSeller.create(new Entity("task").set("subject", "Una tarea " + run));
        try {
            browser.open("/");
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("language"))).selectByValue("es");
            browser.waitUntil(d -> "es".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            browser.waitUntil(d -> Boolean.TRUE.equals(browser.driver().executeScript(
                    "return !!(window.Chart && Chart.getChart(document.querySelector('#chart-pipeline canvas')));")));
            @SuppressWarnings("unchecked")
            List<String> money = (List<String>) browser.driver().executeScript("return Chart.getChart("
                    + "document.querySelector('#chart-pipeline canvas')).scales.y.ticks.map(t => t.label);");
            assertThat(money).anyMatch(l -> l.matches("\\d{1,3}(\\.\\d{3})+")).noneMatch(l -> l.contains(","));
            @SuppressWarnings("unchecked")
            List<String> counts = (List<String>) browser.driver().executeScript("return Chart.getChart("
                    + "document.querySelector('#chart-activities canvas')).scales.y.ticks.map(t => t.label);");
            assertThat(counts).isNotEmpty().allMatch(l -> l.matches("\\d+"));
            browser.screenshot("firstday-14-dashboard-es");

            browser.open("/app/opportunity/" + lost);
            click(By.id("action-lose"));
            click(By.id("confirm-lose"));
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
            assertThat(browser.find(By.id("reopen")).getText()).isEqualTo("Volver a abrir oportunidad");
            Entity close = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("opportunityclose")
                    .select("subject").where(io.rapport.query.Condition.eq("opportunityid", lost)).build())
                    .entities().get(0);
            assertThat(close.getString("subject")).isEqualTo("Oportunidad perdida: Perdida " + run);

            new org.openqa.selenium.support.ui.Select(browser.find(By.id("language"))).selectByValue("pt-BR");
            browser.waitUntil(d -> "pt-BR".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
            browser.open("/");
            browser.waitUntil(d -> Boolean.TRUE.equals(browser.driver().executeScript(
                    "return !!(window.Chart && Chart.getChart(document.querySelector('#chart-pipeline canvas'))"
                    + " && Chart.getChart(document.querySelector('#chart-activities canvas')));")));
            @SuppressWarnings("unchecked")
            List<String> reais = (List<String>) browser.driver().executeScript("return Chart.getChart("
                    + "document.querySelector('#chart-pipeline canvas')).scales.y.ticks.map(t => t.label);");
            assertThat(reais).anyMatch(l -> l.matches("\\d{1,3}(\\.\\d{3})+")).noneMatch(l -> l.contains(","));
            @SuppressWarnings("unchecked")
            List<String> countsPt = (List<String>) browser.driver().executeScript("return Chart.getChart("
                    + "document.querySelector('#chart-activities canvas')).scales.y.ticks.map(t => t.label);");
            assertThat(countsPt).isNotEmpty().allMatch(l -> l.matches("\\d+"));
            browser.screenshot("firstday-15-dashboard-pt-BR");
            browser.open("/app/opportunity/" + lostPt);
            click(By.id("action-lose"));
            click(By.id("confirm-lose"));
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
            assertThat(browser.find(By.id("reopen")).getText()).isEqualTo("Reabrir Oportunidade");
            Entity closePt = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("opportunityclose")
                    .select("subject").where(io.rapport.query.Condition.eq("opportunityid", lostPt)).build())
                    .entities().get(0);
            assertThat(closePt.getString("subject")).isEqualTo("Oportunidade Perdida: Perdida pt " + run);
        } finally {
            new org.openqa.selenium.support.ui.Select(browser.find(By.id("language"))).selectByValue("en");
            browser.waitUntil(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        }
    }

    /** The entities the side bar links to, in order (from the links' addresses /app/{entity}?area=...). */
    @SuppressWarnings("unchecked")
    private List<String> sidebarEntities() {
        browser.find(By.id("sidebar"));
        return (List<String>) browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#sidebar a[href^=\"/app/\"]')).map(a => a.getAttribute('href').replace(/^\\/app\\/([^/?]+).*$/, '$1'))");
    }

    private void pick(String inputId, String text) {
        type(By.id(inputId), text);
        String results = browser.find(By.id(inputId)).getAttribute("aria-controls");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id(results), text));
        // htmx may swap the suggestions while we click: a stale one is looked up again and clicked
        browser.waitUntil(d -> {
            d.findElement(By.cssSelector("#" + results + " .lookup-result")).click();
            return true;
        });
        browser.waitUntil(d -> !d.findElement(By.id(inputId))
                .findElement(By.xpath("preceding-sibling::input[@class='lookup-value']")).getAttribute("value")
                .isEmpty());
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
