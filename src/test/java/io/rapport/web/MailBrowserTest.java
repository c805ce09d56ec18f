package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.RecurringJob;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A Salesperson (built-in role only) in headless Chromium with an embedded SMTP + IMAP server (GreenMail): tests
 * their mailbox's connection from its form, sends an email from a contact's timeline (it arrives with its tracking
 * token), and after the customer's reply is read from the mailbox sees it on the contact's timeline. Screenshots go
 * to target/screenshots/mail-*.png.
 */
@OnH2
@TestPropertySource(properties = {"rapport.jobs.polling-interval=200ms", "rapport.mail.poll-interval=1h",
        "rapport.mail.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(),
            ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(false);

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    @Autowired
    List<RecurringJob> jobs;

    private Browser browser;
    private Principals people;
    private UUID sam;
    private String samAddress;
    private UUID mailbox;
    private String run;

    @BeforeAll
    void start() throws Exception {
        people = new Principals(organization);
        run = people.run();
        sam = people.user("sam", people.businessUnit("Mail sales " + run, people.rootUnit()), "Salesperson");
        samAddress = "sam." + run + "@rapport.test";
        mail.setUser(samAddress, samAddress, "browser-secret");
        organization.update(new Entity("systemuser", sam).set("internalemailaddress", samAddress));
        mailbox = people.as(sam).create(new Entity("mailbox").set("name", "Sam " + run)
                .set("emailaddress", samAddress).set("outgoingemaildeliverymethod", 2)
                .set("outgoingserverlocation", "127.0.0.1").set("outgoingportnumber", mail.getSmtp().getPort())
                .set("outgoingtlsmode", 0).set("outgoingusername", samAddress).set("outgoingpassword", "browser-secret")
                .set("incomingemaildeliverymethod", 2).set("incomingserverlocation", "127.0.0.1")
                .set("incomingportnumber", mail.getImap().getPort()).set("incomingtlsmode", 0)
                .set("incomingusername", samAddress).set("incomingpassword", "browser-secret"));
        browser = Browser.start(port, "en-US,en");
        browser.signIn(people.userName(sam), Principals.PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anEmailSentFromAContactsTimelineIsAnsweredAndTheReplyShowsOnTheTimeline() throws Exception {
        // an app password for the mail client's address book, made in the user's settings, works on /dav
        click(By.id("nav-contactsync"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("apppassword-name")));
        type(By.id("apppassword-name"), "Mail client " + run);
        click(By.id("apppassword-create"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("apppassword-secret")));
        String secret = browser.find(By.id("apppassword-secret")).getDomProperty("value");
        assertThat(browser.find(By.id("apppasswords")).getText()).contains("Mail client " + run);
        browser.screenshot("mail-00-app-password");
        java.net.http.HttpResponse<String> dav = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/dav/"))
                        .method("PROPFIND", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Depth", "0")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (people.userName(sam) + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(dav.statusCode()).isEqualTo(207);

        browser.open("/app/mailbox/" + mailbox);
        click(By.id("mail-test"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("mail-panel"),
                "Outgoing (SMTP): connected"));
        assertThat(browser.find(By.id("mail-panel")).getText()).contains("Incoming (IMAP): connected");
        browser.screenshot("mail-01-mailbox-connection-tested");

        String chris = "chris." + run + "@customer.test";
        UUID contact = people.as(sam).create(new Entity("contact").set("firstname", "Chris")
                .set("lastname", "Customer " + run).set("emailaddress1", chris));
        String copy = "cora." + run + "@customer.test";
        UUID cora = people.as(sam).create(new Entity("contact").set("firstname", "Cora")
                .set("lastname", "Copy " + run).set("emailaddress1", copy));
        browser.open("/app/contact/" + contact);
        click(By.id("add-email"));
        // the e-mail quick create (issue 20) has From (the user), To (the contact itself: the address used is its
        // emailaddress1) and Cc
        assertThat(browser.driver().findElements(By.cssSelector("#qc-email label")).stream().map(WebElement::getText)
                .toList()).startsWith("From", "To", "Cc");
        assertThat(browser.find(By.id("qc-email-from")).getAttribute("value")).isEqualTo(fullName(sam));
        assertThat(browser.find(By.id("qc-email-to")).getAttribute("value")).isEqualTo("Chris Customer " + run);
        assertThat(browser.find(By.id("qc-email-cc")).getAttribute("value")).isEmpty();
        pick("qc-email-cc", "Cora Copy " + run);
        type(By.id("qc-email-subject"), "Our proposal " + run);
        type(By.id("qc-email-description"), "Hello Chris, here is our proposal.");
        click(By.id("qc-email-save"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "Our proposal " + run));
        assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
        MimeMessage sent = mail.getReceivedMessagesForDomain("customer.test")[0];
        assertThat(sent.getSubject()).matches("Our proposal " + run + " CRM:\\d{7}");
        assertThat(java.util.Arrays.stream(sent.getRecipients(Message.RecipientType.TO))
                .map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(chris);
        assertThat(java.util.Arrays.stream(sent.getRecipients(Message.RecipientType.CC))
                .map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(copy);
        assertThat(sent.getFrom()[0].toString()).contains(samAddress);
        UUID emailId = people.as(sam).retrieveMultiple(QueryExpression.from("email").columns(ColumnSet.none())
                .where(Condition.eq("subject", "Our proposal " + run)).build()).entities().get(0).id();
        assertThat(people.as(sam).retrieveMultiple(QueryExpression.from("activityparty")
                .select("partyid", "participationtypemask").where(Condition.eq("activityid", emailId)).build())
                .entities().stream().map(p -> p.getInteger("participationtypemask") + " "
                        + p.getReference("partyid").logicalName() + ":" + p.getReference("partyid").id()).sorted()
                .toList()).containsExactly("1 systemuser:" + sam, "2 contact:" + contact, "3 contact:" + cora);
        browser.screenshot("mail-02-email-sent-from-timeline");

        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress(chris));
        reply.setRecipients(Message.RecipientType.TO, samAddress);
        reply.setSubject("RE: " + sent.getSubject());
        reply.setHeader("In-Reply-To", sent.getMessageID());
        reply.setText("Thanks, looks good.", "UTF-8");
        reply.saveChanges();
        mail.getUserManager().getUser(samAddress).deliver(reply);
        jobs.stream().filter(j -> j.name().equals("mail-track-mailboxes")).findFirst().orElseThrow()
                .run(new JobRun("browser-test", 1));

        browser.open("/app/contact/" + contact);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"),
                "RE: Our proposal " + run));
        browser.screenshot("mail-03-reply-on-timeline");
        List<Entity> received = people.as(sam).retrieveMultiple(QueryExpression.from("email")
                .select("statuscode", "regardingobjectid").where(Condition.eq("messageid", reply.getMessageID()))
                .build()).entities();
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.getInteger("statuscode")).isEqualTo(4);
            assertThat(r.getReference("regardingobjectid")).isEqualTo(new EntityReference("contact", contact));
        });
        Entity out = people.as(sam).retrieveMultiple(QueryExpression.from("email").columns(ColumnSet.of(
                "statuscode")).where(Condition.eq("subject", "Our proposal " + run)).build()).entities().get(0);
        browser.open("/app/email/" + out.id());
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("mail-panel"), "Sent on"));
        browser.screenshot("mail-04-sent-email-form");
    }

    private String fullName(UUID user) {
        return organization.retrieve("systemuser", user, ColumnSet.of("fullname")).getString("fullname");
    }

    /** Types into a lookup, waits for the result naming the text and picks it (its hidden value is then set). */
    private void pick(String inputId, String text) {
        type(By.id(inputId), text);
        String results = browser.find(By.id(inputId)).getAttribute("aria-controls");
        By result = By.xpath("//*[@id='" + results + "']//*[contains(@class,'lookup-result')"
                + " and contains(normalize-space(.), '" + text + "')]");
        // htmx may swap the suggestions while we click: a stale one is looked up again and clicked
        browser.waitUntil(d -> {
            d.findElement(result).click();
            return true;
        });
        browser.waitUntil(d -> !d.findElement(By.id(inputId))
                .findElement(By.xpath("preceding-sibling::input[contains(@class,'lookup-value')]"))
                .getAttribute("value").isEmpty());
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
