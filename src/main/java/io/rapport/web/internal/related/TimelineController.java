package io.rapport.web.internal.related;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            @RequestParam(required = false) String due, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String cc, Locale locale,
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
        // an email's sender and recipients are its activity parties (Sender 1, To 2, Cc 3), written with it
        List<EntityReference> parties = new ArrayList<>();
        List<Integer> masks = new ArrayList<>();
        if (type.equals("email")) {
            addParty(parties, masks, from, 1);
            addParty(parties, masks, to, 2);
            addParty(parties, masks, cc, 3);
        }
        String error = null;
        try {
            ui.service().inTransaction(() -> {
                UUID created = ui.service().execute(new CreateRequest(record)).id();
                EntityReference ref = new EntityReference(type, created);
                for (int i = 0; i < parties.size(); i++) {
                    ui.service().create(new Entity("activityparty").set("activityid", ref)
                            .set("partyid", parties.get(i)).set("participationtypemask", masks.get(i)));
                }
                if (type.equals("email") && masks.contains(2)) {
                    // an email with a recipient is sent at once (queued with SendEmail), all or nothing
                    ui.service().execute(new ActionRequest("SendEmail", ref, Map.of("IssueSend", true)));
                }
                return created;
            });
        } catch (RapportException e) {
            error = errors.message(e, e.attribute() != null && !kind.hasAttribute(e.attribute())
                    ? ui.entity("activityparty") : kind, locale);
        }
        model.addAttribute("tl", timeline.build(ui, entity, id, error, error == null ? null : type));
        return "fragments/timeline :: timeline";
    }

    private static void addParty(List<EntityReference> parties, List<Integer> masks, String value, int mask) {
        if (value == null || value.isBlank()) {
            return;
        }
        int colon = value.indexOf(':');
        try {
            parties.add(new EntityReference(value.substring(0, colon), UUID.fromString(value.substring(colon + 1))));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw RapportException.invalid("Not a record: " + value);
        }
        masks.add(mask);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
