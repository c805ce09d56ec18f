package io.rapport.web.internal.related;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The timeline pane of a form: notes and activities about the record, newest first, with quick create of a
 * note or of any activity type (phone call, task, email, appointment) whose regarding lookup accepts the record.
 */
@Controller
class TimelineController {

    private final UiFactory uis;
    private final Timeline timeline;
    private final ErrorMessages errors;

    TimelineController(UiFactory uis, Timeline timeline, ErrorMessages errors) {
        this.uis = uis;
        this.timeline = timeline;
        this.errors = errors;
    }

    @GetMapping("/app/{entity}/{id}/timeline")
    String show(@PathVariable String entity, @PathVariable UUID id, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        model.addAttribute("tl", timeline.build(ui, entity, id, null, null));
        return "fragments/timeline :: timeline";
    }

    @PostMapping("/app/{entity}/{id}/timeline/{type}")
    String quickCreate(@PathVariable String entity, @PathVariable UUID id, @PathVariable String type,
            @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String description,
            @RequestParam(required = false) String due, @RequestParam(required = false) String to, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata kind = ui.entity(type);
        if (!timeline.quickCreateTypes(ui, entity).contains(type)) {
            throw RapportException.invalid(type + " cannot be created on the timeline of " + entity);
        }
        Entity record = new Entity(type);
        EntityReference regarding = new EntityReference(entity, id);
        if (type.equals("annotation")) {
            record.set("subject", blankToNull(subject)).set("notetext", blankToNull(description))
                    .set("objectid", regarding);
        } else {
            record.set("subject", blankToNull(subject)).set("regardingobjectid", regarding);
            if (kind.hasAttribute("description")) {
                record.set("description", blankToNull(description));
            }
            if (due != null && !due.isBlank() && kind.hasAttribute("scheduledend")) {
                try {
                    record.set("scheduledend", LocalDateTime.parse(due).atZone(ui.caller().zone()).toInstant());
                } catch (DateTimeParseException e) {
                    throw RapportException.invalid("Not a date and time: " + due);
                }
            }
        }
        String error = null;
        try {
            if (type.equals("email") && to != null && !to.isBlank()) {
                sendEmail(ui, record, regarding, to.trim());
            } else {
                ui.service().execute(new CreateRequest(record));
            }
        } catch (RapportException e) {
            error = errors.message(e, kind, locale);
        }
        model.addAttribute("tl", timeline.build(ui, entity, id, error, error == null ? null : type));
        return "fragments/timeline :: timeline";
    }

    /**
     * An email written on the timeline is sent at once: created with the recipient (the record itself as the To
     * party when the address is its own, else the address) and queued with SendEmail, all or nothing.
     */
    private static void sendEmail(Ui ui, Entity email, EntityReference regarding, String to) {
        ui.service().inTransaction(() -> {
            String own = Timeline.emailAddress(ui, regarding.logicalName(), regarding.id());
            boolean toRecord = own != null && own.equalsIgnoreCase(to);
            if (!toRecord) {
                email.set("torecipients", to);
            }
            java.util.UUID emailId = ui.service().create(email);
            EntityReference ref = new EntityReference("email", emailId);
            if (toRecord) {
                ui.service().create(new Entity("activityparty").set("activityid", ref).set("partyid", regarding)
                        .set("participationtypemask", 2).set("addressused", own));
            }
            ui.service().execute(new io.rapport.pipeline.ActionRequest("SendEmail", ref,
                    java.util.Map.of("IssueSend", true)));
            return null;
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
