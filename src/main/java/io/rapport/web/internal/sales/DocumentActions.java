package io.rapport.web.internal.sales;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Ui;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The lifecycle buttons of a quote, order or invoice in its current state, and the "new quote / order / invoice"
 * buttons of an account, contact or opportunity (the new document is filled in from it). Each button is a form
 * posting to {@link DocumentActionController}; buttons appear only when the pipeline offers their message.
 */
@Component
public class DocumentActions {

    /** The buttons of one record; {@code closeReasons} feed the quote's close form. */
    public record Buttons(String entity, UUID id, List<Button> buttons, List<ProcessBar.Choice> closeReasons) {
    }

    /** {@code action} is the last path segment the form posts to; {@code withReason} asks for a close reason. */
    public record Button(String action, String label, String style, boolean withReason) {
    }

    private final ActionCatalog catalog;
    private final MessageSource messages;

    DocumentActions(ActionCatalog catalog, MessageSource messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    public Optional<Buttons> of(Ui ui, EntityMetadata e, Entity record) {
        if (record == null) {
            return Optional.empty();
        }
        int state = record.get("statecode") instanceof Integer s ? s : 0;
        List<Button> b = new ArrayList<>();
        switch (e.logicalName()) {
            case "quote" -> {
                if (state == 0) {
                    b.add(button(ui, "activate", "document.activate", "btn-primary"));
                }
                if (state == 1) {
                    add(ui, b, "WinQuote", "win", "document.win", "btn-success", false);
                    add(ui, b, "CloseQuote", "close", "document.close", "btn-outline-danger", true);
                }
                if (state == 1 || state == 3) {
                    add(ui, b, "ReviseQuote", "revise", "document.revise", "btn-outline-secondary", false);
                }
                if (state == 2) {
                    add(ui, b, "ConvertQuoteToSalesOrder", "order", "document.createOrder", "btn-primary", false);
                }
            }
            case "salesorder" -> {
                if (state == 0 || state == 1 || state == 4) {
                    add(ui, b, "FulfillSalesOrder", "fulfill", "document.fulfill", "btn-success", false);
                }
                if (state == 0 || state == 1) {
                    add(ui, b, "CancelSalesOrder", "cancel", "document.cancelOrder", "btn-outline-danger", false);
                }
                if (state != 2) {
                    add(ui, b, "ConvertSalesOrderToInvoice", "invoice", "document.createInvoice", "btn-primary", false);
                }
            }
            case "invoice" -> {
                if (state == 0) {
                    b.add(button(ui, "paid", "document.paid", "btn-success"));
                }
            }
            case "account", "contact", "opportunity" -> {
                if (state == 0) {
                    b.add(button(ui, "new/quote", "document.newQuote", "btn-outline-primary"));
                    b.add(button(ui, "new/salesorder", "document.newOrder", "btn-outline-primary"));
                    b.add(button(ui, "new/invoice", "document.newInvoice", "btn-outline-primary"));
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        boolean document = e.logicalName().equals("quote") || e.logicalName().equals("salesorder")
                || e.logicalName().equals("invoice");
        if (b.isEmpty() && !document || ui.snapshot().findEntity("quote").isEmpty()) {
            return Optional.empty();
        }
        List<ProcessBar.Choice> reasons = new ArrayList<>();
        ui.snapshot().findEntity("quote").flatMap(q -> q.findAttribute("statuscode")).ifPresent(a -> a.optionSet()
                .options().stream().filter(o -> o.state() != null && o.state() == 3 && o.value() != 7)
                .forEach(o -> reasons.add(new ProcessBar.Choice(Integer.toString(o.value()),
                        o.label().get(ui.language())))));
        return Optional.of(new Buttons(e.logicalName(), record.id(), b, reasons));
    }

    private void add(Ui ui, List<Button> b, String message, String action, String key, String style,
            boolean withReason) {
        if (catalog.find(message).isPresent()) {
            b.add(new Button(action, messages.getMessage(key, null, ui.locale()), style, withReason));
        }
    }

    private Button button(Ui ui, String action, String key, String style) {
        return new Button(action, messages.getMessage(key, null, ui.locale()), style, false);
    }
}
