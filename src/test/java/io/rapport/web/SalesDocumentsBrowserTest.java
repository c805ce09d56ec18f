package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In headless Chromium, a salesperson (built-in Salesperson role only) starts a quote from the account form, adds two
 * catalog lines in the line-item grid and sees the totals change without a page reload, then activates the quote.
 * Screenshots: target/screenshots/sales-quote-*.png.
 */
@OnH2
class SalesDocumentsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    @Test
    void quoteWithLinesFromTheAccountForm() throws Exception {
        SalesCatalog catalog = new SalesCatalog(organization);
        Principals people = new Principals(organization);
        UUID sales = people.businessUnit("Sales", people.rootUnit());
        UUID seller = people.user("quinn", sales, "Salesperson");
        UUID account = organization.create(new Entity("account").set("name", "Wipro " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList))
                .set("address1_city", "Bengaluru"));
        try (Browser browser = Browser.start(port, "en-US,en")) {
            browser.signIn(people.userName(seller), Principals.PASSWORD);
            browser.open("/app/account/" + account);
            browser.find(By.id("document-new-quote")).click();
            browser.waitUntil(ExpectedConditions.urlContains("/app/quote/"));
            browser.find(By.id("line-add"));
            Object marker = browser.driver().executeScript("window.rapportNoReload = 'kept'; return 1;");
            assertThat(marker).isNotNull();

            new Select(browser.find(By.id("line-product"))).selectByVisibleText("Laptop " + catalog.run);
            browser.find(By.id("line-quantity")).clear();
            browser.find(By.id("line-quantity")).sendKeys("10");
            browser.find(By.id("line-tax")).sendKeys("1170");
            browser.find(By.id("line-add-button")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.id("total-amount"), "$13,170.00"));

            new Select(browser.find(By.id("line-product"))).selectByVisibleText("Docking station " + catalog.run);
            browser.find(By.id("line-quantity")).clear();
            browser.find(By.id("line-quantity")).sendKeys("3");
            browser.find(By.id("line-add-button")).click();
            browser.waitUntil(ExpectedConditions.textToBe(By.id("total-amount"), "$13,472.97"));
            assertThat(browser.driver().executeScript("return window.rapportNoReload;")).isEqualTo("kept");
            browser.screenshot("sales-quote-lines");

            browser.find(By.id("document-activate")).click();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("document-win")));
            browser.find(By.id("line-grid"));
            browser.screenshot("sales-quote-active");
        }
    }
}
