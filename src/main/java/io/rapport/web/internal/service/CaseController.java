package io.rapport.web.internal.service;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The case panel's commands: resolve (CloseIncident with a resolution), cancel and reactivate (SetState). */
@Controller
class CaseController {

    private final UiFactory uis;
    private final ErrorMessages errors;
    private final MessageSource messages;

    CaseController(UiFactory uis, ErrorMessages errors, MessageSource messages) {
        this.uis = uis;
        this.errors = errors;
        this.messages = messages;
    }

    @PostMapping("/app/incident/{id}/resolve")
    String resolve(@PathVariable UUID id, @RequestParam int status, @RequestParam(defaultValue = "") String subject,
            @RequestParam(required = false) Integer timeSpent, @RequestParam(defaultValue = "") String description,
            Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, id, () -> {
            Entity resolution = new Entity("incidentresolution").set("incidentid", new EntityReference("incident", id))
                    .set("timespent", timeSpent == null ? 0 : timeSpent);
            if (!subject.isBlank()) {
                resolution.set("subject", subject.trim());
            }
            if (!description.isBlank()) {
                resolution.set("description", description.trim());
            }
            ui.service().execute(new ActionRequest(CasePanels.CLOSE_INCIDENT, Map.of("IncidentResolution", resolution,
                    "Status", status)));
        });
    }

    @PostMapping("/app/incident/{id}/cancel")
    String cancel(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, id, () -> ui.service().execute(new SetStateRequest(new EntityReference("incident", id),
                2, 6)));
    }

    @PostMapping("/app/incident/{id}/reactivate")
    String reactivate(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, id, () -> ui.service().execute(new SetStateRequest(new EntityReference("incident", id),
                0, 1)));
    }

    private String run(Ui ui, RedirectAttributes flash, UUID id, Runnable work) {
        try {
            work.run();
            flash.addFlashAttribute("notice", messages.getMessage("form.saved", null, ui.locale()));
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity("incident"), ui.locale()));
        }
        return "redirect:/app/incident/" + id;
    }
}
