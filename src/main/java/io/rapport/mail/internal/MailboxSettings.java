package io.rapport.mail.internal;

import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.UUID;

/** A mailbox as the transports need it, passwords decrypted; kept in memory for one send or poll only. */
record MailboxSettings(UUID id, String name, String address, EntityReference owner, Server smtp, Server imap,
        String folder, Long uidValidity, Long lastUid) {

    /** One server: host, port, TLS mode (0 none, 1 STARTTLS, 2 SSL/TLS) and credentials. */
    record Server(String host, int port, int tls, String username, String password) {

        @Override
        public String toString() {
            return host + ":" + port + " tls=" + tls + " user=" + username;
        }
    }

    static MailboxSettings of(Entity mailbox, CredentialCipher cipher) {
        Server smtp = mailbox.getString("outgoingserverlocation") == null ? null
                : new Server(mailbox.getString("outgoingserverlocation"), intOr(mailbox, "outgoingportnumber", 587),
                        intOr(mailbox, "outgoingtlsmode", 1), mailbox.getString("outgoingusername"),
                        cipher.decrypt(mailbox.getString("outgoingpassword")));
        Server imap = mailbox.getString("incomingserverlocation") == null ? null
                : new Server(mailbox.getString("incomingserverlocation"), intOr(mailbox, "incomingportnumber", 993),
                        intOr(mailbox, "incomingtlsmode", 2), mailbox.getString("incomingusername"),
                        cipher.decrypt(mailbox.getString("incomingpassword")));
        String folder = mailbox.getString("incomingfolder") == null ? "INBOX" : mailbox.getString("incomingfolder");
        return new MailboxSettings(mailbox.id(), mailbox.getString("name"), mailbox.getString("emailaddress"),
                mailbox.getReference("ownerid"), smtp, imap, folder, mailbox.getLong("incominguidvalidity"),
                mailbox.getLong("incominglastuid"));
    }

    private static int intOr(Entity e, String attribute, int fallback) {
        return e.get(attribute) instanceof Integer i ? i : fallback;
    }
}
