package io.rapport.web.internal.mail;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.Ui;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds the mail panel of an email (where it stands in the send queue, why it failed, "Send" for a draft or failed
 * email, and the templates a draft can be filled from) and of a mailbox (outcome of the last connection test and mail read, "Test connection"), from the record
 * the form read as the signed-in user.
 */
@Component
public class MailPanels {

    /** At most this many templates are offered in the list. */
    static final int MAX_TEMPLATES = 200;

    private final ActionCatalog actions;
    private final MessageSource messages;

    MailPanels(ActionCatalog actions, MessageSource messages) {
        this.actions = actions;
        this.messages = messages;
    }

    public Optional<MailPanel> of(Ui ui, EntityMetadata e, Entity record) {
        if (record == null) {
            return Optional.empty();
        }
        if (e.logicalName().equals("email")) {
            return Optional.of(email(ui, record));
        }
        if (e.logicalName().equals("mailbox")) {
            return Optional.of(mailbox(ui, record));
        }
        return Optional.empty();
    }

    private MailPanel email(Ui ui, Entity r) {
        int state = r.get("statecode") instanceof Integer s ? s : 0;
        int status = r.get("statuscode") instanceof Integer s ? s : 1;
        List<String> lines = new ArrayList<>();
        String failure = null;
        String reason = r.getString("failurereason");
        switch (status) {
            case 6, 7 -> lines.add(text(ui, "mail.status.pending", value(r, "deliveryattempts", "0")));
            case 3 -> lines.add(text(ui, "mail.status.sent", value(r, "senton", "")));
            case 4 -> lines.add(text(ui, "mail.status.received"));
            case 8 -> failure = text(ui, "mail.status.failed");
            default -> {
            }
        }
        if (reason != null && !reason.isBlank()) {
            String line = text(ui, "mail.failureReason", reason);
            failure = failure == null ? line : failure + " " + line;
        }
        boolean sendable = state == 0 && actions.find("SendEmail").isPresent();
        return new MailPanel("email", r.id(), lines, failure, sendable ? "send" : null,
                sendable ? text(ui, "mail.send") : null, state == 0 ? templates(ui, r) : List.of());
    }

    /**
     * The templates a draft can be filled from: those for the type of the record the email is about (its regarding
     * record, else its first recipient) and the global ones (type {@code systemuser}), the reader's language first.
     */
    private List<MailPanel.Choice> templates(Ui ui, Entity email) {
        if (actions.find("InstantiateTemplate").isEmpty()) {
            return List.of();
        }
        EntityReference object = TemplateTargets.of(ui, email);
        List<String> types = object == null ? List.of("systemuser") : List.of("systemuser", object.logicalName());
        int language = switch (ui.language()) {
            case "es" -> 3082;
            case "pt-BR" -> 1046;
            default -> 1033;
        };
        List<Entity> found = new ArrayList<>(ui.service().retrieveMultiple(QueryExpression.from("template")
                .select("title", "languagecode").where(Condition.of("templatetypecode", ConditionOperator.IN,
                        types.toArray())).orderBy(Order.asc("title")).top(MAX_TEMPLATES).build()).entities());
        found.sort(Comparator.comparing((Entity t) -> !Integer.valueOf(language).equals(t.get("languagecode"))));
        return found.stream().map(t -> new MailPanel.Choice(t.id(), Integer.valueOf(language)
                .equals(t.get("languagecode")) ? t.getString("title") : t.getString("title") + " ("
                        + value(t, "languagecode", "") + ")")).toList();
    }

    private MailPanel mailbox(Ui ui, Entity r) {
        List<String> lines = new ArrayList<>();
        lines.add(text(ui, "mail.test.outgoing", text(ui, "mail.test.status." + status(r, "outgoingemailstatus"))));
        lines.add(text(ui, "mail.test.incoming", text(ui, "mail.test.status." + status(r, "incomingemailstatus"))));
        if (r.get("lastsuccessfulsynccompletedon") != null) {
            lines.add(text(ui, "mail.test.lastSync", value(r, "lastsuccessfulsynccompletedon", "")));
        }
        String error = r.getString("lastsyncerror");
        return new MailPanel("mailbox", r.id(), lines, error == null ? null : text(ui, "mail.test.lastError", error),
                "test", text(ui, "mail.testConnection"), List.of());
    }

    private static int status(Entity r, String attribute) {
        return r.get(attribute) instanceof Integer i && i >= 0 && i <= 2 ? i : 0;
    }

    private static String value(Entity r, String attribute, String fallback) {
        String formatted = r.formattedValues().get(attribute);
        if (formatted != null) {
            return formatted;
        }
        return r.get(attribute) == null ? fallback : r.get(attribute).toString();
    }

    private String text(Ui ui, String key, Object... args) {
        return messages.getMessage(key, args, ui.locale());
    }
}
