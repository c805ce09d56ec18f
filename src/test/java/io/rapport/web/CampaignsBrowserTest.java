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
 * A Marketing Professional (built-in role only) in a real headless Chromium: adds a marketing list to a campaign in
 * the add-list dialog, distributes a phone campaign activity to the list's members, sees the campaign on a member
 * account's form, and converts a response into a lead that keeps the campaign. Screenshots go to
 * target/screenshots/campaign-*.png.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignsBrowserTest {

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

    private void click(By by) {
        WebElement element = browser.find(by);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
