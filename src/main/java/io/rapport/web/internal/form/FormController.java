package io.rapport.web.internal.form;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.layout.FormDefinition;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.mail.MailPanels;
import io.rapport.web.internal.sales.DocumentActions;
import io.rapport.web.internal.sales.ProcessBars;
import io.rapport.web.internal.marketing.CampaignPanels;
import io.rapport.web.internal.service.CasePanels;
import io.rapport.web.internal.sales.ProcessController;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The main form of any entity: show, create, save with optimistic concurrency, delete, activate. */
@Controller
class FormController {

    private final UiFactory uis;
    private final LayoutCatalog layouts;
    private final FormPageBuilder pages;
    private final EditorRules editors;
    private final ErrorMessages errors;
    private final MessageSource messages;
    private final ProcessBars processBars;
    private final CasePanels casePanels;
    private final CampaignPanels campaignPanels;
    private final DocumentActions documentActions;
    private final MailPanels mailPanels;
    private final ActivityTypes activityTypes;

    FormController(UiFactory uis, LayoutCatalog layouts, FormPageBuilder pages, EditorRules editors,
            ErrorMessages errors, MessageSource messages, ProcessBars processBars, CasePanels casePanels,
            CampaignPanels campaignPanels, DocumentActions documentActions, MailPanels mailPanels,
            ActivityTypes activityTypes) {
        this.activityTypes = activityTypes;
        this.processBars = processBars;
        this.casePanels = casePanels;
        this.campaignPanels = campaignPanels;
        this.documentActions = documentActions;
        this.mailPanels = mailPanels;
        this.uis = uis;
        this.layouts = layouts;
        this.pages = pages;
        this.editors = editors;
        this.errors = errors;
        this.messages = messages;
    }

