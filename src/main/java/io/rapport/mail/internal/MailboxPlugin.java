package io.rapport.mail.internal;

import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Mailbox rules. On create and update: a new mailbox belongs to its creator unless it names a user or queue; SMTP
 * needs a server, IMAP a server and a user name (every missing setting reported at once); passwords are encrypted
 * before they are stored (an empty password on update keeps the stored one, as a form that never shows it sends
 * none). Reads never return the passwords: they are write-only in the metadata ({@code validForRead: false}), which
 * the store honours on every read path; only {@link Mailboxes} reads the ciphertext, as the system, by name.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "mailbox", stage = Stage.PRE_OPERATION)
class MailboxPlugin implements Plugin {

    static final List<String> PASSWORDS = List.of("outgoingpassword", "incomingpassword");

    private final CredentialCipher cipher;

    MailboxPlugin(CredentialCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        boolean create = Messages.CREATE.equals(context.messageName());
        if (create && target.get("regardingobjectid") == null) {
            target.set("regardingobjectid", new EntityReference("systemuser", context.caller().userId()));
        }
        check(context);
        for (String attribute : PASSWORDS) {
            if (!target.contains(attribute)) {
                continue;
            }
            Object value = target.get(attribute);
            if (value instanceof String plain && !plain.isEmpty()) {
                target.set(attribute, cipher.encrypt(plain));
            } else if (create) {
                target.set(attribute, null);
            } else {
                target.remove(attribute);
            }
        }
    }

    private static void check(PluginContext context) {
        List<String> problems = new ArrayList<>();
        if (Integer.valueOf(2).equals(context.valueAfter("outgoingemaildeliverymethod"))
                && blank(context.valueAfter("outgoingserverlocation"))) {
            problems.add("Sending by SMTP needs the SMTP server (outgoingserverlocation).");
        }
        if (Integer.valueOf(2).equals(context.valueAfter("incomingemaildeliverymethod"))) {
            if (blank(context.valueAfter("incomingserverlocation"))) {
                problems.add("Tracking by IMAP needs the IMAP server (incomingserverlocation).");
            }
            if (blank(context.valueAfter("incomingusername"))) {
                problems.add("Tracking by IMAP needs the IMAP user name (incomingusername).");
            }
        }
        if (!problems.isEmpty()) {
            throw RapportException.invalid(String.join(" ", problems));
        }
    }

    private static boolean blank(Object value) {
        return !(value instanceof String s) || s.isBlank();
    }
}
