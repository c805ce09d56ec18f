package io.rapport.web.internal.service;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ReturnPaths;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The queue buttons of the queue item list and of the case form: pick (to me), release, route to another queue or to
 * a user, remove; and adding a case to a queue. Each is the Dataverse message (PickFromQueue, ReleaseToQueue,
 * RouteTo, RemoveFromQueue, AddToQueue) run as the signed-in user, one message per selected item.
 */
@Controller
class QueueItemController {

    private static final Logger log = LoggerFactory.getLogger(QueueItemController.class);

    private final UiFactory uis;
    private final MessageSource messages;

    QueueItemController(UiFactory uis, MessageSource messages) {
        this.uis = uis;
        this.messages = messages;
    }

    /** The list's buttons, on the selected queue items. */
    @PostMapping("/app/queueitem/work")
    String work(@RequestParam String action, @RequestParam(name = "id", required = false) List<UUID> ids,
            @RequestParam(required = false) String routeQueue, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String returnTo, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        List<UUID> items = ids == null ? List.of() : ids;
        int done = 0;
        String firstError = null;
        if (items.isEmpty()) {
            firstError = messages.getMessage("queue.noneSelected", null, locale);
        }
        for (UUID id : items) {
            try {
                run(ui, action, id, routeQueue, assignee);
                done++;
            } catch (RapportException e) {
                log.info("queue action failed action={} id={} code={}", action, id, e.code());
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        flash.addFlashAttribute("notice", messages.getMessage("bulk.done", new Object[] {done}, locale));
        if (firstError != null) {
            flash.addFlashAttribute("alert", messages.getMessage("bulk.failed", new Object[] {firstError}, locale));
        }
        return "redirect:" + ReturnPaths.safe("queueitem", returnTo, "/app/queueitem");
    }

    /** The case form's buttons, on one of the case's queue items. */
    @PostMapping("/app/incident/{incident}/queueitem/{item}")
    String workFromCase(@PathVariable UUID incident, @PathVariable UUID item, @RequestParam String action,
            @RequestParam(required = false) String routeQueue, @RequestParam(required = false) String assignee,
            Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        try {
            run(ui, action, item, routeQueue, assignee);
            flash.addFlashAttribute("notice", messages.getMessage("queue.done." + action, null, locale));
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:/app/incident/" + incident;
    }

    /** The case form's "Add to queue". */
    @PostMapping("/app/incident/{incident}/queue")
    String addToQueue(@PathVariable UUID incident, @RequestParam(required = false) String queue, Locale locale,
            RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        try {
            ui.service().execute(new ActionRequest("AddToQueue", new EntityReference("queue", id(queue,
                    "queue.chooseQueue", locale)), Map.of("Target", new EntityReference("incident", incident))));
            flash.addFlashAttribute("notice", messages.getMessage("queue.done.add", null, locale));
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:/app/incident/" + incident;
    }

    private void run(Ui ui, String action, UUID id, String routeQueue, String assignee) {
        EntityReference item = new EntityReference("queueitem", id);
        switch (action) {
            case "pick" -> ui.service().execute(new ActionRequest("PickFromQueue", item, Map.of("SystemUser",
                    new EntityReference("systemuser", ui.caller().userId()), "RemoveQueueItem", false)));
            case "release" -> ui.service().execute(new ActionRequest("ReleaseToQueue", item, Map.of()));
            case "remove" -> ui.service().execute(new ActionRequest("RemoveFromQueue", item, Map.of()));
            case "route" -> ui.service().execute(new ActionRequest("RouteTo", item, Map.of("Target",
                    routeTarget(routeQueue, assignee, ui.locale()))));
            default -> throw RapportException.invalid("Unknown queue action " + action);
        }
    }

    /** A queue when one is chosen, else the user from the lookup ({@code systemuser:<id>}). */
    private EntityReference routeTarget(String routeQueue, String assignee, Locale locale) {
        if (routeQueue != null && !routeQueue.isBlank()) {
            return new EntityReference("queue", id(routeQueue, "queue.chooseTarget", locale));
        }
        String user = assignee == null ? "" : assignee.startsWith("systemuser:")
                ? assignee.substring("systemuser:".length()) : assignee;
        return new EntityReference("systemuser", id(user, "queue.chooseTarget", locale));
    }

    private UUID id(String value, String problemKey, Locale locale) {
        try {
            return UUID.fromString(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            throw RapportException.invalid(messages.getMessage(problemKey, null, locale));
        }
    }
}
