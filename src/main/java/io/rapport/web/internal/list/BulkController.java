package io.rapport.web.internal.list;

import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.States;
import io.rapport.web.internal.support.ReturnPaths;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs one action on the selected rows of a list, each record its own message so that one failure does not
 * undo the others; the page reports how many succeeded and the first failure.
 */
@Controller
class BulkController {

    private static final Logger log = LoggerFactory.getLogger(BulkController.class);

    private final UiFactory uis;
    private final MessageSource messages;

    BulkController(UiFactory uis, MessageSource messages) {
        this.uis = uis;
        this.messages = messages;
    }

    @PostMapping("/app/{entity}/bulk")
    String run(@PathVariable String entity, @RequestParam String action,
            @RequestParam(name = "id", required = false) List<UUID> ids,
            @RequestParam(required = false) String assignee, @RequestParam(required = false) String returnTo,
            Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        boolean activeInactive = States.isActiveInactive(ui.entity(entity));
        if (!activeInactive && (action.equals("activate") || action.equals("deactivate"))) {
            throw RapportException.invalid(entity + " records change state through their own commands");
        }
        int done = 0;
        String firstError = null;
        for (UUID id : ids == null ? List.<UUID>of() : ids) {
            EntityReference ref = new EntityReference(entity, id);
            try {
                switch (action) {
                    case "delete" -> ui.service().execute(new DeleteRequest(ref));
                    case "activate" -> ui.service().execute(new SetStateRequest(ref, 0, -1));
                    case "deactivate" -> ui.service().execute(new SetStateRequest(ref, 1, -1));
                    case "assign" -> ui.service().execute(new AssignRequest(ref,
                            new EntityReference("systemuser", requireAssignee(assignee))));
                    default -> throw RapportException.invalid("Unknown bulk action " + action);
                }
                done++;
            } catch (RapportException e) {
                log.info("bulk action failed action={} entity={} id={} code={}", action, entity, id, e.code());
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        flash.addFlashAttribute("notice", messages.getMessage("bulk.done", new Object[] {done}, locale));
        if (firstError != null) {
            flash.addFlashAttribute("alert", messages.getMessage("bulk.failed", new Object[] {firstError}, locale));
        }
        String back = ReturnPaths.safe(entity, returnTo, "/app/" + entity);
        return "redirect:" + back;
    }

    /** The chosen user: the assign dialog's search posts {@code systemuser:<id>}, as lookups do. */
    private static UUID requireAssignee(String assignee) {
        String id = assignee == null ? "" : assignee.startsWith("systemuser:")
                ? assignee.substring("systemuser:".length()) : assignee;
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw RapportException.invalid("Choose a user to assign the records to.");
        }
    }
}
