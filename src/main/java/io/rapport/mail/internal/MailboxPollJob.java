package io.rapport.mail.internal;

import io.rapport.error.RapportException;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.RecurringJob;
import io.rapport.mail.MailMessages;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tracks incoming mail: every {@code rapport.mail.poll-interval}, on one node, each active IMAP mailbox (in pages) is
 * read past its last UID; each new message is asked CheckIncomingEmail and, when it should be tracked, delivered with
 * DeliverIncomingEmail, both as the mailbox's owner (their access decides what it is linked to), each message in a
 * transaction of its own. The mailbox then records the UID reached, the time and the status, or the error.
 */
@Component
class MailboxPollJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(MailboxPollJob.class);
    private static final int PAGE = 50;

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final Mailboxes mailboxes;
    private final ImapReader reader;
    private final MailProperties properties;
    private final Clock clock;

    MailboxPollJob(OrganizationService organization, CallerProvider callers, Mailboxes mailboxes, ImapReader reader,
            MailProperties properties, Clock clock) {
        this.organization = organization;
        this.callers = callers;
        this.mailboxes = mailboxes;
        this.reader = reader;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mail-track-mailboxes";
    }

    @Override
    public JobSchedule schedule() {
        return JobSchedule.fixedDelay(properties.pollInterval());
    }

    @Override
    public void run(JobRun run) {
        UUID after = null;
        for (List<Entity> page = mailboxes.trackedAfter(null, PAGE); !page.isEmpty();
                page = mailboxes.trackedAfter(after, PAGE)) {
            for (Entity m : page) {
                poll(m.id());
                after = m.id();
            }
        }
    }

    /** Reads one mailbox; returns how many messages became email activities. */
    int poll(UUID mailboxId) {
        MailboxSettings mailbox = mailboxes.settings(mailboxId);
        Entity status = new Entity("mailbox", mailboxId);
        int delivered = 0;
        try {
            if (mailbox.imap() == null || mailbox.owner() == null) {
                throw new IllegalStateException("The mailbox has no IMAP server.");
            }
            ImapReader.Batch batch = reader.read(mailbox, properties.pollBatch());
            OrganizationService owner = "systemuser".equals(mailbox.owner().logicalName())
                    ? organization.as(callers.forUser(mailbox.owner().id(), Channel.SYSTEM)) : mailboxes.system();
            for (ImapReader.Incoming message : batch.messages()) {
                if (deliver(owner, message)) {
                    delivered++;
                }
            }
            status.set("incominguidvalidity", batch.uidValidity()).set("incominglastuid", batch.lastUid())
                    .set("incomingemailstatus", 1).set("lastsuccessfulsynccompletedon", Instant.now(clock))
                    .set("lastsyncerror", null);
            log.info("Mailbox read mailbox={} messages={} tracked={}", mailboxId, batch.messages().size(), delivered);
        } catch (Exception e) {
            log.warn("Mailbox read failed mailbox={} error={}", mailboxId, e.toString());
            status.set("incomingemailstatus", 2).set("lastsyncerror", truncate(String.valueOf(e.getMessage())));
        }
        mailboxes.system().update(status);
        return delivered;
    }

    private boolean deliver(OrganizationService owner, ImapReader.Incoming message) {
        IncomingEmails.Headers h = message.headers();
        Map<String, Object> headers = new HashMap<>();
        headers.put("MessageId", h.messageId());
        headers.put("Subject", h.subject());
        headers.put("From", h.from());
        headers.put("To", h.to());
        headers.put("Cc", h.cc());
        Entity extra = new Entity("email").set("inreplyto", message.inReplyTo())
                .set("conversationindex", message.conversationIndex());
        headers.put("ExtraProperties", extra);
        try {
            Object should = owner.execute(new ActionRequest(MailMessages.CHECK_INCOMING_EMAIL, headers))
                    .output("ShouldDeliver");
            if (!Boolean.TRUE.equals(should)) {
                return false;
            }
            Map<String, Object> parameters = new HashMap<>(headers);
            parameters.put("ReceivedOn", message.receivedOn());
            parameters.put("Body", message.body());
            parameters.put("Importance", message.importance());
            parameters.put("ValidateBeforeCreate", true);
            parameters.put("Attachments", message.attachments().stream().map(a -> new Entity("activitymimeattachment")
                    .set("filename", a.fileName()).set("mimetype", a.mimeType()).set("body", a.base64())
                    .set("attachmentcontentid", a.contentId())).toList());
            owner.execute(new ActionRequest(MailMessages.DELIVER_INCOMING_EMAIL, parameters));
            return true;
        } catch (RapportException e) {
            // already tracked, nothing to link it to, or refused for the owner: skipped, the next message goes on
            log.info("Incoming message not tracked messageId={} reason={}", h.messageId(), e.getMessage());
            return false;
        }
    }

    private static String truncate(String s) {
        return s.length() > 1900 ? s.substring(0, 1900) : s;
    }
}
