package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
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
import io.rapport.web.internal.list.GridBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Marketing Professional (built-in role only) in a real headless Chromium: adds a marketing list to a campaign in
 * the add-list dialog, distributes a phone campaign activity to the list's members, sees the campaign on a member
 * account's form, and converts a response into a lead that keeps the campaign; and runs a quick campaign over a
 * filtered view of accounts ("all pages" of the view with its quick find and column filter, more rows than one page holds),
 * watches the progress bar to the end, and finds exactly one phone call per eligible account (the one that opted out
 * of phone calls logged, the accounts outside the filter untouched), then sees the campaign and the call on an
 * account's form. Screenshots go to target/screenshots/campaign-*.png and quick-campaign-*.png.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignsBrowserTest {

    /** More eligible accounts than one list page holds, so that "all pages" differs from "this page". */
    static final int ELIGIBLE = GridBuilder.PAGE_SIZE + 7;

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    private Browser browser;
    private OrganizationService marketer;
    private String run;

    @BeforeAll
    void start() throws Exception {
        Principals people = new Principals(organization);
        run = people.run();
        UUID user = people.user("maria", people.businessUnit("Marketing", people.rootUnit()), "Marketing Professional");
        marketer = people.as(user);
        browser = Browser.start(port, "en-US,en");
        browser.signIn(people.userName(user), Principals.PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aMarketerTargetsAListDistributesCallsAndConvertsAResponse() throws Exception {
        UUID account = marketer.create(new Entity("account").set("name", "Fabrikam " + run)
                .set("telephone1", "+1 555 0199"));
        UUID list = marketer.create(new Entity("list").set("listname", "Trade fair visitors " + run)
                .set("createdfromcode", 1));
        marketer.create(new Entity("listmember").set("listid", new EntityReference("list", list))
                .set("entityid", new EntityReference("account", account)));
        UUID campaign = marketer.create(new Entity("campaign").set("name", "Spring launch " + run).set("typecode", 3));

        browser.open("/app/campaign/" + campaign);
        click(By.id("action-add-list"));
        new Select(browser.find(By.id("add-list-id"))).selectByVisibleText("Trade fair visitors " + run);
        click(By.id("confirm-add-list"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("subgrid-campaign_campaignitems")));
        assertThat(marketer.retrieveMultiple(QueryExpression.from("campaignitem").select("entityid")
                .where(Condition.eq("campaignid", campaign)).build()).entities()).singleElement()
                .satisfies(i -> assertThat(i.getReference("entityid").id()).isEqualTo(list));
        browser.screenshot("campaign-01-list-added");

        UUID calls = marketer.create(new Entity("campaignactivity").set("subject", "Invite by phone " + run)
                .set("channeltypecode", 1).set("regardingobjectid", new EntityReference("campaign", campaign)));
        browser.open("/app/campaignactivity/" + calls);
        click(By.id("action-distribute"));
        click(By.id("confirm-distribute"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.id("subgrid-CampaignActivity_Phonecalls"), "Invite by phone " + run));
        browser.screenshot("campaign-02-distributed");
        assertThat(marketer.retrieveMultiple(QueryExpression.from("phonecall").select("phonenumber")
                .where(Condition.eq("regardingobjectid", calls)).build()).entities()).singleElement()
                .satisfies(c -> assertThat(c.getString("phonenumber")).isEqualTo("+1 555 0199"));

        browser.open("/app/account/" + account);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-campaigns"),
                "Spring launch " + run));
        browser.screenshot("campaign-03-account-campaigns");

        UUID response = marketer.create(new Entity("campaignresponse").set("subject", "Wants a demo " + run)
                .set("regardingobjectid", new EntityReference("campaign", campaign)).set("responsecode", 1)
                .set("firstname", "Nora").set("lastname", "Demo " + run).set("companyname", "Northwind " + run));
        browser.open("/app/campaignresponse/" + response);
        click(By.id("action-convert"));
        click(By.id("confirm-convert"));
        browser.waitUntil(ExpectedConditions.urlContains("/app/lead/"));
        UUID lead = UUID.fromString(browser.driver().getCurrentUrl().replaceAll(".*/", "").replaceAll("\\?.*", ""));
        browser.screenshot("campaign-04-response-converted");
        Entity made = marketer.retrieve("lead", lead, ColumnSet.of("campaignid", "relatedobjectid", "lastname"));
        assertThat(made.getReference("campaignid").id()).isEqualTo(campaign);
        assertThat(made.getString("lastname")).isEqualTo("Demo " + run);
        assertThat(marketer.retrieve("campaignresponse", response, ColumnSet.of("statecode")).getInteger("statecode"))
                .isEqualTo(1);
    }

    @Test
    void aQuickCampaignOverAllPagesOfAFilteredViewCreatesOneCallPerEligibleAccount() throws Exception {
        Set<UUID> eligible = new HashSet<>();
        for (int i = 0; i < ELIGIBLE; i++) {
            eligible.add(marketer.create(new Entity("account").set("name", String.format("Porto %s %02d", run, i))
                    .set("address1_city", "Porto")));
        }
        UUID optedOut = marketer.create(new Entity("account").set("name", "Porto " + run + " no calls")
                .set("address1_city", "Porto").set("donotphone", true));
        List<UUID> elsewhere = List.of(
                marketer.create(new Entity("account").set("name", "Lisbon " + run).set("address1_city", "Lisbon")),
                marketer.create(new Entity("account").set("name", "Faro " + run).set("address1_city", "Faro")));
        UUID closed = marketer.create(new Entity("account").set("name", "Porto " + run + " closed")
                .set("address1_city", "Porto"));
        marketer.execute(new SetStateRequest(new EntityReference("account", closed), 1, 2));

        // one account is on a list that a campaign targets: its form shows that campaign
        UUID first = eligible.iterator().next();
        UUID list = marketer.create(new Entity("list").set("listname", "Porto visitors " + run)
                .set("createdfromcode", 1));
        marketer.execute(new ActionRequest("AddMemberList", new EntityReference("list", list),
                Map.of("EntityId", first)));
        UUID campaign = marketer.create(new Entity("campaign").set("name", "Porto fair " + run));
        marketer.execute(new ActionRequest("AddItemCampaign", Map.of("CampaignId", campaign, "EntityId", list,
                "EntityName", "list")));

        browser.open("/app/account?q=" + enc("*" + run) + "&f.address1_city=Porto");
        browser.waitUntil(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-id]"),
                GridBuilder.PAGE_SIZE));
        click(By.id("quick-campaign-all"));
        assertThat(browser.find(By.id("quick-campaign-scope")).getText())
                .isEqualTo("All Accounts of the view, on all pages, with its filters");
        browser.find(By.id("qc-name")).sendKeys("Porto calls " + run);
        new Select(browser.find(By.id("qc-activity"))).selectByValue("phonecall");
        browser.find(By.id("qc-subject")).sendKeys("Invite to the Porto fair " + run);
        browser.find(By.id("qc-duration")).sendKeys("10");
        click(By.id("start-quick-campaign"));

        browser.waitUntil(ExpectedConditions.urlContains("/marketing/quickcampaigns/"));
        List<Integer> seen = new ArrayList<>();
        // the job runs in the background: on a loaded machine it takes longer than the browser's usual wait
        new WebDriverWait(browser.driver(), Duration.ofSeconds(180))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            WebElement bar = d.findElement(By.id("quick-campaign-bar"));
            int percent = Integer.parseInt(bar.getAttribute("aria-valuenow"));
            if (seen.isEmpty() || seen.get(seen.size() - 1) != percent) {
                seen.add(percent);
            }
            return percent == 100 && "Completed".equals(d.findElement(By.id("quick-campaign-status")).getText());
        });
        assertThat(seen).as("the bar only moves forward").isSorted();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(100);
        assertThat(browser.find(By.id("count-total")).getText()).isEqualTo(Integer.toString(ELIGIBLE + 1));
        assertThat(browser.find(By.id("count-created")).getText()).isEqualTo(Integer.toString(ELIGIBLE));
        assertThat(browser.find(By.id("count-failed")).getText()).isEqualTo("1");
        assertThat(browser.find(By.id("quick-campaign-log")).getText())
                .contains("Porto " + run + " no calls")
                .contains("Skipped: the account's preferences do not allow phone calls (donotphone).");
        browser.screenshot("quick-campaign-01-result");

        List<Entity> calls = marketer.retrieveMultiple(QueryExpression.from("phonecall")
                .select("regardingobjectid", "scheduleddurationminutes")
                .where(Condition.eq("subject", "Invite to the Porto fair " + run)).build()).entities();
        assertThat(calls).hasSize(ELIGIBLE);
        assertThat(calls).extracting(c -> c.getReference("regardingobjectid").id())
                .containsExactlyInAnyOrderElementsOf(eligible).doesNotContain(optedOut, closed)
                .doesNotContainAnyElementsOf(elsewhere);
        assertThat(calls).allSatisfy(c -> assertThat(c.getInteger("scheduleddurationminutes")).isEqualTo(10));

        browser.open("/app/account/" + first);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-campaigns"),
                "Porto fair " + run));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "Invite to the Porto fair " + run));
        WebElement panel = browser.find(By.id("customer-campaigns"));
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", panel);
        browser.screenshot("quick-campaign-02-account-campaigns");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void click(By by) {
        WebElement element = browser.find(by);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
