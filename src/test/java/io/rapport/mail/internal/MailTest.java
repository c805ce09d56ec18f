package io.rapport.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.rapport.error.RapportException;
import io.rapport.mail.MailMessages;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Email end to end against an embedded SMTP + IMAP server (GreenMail), as a Salesperson: an email activity is sent
 * with its tracking token and attachment; the customer's reply in the salesperson's mailbox becomes one received
 * email on the right contact and opportunity, however often the mailbox is read; a send with the SMTP server down is
 * retried and then shown as Failed with the reason; a Pending Send email created directly (as a quick campaign does)
 * goes through the same queue; templates fill in the recipient and regarding record; passwords are never stored or
 * shown in clear.
 */
abstract class MailTest {

    @OnH2
    @TestPropertySource(properties = {"rapport.jobs.polling-interval=200ms", "rapport.mail.send-attempts=2",
            "rapport.mail.send-first-retry=300ms", "rapport.mail.poll-interval=1h", "rapport.mail.timeout=3s",
            "rapport.mail.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="})
    static class H2 extends MailTest {
    }

    @OnPostgres
    @TestPropertySource(properties = {"rapport.jobs.polling-interval=200ms", "rapport.mail.send-attempts=2",
            "rapport.mail.send-first-retry=300ms", "rapport.mail.poll-interval=1h", "rapport.mail.timeout=3s",
            "rapport.mail.encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="})
    static class Postgres extends MailTest {
    }

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    @Autowired
    OrganizationService org;

    @Autowired
    MailboxPollJob poller;

    @Autowired
    JdbcTemplate jdbc;

    OrganizationService sam;
    UUID samId;
    String samAddress;
    String run;
    UUID mailbox;
    UUID contact;
    UUID opportunity;

    @BeforeEach
    void salesperson() {
        Principals people = new Principals(org);
        run = people.run();
        samAddress = "sam." + run + "@rapport.test";
        mail.setUser(samAddress, samAddress, "smtp-and-imap-secret");
        UUID unit = people.businessUnit("Mail desk " + run, people.rootUnit());
        samId = people.user("sam", unit, "Salesperson");
        org.update(new Entity("systemuser", samId).set("internalemailaddress", samAddress));
        sam = people.as(samId);
        mailbox = sam.create(new Entity("mailbox").set("name", "Sam " + run).set("emailaddress", samAddress)
                .set("outgoingemaildeliverymethod", 2).set("outgoingserverlocation", "127.0.0.1")
                .set("outgoingportnumber", mail.getSmtp().getPort()).set("outgoingtlsmode", 0)
                .set("outgoingusername", samAddress).set("outgoingpassword", "smtp-and-imap-secret")
                .set("incomingemaildeliverymethod", 2).set("incomingserverlocation", "127.0.0.1")
                .set("incomingportnumber", mail.getImap().getPort()).set("incomingtlsmode", 0)
                .set("incomingusername", samAddress).set("incomingpassword", "smtp-and-imap-secret"));
        UUID account = sam.create(new Entity("account").set("name", "Customer " + run));
        contact = sam.create(new Entity("contact").set("firstname", "Chris").set("lastname", "Customer " + run)
                .set("emailaddress1", "chris." + run + "@customer.test")
                .set("parentcustomerid", new EntityReference("account", account)));
        opportunity = sam.create(new Entity("opportunity").set("name", "Deal " + run)
                .set("customerid", new EntityReference("contact", contact)));
    }

    private String chris() {
        return "chris." + run + "@customer.test";
    }

    private UUID draft(String subject, EntityReference regarding) {
        UUID email = sam.create(new Entity("email").set("subject", subject)
                .set("description", "<p>Hello <b>Chris</b>, the terms are attached.</p>")
                .set("regardingobjectid", regarding));
        sam.create(new Entity("activityparty").set("activityid", new EntityReference("email", email))
                .set("partyid", new EntityReference("contact", contact)).set("participationtypemask", 2));
        return email;
    }

