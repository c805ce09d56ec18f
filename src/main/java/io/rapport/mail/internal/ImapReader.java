package io.rapport.mail.internal;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a mailbox's folder over IMAP, read-only (flags are left as they are): the messages whose UID is past the last
 * one imported, oldest first, at most a batch. A new UIDVALIDITY (the folder was rebuilt) starts again from the
 * beginning; Message-IDs keep that from importing anything twice.
 */
@Component
class ImapReader {

    /** One attachment as stored: base64 content. */
    record Attachment(String fileName, String mimeType, String base64, String contentId) {
    }

    /** A message as DeliverIncomingEmail takes it. */
    record Incoming(long uid, IncomingEmails.Headers headers, Instant receivedOn, String body, String importance,
            String inReplyTo, String conversationIndex, List<Attachment> attachments) {
    }

    /** What a read found, and where the next one starts. */
    record Batch(long uidValidity, long lastUid, List<Incoming> messages) {
    }

    private final MailSessions sessions;

    ImapReader(MailSessions sessions) {
        this.sessions = sessions;
    }

    Batch read(MailboxSettings mailbox, int max) throws MessagingException, IOException {
        try (Store store = sessions.openImap(mailbox.imap())) {
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) folder;
                long validity = uids.getUIDValidity();
                long last = mailbox.uidValidity() != null && mailbox.uidValidity() == validity
                        && mailbox.lastUid() != null ? mailbox.lastUid() : 0;
                List<Incoming> result = new ArrayList<>();
                long newest = last;
                for (Message m : uids.getMessagesByUID(last + 1, UIDFolder.MAXUID)) {
                    long uid = uids.getUID(m);
                    if (uid <= last) {
                        continue; // a server answers the last message when nothing is newer
                    }
                    if (result.size() >= max) {
                        break;
                    }
                    result.add(parse(uid, (MimeMessage) m));
                    newest = Math.max(newest, uid);
                }
                return new Batch(validity, newest, result);
            } finally {
                folder.close(false);
            }
        }
    }

    private static Incoming parse(long uid, MimeMessage m) throws MessagingException, IOException {
        String messageId = m.getMessageID() == null ? "<uid-" + uid + "@imap>" : m.getMessageID();
        Parts parts = new Parts();
        parts.walk(m);
        String body = parts.html != null ? parts.html : HtmlText.toHtml(parts.text == null ? "" : parts.text);
        String importance = first(m, "Importance");
        if (importance == null) {
            importance = first(m, "X-Priority");
        }
        Instant received = m.getReceivedDate() != null ? m.getReceivedDate().toInstant()
                : m.getSentDate() != null ? m.getSentDate().toInstant() : Instant.now();
        return new Incoming(uid, new IncomingEmails.Headers(messageId, m.getSubject(), list(m.getFrom()),
                list(m.getRecipients(Message.RecipientType.TO)), list(m.getRecipients(Message.RecipientType.CC)),
                null), received, body, importance == null ? null : importance.trim().split("\\s")[0],
                first(m, "In-Reply-To"), first(m, "Thread-Index"), parts.attachments);
    }

    private static String first(MimeMessage m, String header) throws MessagingException {
        String[] values = m.getHeader(header);
        return values == null || values.length == 0 ? null : values[0].trim();
    }

    private static String list(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Address a : addresses) {
            out.add(a instanceof InternetAddress ia ? ia.getAddress() : a.toString());
        }
        return String.join("; ", out);
    }

    /** The first HTML and plain text bodies and every attachment of a MIME tree. */
    private static final class Parts {
        private String html;
        private String text;
        private final List<Attachment> attachments = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            String fileName = part.getFileName();
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null) {
                try (InputStream in = part.getInputStream()) {
                    String type = part.getContentType() == null ? "application/octet-stream"
                            : part.getContentType().split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
                    String cid = part instanceof BodyPart && part.getHeader("Content-ID") != null
                            ? part.getHeader("Content-ID")[0].replaceAll("[<>]", "") : null;
                    attachments.add(new Attachment(fileName == null ? "attachment" : fileName, type,
                            Base64.getEncoder().encodeToString(in.readAllBytes()), cid));
                }
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) part.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    walk(mp.getBodyPart(i));
                }
            } else if (part.isMimeType("text/html") && html == null) {
                html = part.getContent().toString();
            } else if (part.isMimeType("text/plain") && text == null) {
                text = part.getContent().toString();
            }
        }
    }
}
