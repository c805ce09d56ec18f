package io.rapport.mail.internal;

import io.rapport.mail.MailMessages;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns an incoming message into a received email activity. Whether it was imported already is asked of every email
 * (as the system: a message tracked from another mailbox is not tracked twice); everything else is read as the
 * caller: the email it answers (its tracking token in the subject, else In-Reply-To), whose regarding record and
 * conversation it joins, and the contacts, leads, accounts and users its addresses belong to, which become its
 * parties. A message answering nothing is regarding its sender's contact, lead or account.
 */
@Component
class IncomingEmails {

    /** The addressing of a message. */
    record Headers(String messageId, String subject, String from, String to, String cc, String bcc) {
    }

    private static final Set<String> REGARDING_SENDERS = Set.of("contact", "lead", "account");

    private final CallerProvider callers;

    IncomingEmails(CallerProvider callers) {
        this.callers = callers;
    }

    /** 0 to deliver, 1 when already tracked, 2 when it answers no tracked email and no address is known. */
    int check(PluginContext context, Headers h, String inReplyTo) {
        OrganizationService system = context.service().as(callers.system());
        if (!system.retrieveMultiple(QueryExpression.from("email").columns(ColumnSet.none())
                .where(Condition.eq("messageid", h.messageId())).top(1).build()).entities().isEmpty()) {
            return 1;
        }
        if (answered(context.service(), h.subject(), inReplyTo).isPresent()) {
            return 0;
        }
        for (String address : addresses(h)) {
            Optional<EntityReference> owner = Addresses.owner(context.service(), address);
            if (owner.isPresent() && !"systemuser".equals(owner.get().logicalName())) {
                return 0;
            }
        }
        return 2;
    }

    UUID deliver(PluginContext context, Headers h, Instant receivedOn, String body, String importance, Entity extra,
            List<Entity> attachments) {
        OrganizationService service = context.service();
        Optional<Entity> parent = answered(service, h.subject(), extra.getString("inreplyto"));
        Optional<EntityReference> sender = Addresses.split(h.from()).stream().findFirst()
                .flatMap(a -> Addresses.owner(service, a));
        Entity email = new Entity("email").set("subject", h.subject() == null ? "" : truncate(h.subject(), 400))
                .set("description", body).set("directioncode", false).set("messageid", h.messageId())
                .set("sender", truncate(h.from(), 250)).set("torecipients", truncate(h.to(), 500))
                .set("ccrecipients", truncate(h.cc(), 500)).set("statecode", MailMessages.COMPLETED)
                .set("statuscode", MailMessages.RECEIVED).set("actualend", receivedOn)
                .set("inreplyto", extra.getString("inreplyto"))
                .set("conversationindex", extra.getString("conversationindex"))
                .set("prioritycode", priority(importance)).set("attachmentcount", attachments.size());
        if (parent.isPresent()) {
            email.set("parentactivityid", parent.get().toReference());
            email.set("regardingobjectid", parent.get().getReference("regardingobjectid"));
            email.set("trackingtoken", parent.get().getString("trackingtoken"));
        } else if (sender.isPresent() && REGARDING_SENDERS.contains(sender.get().logicalName())) {
            email.set("regardingobjectid", sender.get());
        }
        UUID id = service.create(email);
        EntityReference activity = new EntityReference("email", id);
        party(service, activity, 1, Addresses.split(h.from()));
        party(service, activity, 2, Addresses.split(h.to()));
        party(service, activity, 3, Addresses.split(h.cc()));
        int number = 0;
        for (Entity a : attachments) {
            Entity copy = new Entity("activitymimeattachment").set("objectid", activity)
                    .set("filename", a.getString("filename")).set("mimetype", a.getString("mimetype"))
                    .set("body", a.getString("body")).set("attachmentnumber", number++);
            if (a.getString("attachmentcontentid") != null) {
                copy.set("attachmentcontentid", a.getString("attachmentcontentid"));
            }
            service.create(copy);
        }
        return id;
    }

    /** The tracked email this message answers: by tracking token in the subject, else by In-Reply-To. */
    private static Optional<Entity> answered(OrganizationService service, String subject, String inReplyTo) {
        ColumnSet columns = ColumnSet.of("regardingobjectid", "trackingtoken", "messageid");
        Optional<String> token = TrackingTokens.find(subject);
        if (token.isPresent()) {
            List<Entity> found = service.retrieveMultiple(QueryExpression.from("email").columns(columns)
                    .where(Condition.eq("trackingtoken", token.get())).where(Condition.eq("directioncode", true))
                    .top(1).build()).entities();
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        if (inReplyTo != null && !inReplyTo.isBlank()) {
            return service.retrieveMultiple(QueryExpression.from("email").columns(columns)
                    .where(Condition.eq("messageid", inReplyTo.trim())).top(1).build()).entities().stream()
                    .findFirst();
        }
        return Optional.empty();
    }

    private static void party(OrganizationService service, EntityReference activity, int mask,
            List<String> addresses) {
        for (String address : addresses) {
            Entity party = new Entity("activityparty").set("activityid", activity).set("participationtypemask", mask)
                    .set("addressused", truncate(address, 200));
            Addresses.owner(service, address).ifPresent(owner -> party.set("partyid", owner));
            service.create(party);
        }
    }

    private static List<String> addresses(Headers h) {
        List<String> all = new ArrayList<>(Addresses.split(h.from()));
        all.addAll(Addresses.split(h.to()));
        all.addAll(Addresses.split(h.cc()));
        return all;
    }

    private static int priority(String importance) {
        String i = importance == null ? "" : importance.toLowerCase(Locale.ROOT);
        return switch (i) {
            case "low", "0", "5" -> 0;
            case "high", "2", "1" -> 2;
            default -> 1;
        };
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
