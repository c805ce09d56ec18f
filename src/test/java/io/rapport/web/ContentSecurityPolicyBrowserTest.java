package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.TestUsers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 21 defect 8 in a real Chromium: the pages work under their Content-Security-Policy (htmx without eval or
 * injected styles, charts, sizes set from data attributes) and the browser refuses and reports an inline script,
 * which the browser test base turns into a failure.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentSecurityPolicyBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start(port, "en-US,en");
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void pagesRunUnderThePolicyWithoutViolations() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID parent = organization.create(new Entity("account").set("name", "CSP parent " + run));
        UUID child = organization.create(new Entity("account").set("name", "CSP child " + run)
                .set("parentaccountid", new EntityReference("account", parent)));

        browser.open("/");
        assertThat(browser.driver().findElements(By.cssSelector(".chart-card"))).isNotEmpty();
        assertThat(browser.driver().executeScript("return htmx.config.allowEval === false"
                + " && htmx.config.includeIndicatorStyles === false && document.querySelectorAll('style').length"))
                .isEqualTo(0L);

        browser.open("/app/account?q=CSP%20child%20" + run);
        browser.find(By.cssSelector("tr[data-id='" + child + "']"));
        browser.open("/app/account/" + child);
        browser.find(By.cssSelector("#timeline.timeline"));

        browser.open("/app/account/" + child + "/hierarchy");
        browser.find(By.id("hierarchy"));
        List<WebElement> nodes = browser.driver().findElements(By.cssSelector(".hierarchy-node"));
        assertThat(nodes).hasSize(2);
        // the child sits in its parent's group, indented by the group's padding (rapport.css)
        assertThat(browser.find(By.cssSelector("#children-" + parent + " > #node-" + child)).getLocation().getX())
                .isGreaterThan(nodes.get(0).getLocation().getX());
        browser.assertNoCspViolations();
    }

    @Test
    void anInlineScriptIsRefusedAndFailsTheBrowserTest() {
        browser.open("/app/contact");
        browser.find(By.id("list-title"));
        browser.driver().executeScript("var s = document.createElement('script');"
                + " s.textContent = 'window.inlineRan = true;'; document.body.appendChild(s);"
                + " document.body.insertAdjacentHTML('beforeend', '<p id=\"styled\" style=\"color: red\">x</p>');");
        assertThat(browser.driver().executeScript("return window.inlineRan === true")).isEqualTo(false);
        assertThat(browser.find(By.id("styled")).getCssValue("color")).isNotEqualTo("rgba(255, 0, 0, 1)");
        assertThatThrownBy(browser::assertNoCspViolations).isInstanceOf(AssertionError.class)
                .hasMessageContaining("script-src 'self'")
                .hasMessageContaining("style-src 'self'");
    }
}