    private Entity email(UUID id) {
        return sam.retrieve("email", id, ColumnSet.of("subject", "statecode", "statuscode", "trackingtoken",
                "messageid", "failurereason", "deliveryattempts", "senton", "regardingobjectid", "parentactivityid",
                "directioncode", "sendersmailboxid"));
    }

    private static <T> T eventually(Supplier<T> probe, java.util.function.Predicate<T> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out; last value " + last);
            }
            Thread.sleep(100);
            last = probe.get();
        }
        return last;
    }

    @Test
    void aSentEmailArrivesWithItsTrackingTokenAndTheReplyIsTrackedOnceOnTheContactAndOpportunity()
            throws Exception {
        UUID sent = draft("Proposal " + run, new EntityReference("opportunity", opportunity));
        sam.create(new Entity("activitymimeattachment").set("objectid", new EntityReference("email", sent))
                .set("filename", "terms.txt").set("mimetype", "text/plain")
                .set("body", Base64.getEncoder().encodeToString("Net 30".getBytes(StandardCharsets.UTF_8))));

        String subject = (String) sam.execute(new ActionRequest(MailMessages.SEND_EMAIL,
                new EntityReference("email", sent), Map.of("IssueSend", true))).output("Subject");
        String token = email(sent).getString("trackingtoken");
        assertThat(token).matches("CRM:\\d{7}");
        assertThat(subject).isEqualTo("Proposal " + run + " " + token);

        assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
        MimeMessage out = mail.getReceivedMessagesForDomain("customer.test")[0];
        assertThat(out.getSubject()).isEqualTo("Proposal " + run + " " + token);
        assertThat(((InternetAddress) out.getFrom()[0]).getAddress()).isEqualTo(samAddress);
        assertThat(((InternetAddress) out.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                .isEqualTo(chris());
        Multipart mixed = (Multipart) out.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        Multipart alternatives = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternatives.getBodyPart(0).getContent().toString().trim())
                .isEqualTo("Hello Chris, the terms are attached.");
        assertThat(alternatives.getBodyPart(1).getContent().toString())
                .isEqualTo("<p>Hello <b>Chris</b>, the terms are attached.</p>");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("terms.txt");
        Entity done = eventually(() -> email(sent), e -> Integer.valueOf(MailMessages.SENT).equals(e.get("statuscode")));
        assertThat(done.getInteger("statecode")).isEqualTo(1);
        assertThat(done.getInteger("deliveryattempts")).isEqualTo(1);
        assertThat(done.getInstant("senton")).isNotNull();
        assertThat(done.getReference("sendersmailboxid").id()).isEqualTo(mailbox);

        // the customer answers; the reply lands in Sam's mailbox with the token and a file
        GreenMailUser samBox = mail.getUserManager().getUser(samAddress);
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress(chris()));
        reply.setRecipients(Message.RecipientType.TO, samAddress);
        reply.setSubject("RE: Proposal " + run + " " + token);
        reply.setHeader("In-Reply-To", done.getString("messageid"));
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Signed, see attached.", "UTF-8");
        MimeBodyPart signed = new MimeBodyPart();
        signed.setContent("signed-contract", "application/octet-stream");
        signed.setFileName("signed.pdf");
        reply.setContent(new MimeMultipart(text, signed));
        reply.saveChanges();
        String replyId = reply.getMessageID();
        samBox.deliver(reply);

        assertThat(poller.poll(mailbox)).isEqualTo(1);
        List<Entity> received = sam.retrieveMultiple(QueryExpression.from("email")
                .select("subject", "statuscode", "regardingobjectid", "parentactivityid", "directioncode",
                        "description", "attachmentcount")
                .where(Condition.eq("messageid", replyId)).build()).entities();
        assertThat(received).hasSize(1);
        Entity r = received.get(0);
        assertThat(r.getInteger("statuscode")).isEqualTo(MailMessages.RECEIVED);
        assertThat(r.getBoolean("directioncode")).isFalse();
        assertThat(r.getReference("regardingobjectid")).isEqualTo(new EntityReference("opportunity", opportunity));
        assertThat(r.getReference("parentactivityid").id()).isEqualTo(sent);
        assertThat(r.getString("description")).contains("Signed, see attached.");
        List<Entity> parties = sam.retrieveMultiple(QueryExpression.from("activityparty")
                .select("partyid", "participationtypemask", "addressused")
                .where(Condition.eq("activityid", r.id())).build()).entities();
        assertThat(parties).anySatisfy(p -> {
            assertThat(p.getInteger("participationtypemask")).isEqualTo(1);
            assertThat(p.getReference("partyid").id()).isEqualTo(contact);
        });
        assertThat(parties).anySatisfy(p -> {
            assertThat(p.getInteger("participationtypemask")).isEqualTo(2);
            assertThat(p.getReference("partyid").id()).isEqualTo(samId);
        });
        List<Entity> files = sam.retrieveMultiple(QueryExpression.from("activitymimeattachment")
                .select("filename", "body", "filesize").where(Condition.eq("objectid", r.id())).build()).entities();
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.getString("filename")).isEqualTo("signed.pdf");
            assertThat(new String(Base64.getDecoder().decode(f.getString("body")), StandardCharsets.UTF_8))
                    .isEqualTo("signed-contract");
            assertThat(f.getInteger("filesize")).isEqualTo(15);
        });

        // a second read finds nothing new; even reading the folder again from the start imports nothing twice
        assertThat(poller.poll(mailbox)).isZero();
        org.update(new Entity("mailbox", mailbox).set("incominglastuid", null).set("incominguidvalidity", null));
        assertThat(poller.poll(mailbox)).isZero();
        assertThat(sam.retrieveMultiple(QueryExpression.from("email").select("subject")
                .where(Condition.eq("messageid", replyId)).build()).entities()).hasSize(1);
        assertThat(sam.retrieve("mailbox", mailbox, ColumnSet.of("incomingemailstatus",
                "lastsuccessfulsynccompletedon")).getInteger("incomingemailstatus")).isEqualTo(1);
    }

    @Test
    void aSendWithTheSmtpServerDownIsRetriedAndThenShownAsFailedWithTheReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        sam.update(new Entity("mailbox", mailbox).set("outgoingportnumber", closed));
        UUID email = draft("Down " + run, new EntityReference("contact", contact));
        sam.execute(new ActionRequest(MailMessages.SEND_EMAIL, new EntityReference("email", email),
                Map.of("IssueSend", true)));

        Entity failed = eventually(() -> email(email),
                e -> Integer.valueOf(MailMessages.FAILED).equals(e.get("statuscode")));
        assertThat(failed.getInteger("statecode")).isEqualTo(MailMessages.OPEN);
        assertThat(failed.getInteger("deliveryattempts")).isEqualTo(2);
        assertThat(failed.getString("failurereason")).startsWith("Sending failed after 2 attempts: ")
                .contains("127.0.0.1").contains(Integer.toString(closed));
        assertThat(mail.getReceivedMessages()).isEmpty();

        // fixed, it can be sent again from Failed
        sam.update(new Entity("mailbox", mailbox).set("outgoingportnumber", mail.getSmtp().getPort()));
        sam.execute(new ActionRequest(MailMessages.SEND_EMAIL, new EntityReference("email", email),
                Map.of("IssueSend", true)));
        assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
        Entity sent = eventually(() -> email(email), e -> Integer.valueOf(MailMessages.SENT).equals(e.get("statuscode")));
        assertThat(sent.getString("failurereason")).isNull();
    }

    @Test
    void aPendingSendEmailCreatedDirectlyGoesThroughTheSameQueue() throws Exception {
        UUID bulk = sam.create(new Entity("email").set("subject", "Campaign " + run).set("description", "Offer")
                .set("torecipients", chris()).set("statecode", 1).set("statuscode", MailMessages.PENDING_SEND));
        assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
        String token = eventually(() -> email(bulk),
                e -> Integer.valueOf(MailMessages.SENT).equals(e.get("statuscode"))).getString("trackingtoken");
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("Campaign " + run + " " + token);
    }

    @Test
    void templatesFillInTheRecipientAndRegardingRecord() throws Exception {
        UUID template = sam.create(new Entity("template").set("title", "Follow-up " + run)
                .set("subject", "Hello {!contact:firstname;friend}").set("languagecode", 3082)
                .set("body", "<p>Estimado {!contact:fullname;cliente}: {!opportunity:name;} {!lead:subject;-}</p>"));
        List<?> instances = (List<?>) ((io.rapport.record.EntityCollection) sam.execute(new ActionRequest(
                MailMessages.INSTANTIATE_TEMPLATE, Map.of("TemplateId", template, "ObjectType", "opportunity",
                        "ObjectId", opportunity))).output("value")).entities();
        Entity instance = (Entity) instances.get(0);
        assertThat(instance.getString("subject")).isEqualTo("Hello friend");
        assertThat(instance.getString("description")).isEqualTo("<p>Estimado cliente: Deal " + run + " -</p>");

        Entity sent = (Entity) sam.execute(new ActionRequest(MailMessages.SEND_EMAIL_FROM_TEMPLATE, Map.of(
                "TemplateId", template, "Regarding", new EntityReference("opportunity", opportunity),
                "Target", new Entity("contact", contact)))).output("ReturnedEntity");
        assertThat(sent.getString("subject")).isEqualTo("Hello Chris");
        assertThat(sent.getString("description"))
                .isEqualTo("<p>Estimado Chris Customer " + run + ": Deal " + run + " -</p>");
        assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject())
                .isEqualTo("Hello Chris " + sent.getString("trackingtoken"));
    }

    @Test
    void passwordsAreEncryptedAtRestAndNeverReadBack() {
        Map<String, Object> row = jdbc.queryForMap("select outgoingpassword, incomingpassword from mailbox "
                + "where mailboxid = ?", mailbox);
        for (Object stored : row.values()) {
            assertThat((String) stored).startsWith("v1:").doesNotContain("smtp-and-imap-secret");
        }
        assertThat(row.get("outgoingpassword")).isNotEqualTo(row.get("incomingpassword"));
        Entity read = sam.retrieve("mailbox", mailbox, ColumnSet.all());
        assertThat(read.contains("outgoingpassword")).isFalse();
        assertThat(read.contains("incomingpassword")).isFalse();
        assertThat(read.getString("outgoingusername")).isEqualTo(samAddress);
        // the settings still work: the connection test signs in to both servers
        Map<String, Object> test = sam.execute(new ActionRequest(MailMessages.TEST_MAILBOX_CONNECTION,
                new EntityReference("mailbox", mailbox), Map.of())).outputs();
        assertThat(test).containsEntry("OutgoingStatus", 1).containsEntry("IncomingStatus", 1);
        // an update without a password keeps the stored one
        sam.update(new Entity("mailbox", mailbox).set("outgoingpassword", "").set("name", "Renamed " + run));
        assertThat(jdbc.queryForObject("select outgoingpassword from mailbox where mailboxid = ?", String.class,
                mailbox)).isEqualTo(row.get("outgoingpassword"));
    }

    @Test
    void badInputIsRefusedWithEveryProblemAtOnce() {
        assertThatThrownBy(() -> sam.create(new Entity("mailbox").set("name", "Broken " + run)
                .set("emailaddress", "x@rapport.test").set("outgoingemaildeliverymethod", 2)
                .set("incomingemaildeliverymethod", 2)))
                .isInstanceOf(RapportException.class)
                .hasMessageContaining("SMTP server").hasMessageContaining("IMAP server")
                .hasMessageContaining("IMAP user name");
        UUID lonely = sam.create(new Entity("email").set("subject", "Nobody " + run));
        assertThatThrownBy(() -> sam.execute(new ActionRequest(MailMessages.SEND_EMAIL,
                new EntityReference("email", lonely), Map.of("IssueSend", true))))
                .isInstanceOf(RapportException.class).hasMessageContaining("has no recipient");
    }

    /** The HTML part of a message (the last text/html part found). */
    private static String html(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return part.getContent().toString();
        }
        String found = null;
        if (part.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                String h = html(parts.getBodyPart(i));
                found = h != null ? h : found;
            }
        }
        return found;
    }

    @Test
    void aBulkDeletionJobTellsItsRecipientsByEmailHowItEnded() throws Exception {
        Principals people = new Principals(org);
        UUID unit = org.retrieve("systemuser", samId, ColumnSet.of("businessunitid")).getReference("businessunitid")
                .id();
        people.giveRole(samId, people.role("Cleaner " + run, unit, Map.of("prvBulkDelete", "Global")));
        UUID boss = people.user("boss", unit, "Sales Manager");
        String bossAddress = "boss." + run + "@rapport.test";
        org.update(new Entity("systemuser", boss).set("internalemailaddress", bossAddress));
        UUID nobody = people.user("noaddress", unit, "Salesperson");
        for (int i = 1; i <= 2; i++) {
            sam.create(new Entity("account").set("name", "Zap " + run + " " + i));
        }
        java.util.function.Function<Map<String, Object>, ActionRequest> bulkDelete = extra -> {
            Map<String, Object> p = new java.util.HashMap<>(Map.of("QuerySet", List.of(QueryExpression.from("account")
                    .where(Condition.of("name", io.rapport.query.ConditionOperator.BEGINS_WITH, "Zap " + run))
                    .build()), "JobName", "Zap <" + run + ">", "SendEmailNotification", true, "RecurrencePattern",
                    "", "StartDateTime", java.time.Instant.now()));
            p.putAll(extra);
            return new ActionRequest("BulkDelete", p);
        };
        // a recipient without an address, or none at all, is refused before anything is submitted
        assertThatThrownBy(() -> sam.execute(bulkDelete.apply(Map.of("ToRecipients", List.of(nobody)))))
                .isInstanceOf(RapportException.class).hasMessageContaining("ToRecipients: the user ")
                .hasMessageContaining("(" + nobody + ") has no e-mail address.");
        assertThatThrownBy(() -> sam.execute(bulkDelete.apply(Map.of())))
                .isInstanceOf(RapportException.class)
                .hasMessage("ToRecipients must name at least one user when SendEmailNotification is true.");

        sam.execute(bulkDelete.apply(Map.of("ToRecipients", List.of(samId), "CCRecipients", List.of(boss))));
        MimeMessage notice = eventually(() -> java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("Bulk deletion job \"Zap <" + run + ">\"");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst(), java.util.Optional::isPresent).get();
        assertThat(notice.getSubject()).startsWith("Bulk deletion job \"Zap <" + run + ">\" succeeded: 2 deleted, "
                + "0 not deleted");
        assertThat(((InternetAddress) notice.getFrom()[0]).getAddress()).isEqualTo(samAddress);
        assertThat(((InternetAddress) notice.getRecipients(Message.RecipientType.TO)[0]).getAddress())
                .isEqualTo(samAddress);
        assertThat(((InternetAddress) notice.getRecipients(Message.RecipientType.CC)[0]).getAddress())
                .isEqualTo(bossAddress);
        assertThat(html(notice)).contains("The bulk deletion job <b>Zap &lt;" + run + "&gt;</b> ended on ")
                .contains("succeeded.</p><p>Records deleted: 2<br>Records that could not be deleted: 0</p>")
                .doesNotContain("Next run");
        assertThat(org.retrieveMultiple(QueryExpression.from("account").where(Condition.of("name",
                io.rapport.query.ConditionOperator.BEGINS_WITH, "Zap " + run)).build()).entities()).isEmpty();
    }
}
