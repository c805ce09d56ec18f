package io.rapport.importing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.mail.MailMessages;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The e-mail a bulk deletion job sends when a run ends, as Dataverse's BulkDelete does with
 * {@code SendEmailNotification}: from the user who submitted it (through their mailbox, as any e-mail they send), to the
 * users of {@code ToRecipients} with those of {@code CCRecipients} in copy, in the submitter's language: the job's
 * name, how it ended, the records deleted and those that could not be, the error of a failed run and the next run of a
 * recurring one. Recipients are given as Dataverse's Web API sends the SDK's {@code Guid[]} (activityparty objects with
 * {@code activitypartyid}, or {@code partyid_systemuser@odata.bind}), or as user ids; each must be a user with an
 * e-mail address.
 */
@Component
class BulkDeleteNotice {

    static final int MAX_RECIPIENTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BIND = Pattern.compile("/?systemusers\\(([0-9a-fA-F-]{36})\\)");

    private final MessageSource messages;

    BulkDeleteNotice(MessageSource messages) {
        this.messages = messages;
    }

    /** The user ids of a recipients parameter; what cannot be read is added to {@code problems}, named. */
    static List<UUID> recipients(Object value, String name, List<String> problems) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            return List.of();
        }
        if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof UUID id) {
                    ids.add(id);
                } else if (item instanceof EntityReference ref && ref.logicalName().equals("systemuser")) {
                    ids.add(ref.id());
                } else {
                    problems.add(name + " must name users.");
                    return List.of();
                }
            }
        } else if (value instanceof JsonNode array && array.isArray()) {
            int index = 0;
            for (JsonNode item : array) {
                UUID id = id(item);
                if (id == null) {
                    problems.add(name + "[" + index + "] must be a user: an activityparty with activitypartyid (the "
                            + "user's id) or partyid_systemuser@odata.bind.");
                } else {
                    ids.add(id);
                }
                index++;
            }
        } else {
            problems.add(name + " must be an array of activityparty objects naming users.");
            return List.of();
        }
        if (ids.size() > MAX_RECIPIENTS) {
            problems.add(name + " names " + ids.size() + " users; at most " + MAX_RECIPIENTS + " are allowed.");
        }
        return List.copyOf(ids);
    }

    private static UUID id(JsonNode item) {
        try {
            if (item.isTextual()) {
                return UUID.fromString(item.asText());
            }
            if (item.isObject()) {
                if (item.path("activitypartyid").isTextual()) {
                    return UUID.fromString(item.path("activitypartyid").asText());
                }
                Matcher m = BIND.matcher(item.path("partyid_systemuser@odata.bind").asText(""));
                if (m.matches()) {
                    return UUID.fromString(m.group(1));
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** Each recipient must be a user with an e-mail address (read as the system). */
    static void checkUsers(OrganizationService system, List<UUID> users, String name, List<String> problems) {
        for (UUID user : users) {
            try {
                Entity u = system.retrieve("systemuser", user, ColumnSet.of("internalemailaddress", "fullname"));
                if (u.getString("internalemailaddress") == null || u.getString("internalemailaddress").isBlank()) {
                    problems.add(name + ": the user " + u.getString("fullname") + " (" + user + ") has no e-mail "
                            + "address.");
                }
            } catch (RapportException e) {
                if (e.code() != ErrorCode.OBJECT_DOES_NOT_EXIST) {
                    throw e;
                }
                problems.add(name + ": there is no user with the id " + user + ".");
            }
        }
    }

    static String write(List<UUID> to, List<UUID> cc) {
        ObjectNode node = JSON.createObjectNode();
        to.forEach(id -> node.withArray("to").add(id.toString()));
        cc.forEach(id -> node.withArray("cc").add(id.toString()));
        return node.toString();
    }

    private static List<UUID> read(JsonNode node, String field) {
        List<UUID> ids = new ArrayList<>();
        node.path(field).forEach(id -> ids.add(UUID.fromString(id.asText())));
        return ids;
    }

    /**
     * Sends the notice of a run that ended with {@code status} (30 succeeded, 31 failed, 32 canceled), as the job's
     * owner ({@code owner}: their service), when the job has recipients; the e-mail joins the owner's send queue.
     */
    void send(OrganizationService owner, UUID ownerId, Entity operation, int status, int deleted, int failed,
            String error, Instant nextRun) {
        String stored = operation.getString("notificationrecipients");
        if (stored == null || stored.isBlank()) {
            return;
        }
        JsonNode recipients;
        try {
            recipients = JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable recipients of bulkdeleteoperation " + operation.id(), e);
        }
        Locale locale = locale(owner.retrieve("systemuser", ownerId, ColumnSet.of("uilanguage"))
                .getString("uilanguage"));
        String name = operation.getString("name");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
        String statusText = messages.getMessage("bulkDelete.mail.status." + status, null, locale);
        StringBuilder body = new StringBuilder(messages.getMessage("bulkDelete.mail.body", new Object[] {
                HtmlUtils.htmlEscape(name), time.format(Instant.now()), statusText, String.valueOf(deleted),
                String.valueOf(failed)}, locale));
        if (failed > 0) {
            body.append(messages.getMessage("bulkDelete.mail.failures", null, locale));
        }
        if (error != null) {
            body.append(messages.getMessage("bulkDelete.mail.error", new Object[] {HtmlUtils.htmlEscape(error)},
                    locale));
        }
        if (nextRun != null) {
            body.append(messages.getMessage("bulkDelete.mail.next", new Object[] {time.format(nextRun)}, locale));
        }
        UUID email = owner.create(new Entity("email").set("subject", messages.getMessage("bulkDelete.mail.subject",
                new Object[] {name, statusText, String.valueOf(deleted), String.valueOf(failed)}, locale))
                .set("description", body.toString()));
        EntityReference activity = new EntityReference("email", email);
        party(owner, activity, ownerId, 1);
        read(recipients, "to").forEach(to -> party(owner, activity, to, 2));
        read(recipients, "cc").forEach(cc -> party(owner, activity, cc, 3));
        owner.execute(new ActionRequest(MailMessages.SEND_EMAIL, activity, Map.of("IssueSend", true)));
    }

    /** A user on the e-mail as sender (1), To (2) or Cc (3) recipient. */
    private static void party(OrganizationService owner, EntityReference email, UUID user, int participation) {
        owner.create(new Entity("activityparty").set("activityid", email)
                .set("partyid", new EntityReference("systemuser", user)).set("participationtypemask", participation));
    }

    private static Locale locale(String language) {
        if (language == null || language.isBlank()) {
            return Locale.ENGLISH;
        }
        return Locale.forLanguageTag(language.replace('_', '-'));
    }
}
