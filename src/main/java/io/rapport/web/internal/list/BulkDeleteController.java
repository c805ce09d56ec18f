package io.rapport.web.internal.list;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk deletion from a list, as Dynamics offers it from Advanced Find: the records of the list as it is shown (view,
 * quick find, column filters) are counted for the person and confirmed on a page of their own, then submitted as a
 * BulkDelete job that deletes them in the background as that person; the page of bulk deletion jobs shows its
 * progress. Offered to those holding prvBulkDelete (System Administrators); the job checks Delete per record.
 */
@Controller
class BulkDeleteController {

    private final UiFactory uis;
    private final LayoutCatalog layouts;
    private final AdminPolicy policy;
    private final ErrorMessages errors;
    private final MessageSource messages;
    private final GridBuilder grids;

    BulkDeleteController(UiFactory uis, LayoutCatalog layouts, AdminPolicy policy, ErrorMessages errors,
            MessageSource messages, GridBuilder grids) {
        this.grids = grids;
        this.uis = uis;
        this.layouts = layouts;
        this.policy = policy;
        this.errors = errors;
        this.messages = messages;
    }

    /** The recurrences the page offers, in days, as Dataverse's bulk deletion wizard does. */
    static final List<Integer> RECURRENCE_DAYS = List.of(7, 30, 90, 180, 365);

    /**
     * Cancels a bulk deletion job that has not ended (waiting, running, or the next run of a recurring one) as
     * Dataverse does: its system job set to Canceled, which ends the job's recurrence too.
     */
    @PostMapping("/app/bulkdeleteoperation/{id}/cancel")
    String cancel(@PathVariable java.util.UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        io.rapport.record.Entity operation = ui.service().retrieve("bulkdeleteoperation", id,
                ColumnSet.of("asyncoperationid", "statecode"));
        if (operation.getInteger("statecode") != 3 && operation.getReference("asyncoperationid") != null) {
            ui.service().update(new io.rapport.record.Entity("asyncoperation",
                    operation.getReference("asyncoperationid").id()).set("statecode", 3).set("statuscode", 32));
            flash.addFlashAttribute("notice", messages.getMessage("bulkDelete.canceled", null, locale));
        }
        return "redirect:/app/bulkdeleteoperation/" + id;
    }

    private QueryExpression query(Ui ui, EntityMetadata e, ListState state) {
        ViewDefinition view = layouts.view(ui, e.logicalName(), state.view());
        QueryExpression shown = ListQueryBuilder.query(ui.snapshot(), e, view, state).build();
        return QueryExpression.from(e.logicalName()).columns(ColumnSet.none()).where(shown.criteria()).build();
    }

    private Ui allowed(Locale locale, String entity) {
        if (!policy.holds(Messages.PRV_BULK_DELETE)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Ui ui = uis.create(locale);
        ui.service().checkPrivilege(ui.entity(entity).logicalName(), Privilege.DELETE);
        return ui;
    }

    @GetMapping("/app/{entity}/bulkdelete")
    String confirm(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model) {
        Ui ui = allowed(locale, entity);
        EntityMetadata e = ui.entity(entity);
        ListState state = ListState.from(params);
        QueryExpression query = query(ui, e, state);
        model.addAttribute("entity", entity);
        model.addAttribute("collectionLabel", e.collectionLabel(locale));
        model.addAttribute("view", grids.viewName(ui, e, layouts.view(ui, entity, state.view())));
        model.addAttribute("count", ui.service().count(query));
        List<String[]> fields = new java.util.ArrayList<>();
        params.forEach((name, values) -> {
            if (!"page".equals(name) && !"jobName".equals(name) && !"_csrf".equals(name)) {
                values.forEach(v -> fields.add(new String[] {name, v}));
            }
        });
        model.addAttribute("fields", fields);
        model.addAttribute("recurrences", RECURRENCE_DAYS);
        model.addAttribute("jobName", messages.getMessage("bulkDelete.defaultName",
                new Object[] {e.collectionLabel(locale), LocalDate.now().toString()}, locale));
        return "bulk-delete";
    }

    @PostMapping("/app/{entity}/bulkdelete")
    String submit(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params,
            @RequestParam(defaultValue = "") String jobName, @RequestParam(defaultValue = "") String recurrence,
            @RequestParam(defaultValue = "false") boolean notify, Locale locale, RedirectAttributes flash) {
        Ui ui = allowed(locale, entity);
        EntityMetadata e = ui.entity(entity);
        ListState list = ListState.from(params);
        try {
            String days = recurrence.trim();
            ui.service().execute(new ActionRequest(Messages.BULK_DELETE, Map.of("QuerySet", List.of(query(ui, e,
                    list)), "JobName", jobName.isBlank() ? e.collectionLabel(locale) : jobName.trim(),
                    "SendEmailNotification", notify, "ToRecipients", notify ? List.of(ui.caller().userId())
                            : List.of(), "RecurrencePattern", days.isEmpty() ? ""
                            : "FREQ=DAILY;INTERVAL=" + days + ";", "StartDateTime", Instant.now())));
            flash.addFlashAttribute("notice", days.isEmpty()
                    ? messages.getMessage("bulkDelete.submitted", null, locale)
                    : messages.getMessage("bulkDelete.submittedRecurring", new Object[] {days}, locale));
            return "redirect:/app/bulkdeleteoperation?area=settings";
        } catch (RapportException ex) {
            flash.addFlashAttribute("alert", errors.message(ex, e, locale));
            String state = list.withPage(1).query();
            return "redirect:/app/" + entity + "/bulkdelete" + (state.isEmpty() ? "" : "?" + state);
        }
    }
}