    @GetMapping("/app/{entity}/new")
    String newRecord(@PathVariable String entity, HttpServletRequest request, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        if (ActivityTypes.POINTER.equals(entity)) {
            // "activity" is no record of its own: the user picks the kind, as Dynamics' New menu offers
            model.addAttribute("types", activityTypes.choices(ui));
            return "activity-new";
        }
        FormDefinition form = layouts.form(ui, entity);
        // values handed over in the address (a subgrid's "new" button fills in the parent)
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String f : form.fields()) {
            if (request.getParameter(f) != null) {
                raw.put(f, request.getParameter(f));
                names.put(f, request.getParameter(f + "_name") == null ? "" : request.getParameter(f + "_name"));
            }
        }
        model.addAttribute("form", pages.build(ui, e, form, null,
                new FormPageBuilder.Posted(raw, names, Map.of(), null, false)));
        return "form";
    }

    @GetMapping("/app/{entity}/{id}")
    String show(@PathVariable String entity, @PathVariable UUID id, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        Entity record = ui.service().retrieve(entity, id, ColumnSet.all());
        if (ActivityTypes.POINTER.equals(entity) && record.getString("activitytypecode") != null
                && ui.snapshot().findEntity(record.getString("activitytypecode")).isPresent()) {
            return "redirect:/app/" + record.getString("activitytypecode") + "/" + id;
        }
        model.addAttribute("form", pages.build(ui, e, layouts.form(ui, entity), record, FormPageBuilder.Posted.NONE));
        processBars.of(ui, e, record).ifPresent(p -> model.addAttribute("process", p));
        casePanels.of(ui, e, record).ifPresent(c -> model.addAttribute("casePanel", c));
        campaignPanels.of(ui, e, record).ifPresent(c -> model.addAttribute("campaignPanel", c));
        documentActions.of(ui, e, record).ifPresent(d -> model.addAttribute("documentActions", d));
        mailPanels.of(ui, e, record).ifPresent(m -> model.addAttribute("mailPanel", m));
        // a bulk deletion job not ended (waiting, or the next run of a recurring one) can be canceled
        model.addAttribute("cancelableJob", "bulkdeleteoperation".equals(e.logicalName())
                && !Integer.valueOf(3).equals(record.getInteger("statecode")));
        return "form";
    }

    @PostMapping("/app/{entity}/new")
    String create(@PathVariable String entity, HttpServletRequest request, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        return save(entity, null, request, locale, model, response, flash);
    }

    @PostMapping("/app/{entity}/{id}")
    String update(@PathVariable String entity, @PathVariable UUID id, HttpServletRequest request, Locale locale,
            Model model, HttpServletResponse response, RedirectAttributes flash) {
        return save(entity, id, request, locale, model, response, flash);
    }

    private String save(String entity, UUID id, HttpServletRequest request, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        FormDefinition form = layouts.form(ui, entity);
        Entity current = id == null ? null : ui.service().retrieve(entity, id, ColumnSet.all());
        List<String> fields = form.fields().stream().filter(f -> e.findAttribute(f)
                .map(a -> editors.editable(a, id == null)).orElse(false)).toList();
        FormBinder.Binding binding = FormBinder.bind(e, fields, request.getParameterMap(), ui.caller().zone());
        Map<String, String> names = new LinkedHashMap<>();
        fields.forEach(f -> {
            if (request.getParameter(f + "_name") != null) {
                names.put(f, request.getParameter(f + "_name"));
            }
        });
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        binding.errors().forEach((f, key) -> fieldErrors.put(f, messages.getMessage(key, null, locale)));
        // every problem the form can see at once, not one per save
        FormChecks.check(e, fields, binding.values(), binding.raw(), id == null).forEach((f, problem) ->
                fieldErrors.putIfAbsent(f, errors.message(problem, e, locale)));
        if (fieldErrors.isEmpty()) {
            Entity target = new Entity(entity, id);
            binding.values().forEach((k, v) -> {
                if (current == null ? v != null : FormBinder.changed(current.get(k), v)) {
                    target.set(k, v);
                }
            });
            try {
                if (id == null) {
                    // people creating records see possible duplicates first, as in Dynamics; they may save anyway
                    boolean checkDuplicates = request.getParameter("_ignoreDuplicates") == null;
                    UUID created = ui.service().execute(new CreateRequest(target,
                            Map.of(Messages.SUPPRESS_DUPLICATE_DETECTION, !checkDuplicates))).id();
                    flash.addFlashAttribute("notice", messages.getMessage("form.created", null, locale));
                    return "redirect:/app/" + entity + "/" + created;
                }
                if (!target.attributes().isEmpty()) {
                    ui.service().execute(new UpdateRequest(target, version(request)));
                }
                flash.addFlashAttribute("notice", messages.getMessage("form.saved", null, locale));
                return "redirect:/app/" + entity + "/" + id;
            } catch (RapportException ex) {
                return failed(ui, e, form, current, binding, names, fieldErrors, ex, model, response);
            }
        }
        response.setStatus(422);
        model.addAttribute("form", pages.build(ui, e, form, current,
                new FormPageBuilder.Posted(binding.raw(), names, fieldErrors, null, false)));
        return "form";
    }

    private String failed(Ui ui, EntityMetadata e, FormDefinition form, Entity current,
            FormBinder.Binding binding, Map<String, String> names, Map<String, String> fieldErrors,
            RapportException ex, Model model, HttpServletResponse response) {
        boolean conflict = ex.code() == ErrorCode.CONCURRENCY_VERSION_MISMATCH;
        List<String> duplicates = ex.code() == ErrorCode.DUPLICATE_RECORD
                ? ProcessController.duplicateNames(ex, ui) : List.of();
        if (!duplicates.isEmpty()) {
            model.addAttribute("duplicates", duplicates);
        }
        String formError = null;
        if (!duplicates.isEmpty()) {
            // the duplicates panel says it once, with "save anyway"; no second, technical message above it
            formError = null;
        } else if (conflict) {
            formError = messages.getMessage("form.conflict", null, ui.locale());
        } else if (ErrorMessages.isFieldError(ex, e) && form.fields().contains(ex.attribute())) {
            fieldErrors.put(ex.attribute(), errors.message(ex, e, ui.locale()));
        } else {
            formError = errors.message(ex, e, ui.locale());
        }
        response.setStatus(conflict ? 409 : 422);
        model.addAttribute("form", pages.build(ui, e, form, current,
                new FormPageBuilder.Posted(binding.raw(), names, fieldErrors, formError, conflict)));
        processBars.of(ui, e, current).ifPresent(p -> model.addAttribute("process", p));
        casePanels.of(ui, e, current).ifPresent(c -> model.addAttribute("casePanel", c));
        campaignPanels.of(ui, e, current).ifPresent(c -> model.addAttribute("campaignPanel", c));
        documentActions.of(ui, e, current).ifPresent(d -> model.addAttribute("documentActions", d));
        mailPanels.of(ui, e, current).ifPresent(m -> model.addAttribute("mailPanel", m));
        return "form";
    }

    private static Long version(HttpServletRequest request) {
        String v = request.getParameter("_version");
        try {
            return v == null || v.isBlank() ? null : Long.valueOf(v.trim());
        } catch (NumberFormatException e) {
            // a tampered form: the save answers with a message on the form, as any refused change
            throw RapportException.invalid("The form's version '" + v + "' is not a number.");
        }
    }

    @PostMapping("/app/{entity}/{id}/delete")
    String delete(@PathVariable String entity, @PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        ui.service().execute(new DeleteRequest(new EntityReference(entity, id)));
        flash.addFlashAttribute("notice", messages.getMessage("form.deleted", null, locale));
        return "redirect:/app/" + entity;
    }

    @PostMapping("/app/{entity}/{id}/state")
    String setState(@PathVariable String entity, @PathVariable UUID id, @RequestParam int state, Locale locale,
            RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        ui.service().execute(new SetStateRequest(new EntityReference(entity, id), state, -1));
        flash.addFlashAttribute("notice", messages.getMessage("form.saved", null, locale));
        return "redirect:/app/" + entity + "/" + id;
    }
}
