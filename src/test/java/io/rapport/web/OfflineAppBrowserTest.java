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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The offline web app in headless Chromium as a salesperson: it syncs the offline profile through delta links, the
 * network goes off (DevTools protocol), the cached page still opens with the synced account; a contact, a connection
 * with a role and a phone call are created and the account is edited while another user changes it on the server;
 * back online the outbox drains in order, the server has every record and the conflict is handled by the policy
 * (server wins) and listed with both versions. Screenshots: target/screenshots/offline-*.png.
 */
@OnH2
@TestPropertySource(properties = {"rapport.change-tracking.commit-lag=0s",
        "rapport.change-tracking.sample-interval=0s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineAppBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    private Browser browser;
    private Principals people;
    private UUID seller;
    private String run;

    @BeforeAll
    void start() throws Exception {
        people = new Principals(organization);
        run = people.run();
        seller = people.user("olga", people.businessUnit("Field", people.rootUnit()), "Salesperson");
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
    void worksOfflineAndReplaysTheOutboxWithTheConflictPolicy() throws Exception {
        UUID account = organization.create(new Entity("account").set("name", "Offline Corp " + run)
                .set("telephone1", "555 0001").set("ownerid", new EntityReference("systemuser", seller)));
        browser.open("/offline/");
        browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("records"), "Offline Corp " + run));
        assertThat(browser.find(By.id("last-sync")).getText()).startsWith("Last sync: ").doesNotContain("never");

        network(false);
        browser.driver().navigate().refresh();
        browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        assertThat(browser.find(By.id("offline-banner")).getText()).startsWith("You are offline.");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("records"), "Offline Corp " + run));
        browser.screenshot("offline-banner");

        create("contacts", Map.of("lastname", "Field " + run), Map.of("parentcustomerid", "Offline Corp " + run));
        waiting("1 change waiting");
        create("connections", Map.of("description", "Met at the fair " + run), Map.of("record1id",
                "Offline Corp " + run, "record2id", "Field " + run, "record2roleid", "Customer"));
        waiting("2 changes waiting");
        create("phonecalls", Map.of("subject", "Called from the road " + run), Map.of("regardingobjectid",
                "Offline Corp " + run));
        waiting("3 changes waiting");
        show("accounts");
        browser.find(By.xpath("//ul[@id='records']/li[text()='Offline Corp " + run + "']")).click();
        browser.find(By.id("field-telephone1")).clear();
        browser.find(By.id("field-telephone1")).sendKeys("555 0002 device");
        browser.find(By.id("form-save")).click();
        waiting("4 changes waiting");
        browser.screenshot("offline-outbox");
        // meanwhile another user changes the account on the server
        organization.update(new Entity("account", account).set("telephone1", "555 0003 server"));

        network(true);
        waiting("No changes waiting");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("conflicts"),
                "Conflict on accounts (server-wins)"));
        assertThat(browser.find(By.id("conflicts")).getText()).contains("555 0002 device").contains("555 0003 server");
        browser.screenshot("offline-conflicts");

        List<Entity> contacts = query("contact", "lastname", "Field " + run, "parentcustomerid");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).getReference("parentcustomerid").id()).isEqualTo(account);
        // the connection and its reciprocal (sides swapped), as Dataverse keeps them
        List<Entity> connections = organization.retrieveMultiple(QueryExpression.from("connection")
                .select("record1id", "record2id", "record2roleid").where(Condition.eq("description",
                        "Met at the fair " + run)).build()).entities();
        assertThat(connections).hasSize(2);
        Entity master = connections.stream().filter(c -> c.getReference("record1id").id().equals(account))
                .findFirst().orElseThrow();
        assertThat(master.getReference("record2id").id()).isEqualTo(contacts.get(0).id());
        assertThat(organization.retrieve("connectionrole", master.getReference("record2roleid").id(),
                ColumnSet.of("name")).getString("name")).isEqualTo("Customer");
        List<Entity> calls = query("phonecall", "subject", "Called from the road " + run, "regardingobjectid");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getReference("regardingobjectid").id()).isEqualTo(account);
        assertThat(organization.retrieve("account", account, ColumnSet.of("telephone1")).getString("telephone1"))
                .isEqualTo("555 0003 server");
    }

    private void network(boolean online) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", !online,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private void show(String entitySet) {
        new Select(browser.find(By.id("entity-set"))).selectByValue(entitySet);
    }

    private void create(String entitySet, Map<String, String> texts, Map<String, String> lookups) {
        show(entitySet);
        browser.find(By.id("new-record")).click();
        texts.forEach((field, value) -> browser.find(By.id("field-" + field)).sendKeys(value));
        lookups.forEach((field, label) -> new Select(browser.find(By.id("field-" + field))).selectByVisibleText(label));
        browser.find(By.id("form-save")).click();
    }

    private void waiting(String text) {
        browser.waitUntil(ExpectedConditions.textToBe(By.id("outbox-count"), text));
    }

    private List<Entity> query(String entity, String attribute, String value, String lookup) {
        return organization.retrieveMultiple(QueryExpression.from(entity).select(attribute, lookup)
                .where(Condition.eq(attribute, value)).build()).entities();
    }
}
