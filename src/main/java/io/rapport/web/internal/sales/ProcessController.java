package io.rapport.web.internal.sales;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The process bar's commands: move the sales stage, qualify or disqualify a lead, win or lose an opportunity. */
@Controller
public class ProcessController {

    private final UiFactory uis;
    private final ErrorMessages errors;
    private final MessageSource messages;

    ProcessController(UiFactory uis, ErrorMessages errors, MessageSource messages) {
        this.uis = uis;
        this.errors = errors;
        this.messages = messages;
    }

    @PostMapping("/app/opportunity/{id}/stage")
    String stage(@PathVariable UUID id, @RequestParam int stage, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "opportunity", id, () -> {
            ui.service().update(new Entity("opportunity", id).set("salesstage", stage));
            return "/app/opportunity/" + id;
        });
    }

    @PostMapping("/app/lead/{id}/qualify")
    String qualify(@PathVariable UUID id, @RequestParam Map<String, String> form, Locale locale,
            RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "lead", id, () -> {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("CreateAccount", form.containsKey("createAccount"));
            parameters.put("CreateContact", form.containsKey("createContact"));
            parameters.put("CreateOpportunity", form.containsKey("createOpportunity"));
            parameters.put("Status", 3);
            parameters.put("SuppressDuplicateDetection", form.containsKey("ignoreDuplicates"));
            ActionResponse response = ui.service().execute(new ActionRequest(ProcessBars.QUALIFY,
                    new EntityReference("lead", id), parameters));
            return created(response.output("CreatedEntities")).stream()
                    .filter(r -> r.logicalName().equals("opportunity")).findFirst()
                    .map(r -> "/app/opportunity/" + r.id()).orElse("/app/lead/" + id);
        });
    }

    @PostMapping("/app/lead/{id}/disqualify")
    String disqualify(@PathVariable UUID id, @RequestParam int status, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "lead", id, () -> {
            ui.service().execute(new SetStateRequest(new EntityReference("lead", id), ProcessBars.LEAD_DISQUALIFIED,
                    status));
            return "/app/lead/" + id;
        });
    }

    @PostMapping("/app/opportunity/{id}/win")
    String win(@PathVariable UUID id, @RequestParam(required = false) BigDecimal revenue,
            @RequestParam(required = false) LocalDate closeDate, @RequestParam(defaultValue = "") String description,
            Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "opportunity", id, () -> {
            Entity close = closeRecord(ui, id, description, closeDate).set("actualrevenue", revenue);
            ui.service().execute(new ActionRequest(ProcessBars.WIN, Map.of("OpportunityClose", close, "Status", 3)));
            return "/app/opportunity/" + id;
        });
    }

    @PostMapping("/app/opportunity/{id}/lose")
    String lose(@PathVariable UUID id, @RequestParam int status, @RequestParam(required = false) LocalDate closeDate,
            @RequestParam(defaultValue = "") String description, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "opportunity", id, () -> {
            Entity close = closeRecord(ui, id, description, closeDate);
            ui.service().execute(new ActionRequest(ProcessBars.LOSE, Map.of("OpportunityClose", close, "Status",
                    status)));
            return "/app/opportunity/" + id;
        });
    }

    private static Entity closeRecord(Ui ui, UUID opportunity, String description, LocalDate closeDate) {
        // the close date at noon in the user's zone, so that it is the same day in UTC for most zones
        LocalDate day = closeDate == null ? LocalDate.now(ui.caller().zone()) : closeDate;
        Entity close = new Entity("opportunityclose")
                .set("opportunityid", new EntityReference("opportunity", opportunity))
                .set("actualend", day.atTime(12, 0).atZone(ui.caller().zone()).toInstant());
        if (!description.isBlank()) {
            close.set("description", description.trim());
        }
        return close;
    }

    /** Runs a command; on failure the record page shows the message (and the duplicates found, if any). */
    private String run(Ui ui, RedirectAttributes flash, String entity, UUID id, java.util.function.Supplier<String> work) {
        try {
            String target = work.get();
            flash.addFlashAttribute("notice", messages.getMessage("form.saved", null, ui.locale()));
            return "redirect:" + target;
        } catch (RapportException e) {
            List<String> duplicates = duplicateNames(e, ui);
            if (duplicates.isEmpty()) {
                flash.addFlashAttribute("alert", errors.message(e, ui.entity(entity), ui.locale()));
            } else {
                // once, in the dialog that lets the user go on anyway
                flash.addFlashAttribute("duplicates", duplicates);
            }
            return "redirect:/app/" + entity + "/" + id;
        }
    }

    /** The matching records a duplicate check reported in the error's details, as "Wipro (Account)". */
    public static List<String> duplicateNames(RapportException e, Ui ui) {
        List<String> names = new ArrayList<>();
        for (Object value : e.details().values()) {
            if (value instanceof Collection<?> matches) {
                for (Object match : matches) {
                    if (match instanceof Map<?, ?> m && m.get("name") != null) {
                        String kind = m.get("entity") == null ? null : ui.snapshot()
                                .findEntity(String.valueOf(m.get("entity"))).map(x -> x.label(ui.locale()))
                                .orElse(null);
                        names.add(m.get("name") + (kind == null ? "" : " (" + kind + ")"));
                    }
                }
            }
            for (EntityReference r : created(value)) {
                names.add(r.name() == null ? r.logicalName() + " " + r.id() : r.name());
            }
        }
        return names;
    }

    /** The records an action reports, whatever collection shape it uses. */
    static List<EntityReference> created(Object output) {
        List<EntityReference> refs = new ArrayList<>();
        if (output instanceof EntityReference r) {
            refs.add(r);
        } else if (output instanceof EntityCollection c) {
            c.entities().forEach(x -> refs.add(x.toReference().withName(x.getString("name"))));
        } else if (output instanceof Collection<?> list) {
            list.forEach(x -> refs.addAll(created(x)));
        } else if (output instanceof Object[] array) {
            for (Object x : array) {
                refs.addAll(created(x));
            }
        } else if (output instanceof Entity x) {
            refs.add(x.toReference());
        }
        return refs;
    }
}
