package io.rapport.mail.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the MIME message of an email activity, read as its owner: HTML and plain text alternatives, the
 * attachments ({@code activitymimeattachment}), recipients from the To/Cc/Bcc parties (their address used, else the
 * party record's) and the recipient fields, the subject with the tracking token, and the Message-ID, In-Reply-To
 * and References headers that let replies join the conversation.
 */
final class EmailComposer {

    static final int MAX_ATTACHMENTS = 50;
    static final ColumnSet EMAIL_COLUMNS = ColumnSet.of("subject", "description", "torecipients", "ccrecipients",
            "bccrecipients", "trackingtoken", "messageid", "inreplyto", "statuscode", "statecode", "ownerid",
            "sendersmailboxid", "deliveryattempts", "parentactivityid");

    private EmailComposer() {
    }

    /** Fails with a business error when the email has no recipient at all. */
    static MimeMessage compose(OrganizationService owner, Entity email, MailboxSettings from, Session session)
            throws MessagingException {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", email.getString("messageid"));
            }
        };
        try {
            m.setFrom(new InternetAddress(from.address(), from.name()));
        } catch (UnsupportedEncodingException e) {
            m.setFrom(new InternetAddress(from.address()));
        }
        Set<String> to = new LinkedHashSet<>(Addresses.split(email.getString("torecipients")));
        Set<String> cc = new LinkedHashSet<>(Addresses.split(email.getString("ccrecipients")));
        Set<String> bcc = new LinkedHashSet<>(Addresses.split(email.getString("bccrecipients")));
        for (Entity party : owner.retrieveMultiple(QueryExpression.from("activityparty")
                .select("partyid", "participationtypemask", "addressused")
                .where(Condition.eq("activityid", email.id())).top(500).build()).entities()) {
            int mask = party.get("participationtypemask") instanceof Integer i ? i : 0;
            Set<String> into = mask == 2 ? to : mask == 3 ? cc : mask == 4 ? bcc : null;
            if (into == null) {
                continue;
            }
            String address = party.getString("addressused");
            EntityReference ref = party.getReference("partyid");
            if ((address == null || address.isBlank()) && ref != null) {
                address = Addresses.of(owner, ref).orElse(null);
            }
            if (address != null && !address.isBlank()) {
                into.add(address.trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The email has no recipient with an email address.",
                    "torecipients");
        }
        m.setRecipients(Message.RecipientType.TO, addresses(to));
        m.setRecipients(Message.RecipientType.CC, addresses(cc));
        m.setRecipients(Message.RecipientType.BCC, addresses(bcc));
        m.setSubject(TrackingTokens.subjectWith(email.getString("subject"), email.getString("trackingtoken")),
                "UTF-8");
        if (email.getString("inreplyto") != null) {
            m.setHeader("In-Reply-To", email.getString("inreplyto"));
            m.setHeader("References", email.getString("inreplyto"));
        }
        m.setSentDate(new Date());
        String html = email.getString("description") == null ? "" : email.getString("description");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(HtmlText.toText(html), "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(HtmlText.isHtml(html) ? html : HtmlText.toHtml(html), "text/html; charset=UTF-8");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(rich);
        List<Entity> attachments = owner.retrieveMultiple(QueryExpression.from("activitymimeattachment")
                .select("filename", "mimetype", "body", "attachmentcontentid")
                .where(Condition.eq("objectid", email.id())).orderBy(Order.asc("attachmentnumber"))
                .orderBy(Order.asc("createdon")).top(MAX_ATTACHMENTS).build()).entities();
        if (attachments.isEmpty()) {
            m.setContent(alternatives);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternatives);
            mixed.addBodyPart(body);
            for (Entity a : attachments) {
                MimeBodyPart part = new MimeBodyPart();
                String type = a.getString("mimetype") == null ? "application/octet-stream" : a.getString("mimetype");
                byte[] bytes = a.getString("body") == null ? new byte[0]
                        : Base64.getMimeDecoder().decode(a.getString("body"));
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
                part.setFileName(a.getString("filename"));
                if (a.getString("attachmentcontentid") != null) {
                    part.setContentID("<" + a.getString("attachmentcontentid") + ">");
                }
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
        }
        m.saveChanges();
        return m;
    }

    private static InternetAddress[] addresses(Set<String> list) throws MessagingException {
        List<InternetAddress> result = new ArrayList<>();
        for (String a : list) {
            result.add(new InternetAddress(a, true));
        }
        return result.toArray(new InternetAddress[0]);
    }
}
