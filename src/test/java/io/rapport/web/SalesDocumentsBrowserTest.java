package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In headless Chromium, a salesperson (built-in Salesperson role only) starts a quote from the account form, adds two
 * catalog lines in the line-item grid and sees the totals change without a page reload, then activates the quote.
 * Then the closed documents of issue 20: an active, closed or won quote, a fulfilled order and a paid invoice show
 * read-only with the commands Dynamics offers (revise a closed quote into an editable draft, order a won quote,
 * invoice a fulfilled order). Screenshots: target/screenshots/sales-*.png, the quote's PDF first page as
 * sales-quote-pdf.png.
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
            // the quote's PDF, as the "PDF" button gives it to the salesperson: its first page kept as a picture
            String pdfPath = browser.find(By.id("document-pdf")).getAttribute("href");
            assertThat(pdfFirstPage(download(browser, pdfPath), "sales-quote-pdf")).contains("Total")
                    .contains("13,472.97");

            // closed documents are read-only and offer what Dynamics offers (issue 20): an active quote is revised,
            // not edited; a closed one too
            readOnly(browser, "Active");
            assertThat(buttons(browser)).containsExactly("document-win", "document-close", "document-revise");
            click(browser, By.id("document-close"));
            browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Closed"));
            readOnly(browser, "Closed");
            assertThat(buttons(browser)).containsExactly("document-revise");
            assertThat(browser.find(By.id("document-revise")).getText()).isEqualTo("Revise");
            String closed = browser.driver().getCurrentUrl();
            click(browser, By.id("document-revise"));
            browser.waitUntil(d -> !d.getCurrentUrl().equals(closed) && d.getCurrentUrl().contains("/app/quote/"));
            // the revision is a draft: editable, with Save
            assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Draft");
            assertThat(browser.find(By.id("f-name")).getTagName()).isEqualTo("input");
            assertThat(browser.driver().findElements(By.id("save"))).hasSize(1);
            assertThat(browser.driver().findElements(By.id("read-only-notice"))).isEmpty();

            click(browser, By.id("document-activate"));
            browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Active"));
            click(browser, By.id("document-win"));
            browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Won"));
            readOnly(browser, "Won");
            assertThat(buttons(browser)).containsExactly("document-order");
            click(browser, By.id("document-order"));
            browser.waitUntil(ExpectedConditions.urlContains("/app/salesorder/"));
            assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Active");
            assertThat(browser.driver().findElements(By.id("save"))).hasSize(1);
            click(browser, By.id("document-fulfill"));
            browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Fulfilled"));
            readOnly(browser, "Fulfilled");
            assertThat(buttons(browser)).containsExactly("document-invoice");
            browser.screenshot("sales-order-fulfilled");
            click(browser, By.id("document-invoice"));
            browser.waitUntil(ExpectedConditions.urlContains("/app/invoice/"));
            assertThat(browser.find(By.id("record-state")).getText()).isEqualTo("Active");
            assertThat(browser.driver().findElements(By.id("save"))).hasSize(1);
            click(browser, By.id("document-paid"));
            browser.waitUntil(ExpectedConditions.textToBe(By.id("record-state"), "Paid"));
            readOnly(browser, "Paid");
            assertThat(buttons(browser)).isEmpty();
            browser.screenshot("sales-invoice-paid");
        }
    }

    /** The form shows the record read-only: the notice naming its status, no Save, its name as text. */
    private static void readOnly(Browser browser, String status) {
        assertThat(browser.find(By.id("read-only-notice")).getText())
                .isEqualTo("Read-only: this record's status is " + status + ".");
        assertThat(browser.driver().findElements(By.id("save"))).isEmpty();
        assertThat(browser.find(By.id("f-name")).getTagName()).isEqualTo("div");
    }

    /** The ids of the document's lifecycle buttons (PDF and e-mail apart). */
    @SuppressWarnings("unchecked")
    private static java.util.List<String> buttons(Browser browser) {
        browser.find(By.id("document-actions"));
        return (java.util.List<String>) browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#document-actions form button[type=submit]')).map(b => b.id).filter(id => id !== 'document-email')");
    }

    /** The bytes at the address, fetched in the page (the signed-in session's cookie goes with it). */
    private static byte[] download(Browser browser, String address) {
        Object base64 = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => { let s = '';"
                + " new Uint8Array(b).forEach(x => { s += String.fromCharCode(x); }); done(btoa(s)); })"
                + ".catch(e => done('failed: ' + e));", address);
        assertThat((String) base64).doesNotStartWith("failed");
        return java.util.Base64.getDecoder().decode((String) base64);
    }

    /**
     * Renders the PDF's first page to target/screenshots/{name}.png with PDFBox (the browser's own viewer does not
     * run headless) and answers the page's text.
     */
    private static String pdfFirstPage(byte[] pdf, String name) throws java.io.IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 110);
            Files.createDirectories(Browser.SCREENSHOTS);
            Path png = Browser.SCREENSHOTS.resolve(name + ".png");
            ImageIO.write(page, "png", png.toFile());
            assertThat(Files.size(png)).isPositive();
            PDFTextStripper first = new PDFTextStripper();
            first.setEndPage(1);
            return first.getText(doc).replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }

    private static void click(Browser browser, By by) {
        org.openqa.selenium.WebElement element = browser.find(by);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
