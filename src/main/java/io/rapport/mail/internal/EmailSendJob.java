package io.rapport.mail.internal;

import io.rapport.jobs.JobFailure;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.OneOffJob;
import io.rapport.jobs.RetryPolicy;
import io.rapport.mail.MailMessages;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one Pending Send email through the SMTP server of its sender's mailbox (the email's {@code sendersmailboxid},
 * else its owner's active mailbox), reading the email, its parties and attachments as its owner. Success makes it
 * Sent with {@code senton}; a failed attempt is retried with backoff ({@code rapport.mail.send-*}) while the form
 * shows the reason; after the last attempt the email is Open / Failed with the reason. An email that is no longer
 * Pending Send (canceled, sent by another run) is left alone; one that cannot be sent at all (no mailbox, no
 * recipient) fails at once.
 */
@Component
class EmailSendJob implements OneOffJob<String> {

    private static final Logger log = LoggerFactory.getLogger(EmailSendJob.class);

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final Mailboxes mailboxes;
    private final MailSessions sessions;
    private final MailProperties properties;
    private final Clock clock;

    EmailSendJob(OrganizationService organization, CallerProvider callers, Mailboxes mailboxes,
            MailSessions sessions, MailProperties properties, Clock clock) {
        this.organization = organization;
        this.callers = callers;
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mail-send-email";
    }

    @Override
    public Class<String> dataType() {
        return String.class;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.exponential(properties.sendAttempts(), properties.sendFirstRetry(), 2);
    }

    @Override
    public void run(String data, JobRun run) throws Exception {
        UUID id = UUID.fromString(data);
        OrganizationService system = mailboxes.system();
        Entity email = system.retrieve("email", id, EmailComposer.EMAIL_COLUMNS);
        if (!Integer.valueOf(MailMessages.PENDING_SEND).equals(email.get("statuscode"))) {
            log.info("Email no longer pending send email={} statuscode={}", id, email.get("statuscode"));
            return;
        }
        OrganizationService owner = ownerService(email);
        Optional<MailboxSettings> mailbox = email.getReference("sendersmailboxid") != null
                ? Optional.of(mailboxes.settings(email.getReference("sendersmailboxid").id()))
                : mailboxes.sendingMailboxOf(email.getReference("ownerid").id());
        if (mailbox.isEmpty() || mailbox.get().smtp() == null) {
            fail(id, run.attempt(), "No mailbox with an SMTP server is set up for the sender of this email.");
            return;
        }
        MimeMessage message;
        try {
            message = EmailComposer.compose(owner, owner.retrieve("email", id, EmailComposer.EMAIL_COLUMNS),
                    mailbox.get(), sessions.smtp(mailbox.get().smtp()));
        } catch (io.rapport.error.RapportException e) {
            fail(id, run.attempt(), e.getMessage());
            return;
        }
        sessions.send(mailbox.get().smtp(), message);
        system.update(new Entity("email", id).set("statecode", MailMessages.COMPLETED)
                .set("statuscode", MailMessages.SENT).set("senton", Instant.now(clock))
                .set("actualend", Instant.now(clock)).set("deliveryattempts", run.attempt())
                .set("sendersmailboxid", new EntityReference("mailbox", mailbox.get().id()))
                .set("failurereason", null));
        log.info("Email sent email={} mailbox={} attempt={}", id, mailbox.get().id(), run.attempt());
    }

    @Override
    public void failed(String data, JobFailure failure) {
        UUID id = UUID.fromString(data);
        String reason = failure.cause() == null ? "unknown error" : describe(failure.cause());
        if (failure.willRetry()) {
            mailboxes.system().update(new Entity("email", id).set("deliveryattempts", failure.attempt())
                    .set("failurereason", "Attempt " + failure.attempt() + " of " + properties.sendAttempts()
                            + " failed: " + reason + " Next attempt at " + failure.nextAttempt() + "."));
        } else {
            fail(id, failure.attempt(), "Sending failed after " + failure.attempt() + " attempt"
                    + (failure.attempt() == 1 ? "" : "s") + ": " + reason);
        }
    }

    private void fail(UUID id, int attempts, String reason) {
        log.warn("Email failed email={} attempts={} reason={}", id, attempts, reason);
        mailboxes.system().update(new Entity("email", id).set("statecode", MailMessages.OPEN)
                .set("statuscode", MailMessages.FAILED).set("deliveryattempts", attempts)
                .set("failurereason", truncate(reason)));
    }

    private OrganizationService ownerService(Entity email) {
        EntityReference owner = email.getReference("ownerid");
        if (owner != null && "systemuser".equals(owner.logicalName())) {
            return organization.as(callers.forUser(owner.id(), Channel.SYSTEM));
        }
        return mailboxes.system();
    }

    private static String describe(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null && s.length() < 600; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !s.toString().contains(c.getMessage())) {
                s.append(s.isEmpty() ? "" : " / ").append(c.getMessage());
            }
        }
        return s.isEmpty() ? t.getClass().getSimpleName() : s.toString();
    }

    private static String truncate(String s) {
        return s.length() > 1900 ? s.substring(0, 1900) : s;
    }
}
