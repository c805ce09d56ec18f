package io.rapport.web.internal.sales;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lifecycle of quotes, orders and invoices from their forms (the Dataverse messages, as the signed-in user), and
 * new documents started from an account, contact or opportunity: filled in by InitializeFrom (or generated from the
 * opportunity with its products), created, then opened.
 */
@Controller
public class DocumentActionController {

    private static final Set<String> DOCUMENTS = Set.of("quote", "salesorder", "invoice");
    private static final Set<String> SOURCES = Set.of("account", "contact", "opportunity");

    private final UiFactory uis;
    private final ErrorMessages errors;
    private final MessageSource messages;

    DocumentActionController(UiFactory uis, ErrorMessages errors, MessageSource messages) {
        this.uis = uis;
        this.errors = errors;
        this.messages = messages;
    }

    @PostMapping("/app/quote/{id}/activate")
    String activate(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "quote", id, () -> {
            ui.service().execute(new SetStateRequest(new EntityReference("quote", id), 1, 2));
            return "/app/quote/" + id;
        });
    }

    @PostMapping("/app/quote/{id}/win")
    String win(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "quote", id, () -> {
            ui.service().execute(new ActionRequest("WinQuote", Map.of("QuoteClose", new Entity("quoteclose")
                    .set("quoteid", new EntityReference("quote", id)), "Status", 4)));
            return "/app/quote/" + id;
        });
    }

    @PostMapping("/app/quote/{id}/close")
    String close(@PathVariable UUID id, @RequestParam int status, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "quote", id, () -> {
            ui.service().execute(new ActionRequest("CloseQuote", Map.of("QuoteClose", new Entity("quoteclose")
                    .set("quoteid", new EntityReference("quote", id)), "Status", status)));
            return "/app/quote/" + id;
        });
    }

    @PostMapping("/app/quote/{id}/revise")
    String revise(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "quote", id, () -> "/app/quote/" + returned(ui, "ReviseQuote", "QuoteId", id));
    }

    @PostMapping("/app/quote/{id}/order")
    String order(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "quote", id, () -> "/app/salesorder/" + returned(ui, "ConvertQuoteToSalesOrder",
                "QuoteId", id));
    }

    @PostMapping("/app/salesorder/{id}/fulfill")
    String fulfill(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        return closeOrder(id, "FulfillSalesOrder", 100001, locale, flash);
    }

    @PostMapping("/app/salesorder/{id}/cancel")
    String cancel(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        return closeOrder(id, "CancelSalesOrder", 4, locale, flash);
    }

    @PostMapping("/app/salesorder/{id}/invoice")
    String invoice(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "salesorder", id, () -> "/app/invoice/" + returned(ui, "ConvertSalesOrderToInvoice",
                "SalesOrderId", id));
    }

    @PostMapping("/app/invoice/{id}/paid")
    String paid(@PathVariable UUID id, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "invoice", id, () -> {
            ui.service().execute(new SetStateRequest(new EntityReference("invoice", id), 2, 100001));
            return "/app/invoice/" + id;
        });
    }

    @PostMapping("/app/{source}/{id}/new/{document}")
    String newDocument(@PathVariable String source, @PathVariable UUID id, @PathVariable String document,
            Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        if (!SOURCES.contains(source) || !DOCUMENTS.contains(document)) {
            throw RapportException.notFound(document, id);
        }
        return run(ui, flash, source, id, () -> {
            OrganizationService service = ui.service();
            if (source.equals("opportunity")) {
                String message = switch (document) {
                    case "quote" -> "GenerateQuoteFromOpportunity";
                    case "salesorder" -> "GenerateSalesOrderFromOpportunity";
                    default -> "GenerateInvoiceFromOpportunity";
                };
                return "/app/" + document + "/" + returned(ui, message, "OpportunityId", id);
            }
            Entity filled = (Entity) service.execute(new ActionRequest("InitializeFrom", Map.of("EntityMoniker",
                    new EntityReference(source, id), "TargetEntityName", document, "TargetFieldType", 0)))
                    .output("ReturnedEntity");
            Entity record = filled.copy();
            if (record.get("name") == null) {
                record.set("name", messages.getMessage("document.defaultName." + document, new Object[] {
                    ui.service().retrieve(source, id, io.rapport.query.ColumnSet.of(ui.entity(source)
                            .primaryNameAttribute())).getString(ui.entity(source).primaryNameAttribute())},
                        ui.locale()));
            }
            return "/app/" + document + "/" + service.create(record);
        });
    }

    private String closeOrder(UUID id, String message, int status, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "salesorder", id, () -> {
            ui.service().execute(new ActionRequest(message, Map.of("OrderClose", new Entity("orderclose")
                    .set("salesorderid", new EntityReference("salesorder", id)), "Status", status)));
            return "/app/salesorder/" + id;
        });
    }

    private static UUID returned(Ui ui, String message, String parameter, UUID id) {
        return ((Entity) ui.service().execute(new ActionRequest(message, Map.of(parameter, id)))
                .output("ReturnedEntity")).id();
    }

    private String run(Ui ui, RedirectAttributes flash, String entity, UUID id, Supplier<String> work) {
        try {
            String target = work.get();
            flash.addFlashAttribute("notice", messages.getMessage("form.saved", null, ui.locale()));
            return "redirect:" + target;
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity(entity), ui.locale()));
            return "redirect:/app/" + entity + "/" + id;
        }
    }
}
