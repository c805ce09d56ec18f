package io.rapport.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.stereotype.Component;

/** Jakarta Mail sessions for a mailbox's SMTP and IMAP servers: TLS mode, authentication and timeouts. */
@Component
class MailSessions {

    private final MailProperties properties;

    MailSessions(MailProperties properties) {
        this.properties = properties;
    }

    Session smtp(MailboxSettings.Server server) {
        String protocol = server.tls() == 2 ? "smtps" : "smtp";
        Properties p = common(protocol, server);
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".auth", Boolean.toString(server.username() != null));
        if (server.tls() == 1) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return Session.getInstance(p);
    }

    Session imap(MailboxSettings.Server server) {
        String protocol = server.tls() == 2 ? "imaps" : "imap";
        Properties p = common(protocol, server);
        p.put("mail.store.protocol", protocol);
        if (server.tls() == 1) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        return Session.getInstance(p);
    }

    void send(MailboxSettings.Server server, MimeMessage message) throws MessagingException {
        try (Transport transport = message.getSession().getTransport()) {
            transport.connect(server.host(), server.port(), server.username(), server.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** Connects and authenticates to the SMTP server without sending anything. */
    void testSmtp(MailboxSettings.Server server) throws MessagingException {
        try (Transport transport = smtp(server).getTransport()) {
            transport.connect(server.host(), server.port(), server.username(), server.password());
        }
    }

    Store openImap(MailboxSettings.Server server) throws MessagingException {
        Store store = imap(server).getStore();
        store.connect(server.host(), server.port(), server.username(), server.password());
        return store;
    }

    private Properties common(String protocol, MailboxSettings.Server server) {
        Properties p = new Properties();
        String timeout = Long.toString(properties.timeout().toMillis());
        p.put("mail." + protocol + ".host", server.host());
        p.put("mail." + protocol + ".port", Integer.toString(server.port()));
        p.put("mail." + protocol + ".connectiontimeout", timeout);
        p.put("mail." + protocol + ".timeout", timeout);
        p.put("mail." + protocol + ".writetimeout", timeout);
        return p;
    }
}
