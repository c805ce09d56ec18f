package io.rapport.mail.internal;

import io.rapport.mail.MailMessages;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Rapport's TestMailboxConnection (bound to mailbox; Dataverse tests mailboxes in the background instead): connects
 * and signs in to the SMTP server and opens the IMAP folder with the stored settings, records
 * {@code outgoingemailstatus} / {@code incomingemailstatus} (1 success, 2 failure, 0 not configured),
 * {@code testmailboxaccesscompletedon} and the error on the mailbox, and returns them. Needs Write on the mailbox
 * (its owner's); the passwords are read by the system and never leave the server.
 */
@Component
class TestMailboxConnectionAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(MailMessages.TEST_MAILBOX_CONNECTION,
            "mailbox", false, List.of(), List.of(Parameter.required("OutgoingStatus", "Int32"),
                    Parameter.required("IncomingStatus", "Int32"), Parameter.optional("OutgoingError", "String"),
                    Parameter.optional("IncomingError", "String")));

    private final Mailboxes mailboxes;
    private final MailSessions sessions;
    private final Clock clock;

    TestMailboxConnectionAction(Mailboxes mailboxes, MailSessions sessions, Clock clock) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(request.target(), Privilege.WRITE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        MailboxSettings mailbox = mailboxes.settings(request.target().id());
        Map<String, Object> out = new LinkedHashMap<>();
        int outgoing = 0;
        int incoming = 0;
        if (mailbox.smtp() != null) {
            try {
                sessions.testSmtp(mailbox.smtp());
                outgoing = 1;
            } catch (Exception e) {
                outgoing = 2;
                out.put("OutgoingError", "SMTP " + mailbox.smtp().host() + ":" + mailbox.smtp().port() + ": "
                        + e.getMessage());
            }
        }
        if (mailbox.imap() != null) {
            try (Store store = sessions.openImap(mailbox.imap())) {
                Folder folder = store.getFolder(mailbox.folder());
                folder.open(Folder.READ_ONLY);
                folder.close(false);
                incoming = 1;
            } catch (Exception e) {
                incoming = 2;
                out.put("IncomingError", "IMAP " + mailbox.imap().host() + ":" + mailbox.imap().port() + ": "
                        + e.getMessage());
            }
        }
        out.put("OutgoingStatus", outgoing);
        out.put("IncomingStatus", incoming);
        String error = String.join(" ", out.entrySet().stream().filter(en -> en.getKey().endsWith("Error"))
                .map(en -> String.valueOf(en.getValue())).toList());
        context.service().update(new Entity("mailbox", mailbox.id()).set("outgoingemailstatus", outgoing)
                .set("incomingemailstatus", incoming).set("testmailboxaccesscompletedon", Instant.now(clock))
                .set("lastsyncerror", error.isEmpty() ? null : error.length() > 1900 ? error.substring(0, 1900)
                        : error));
        return new ActionResponse(out);
    }
}
