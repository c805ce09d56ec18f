package io.rapport.sales.internal.transactions;

import static io.rapport.sales.SalesMessages.COLUMN_SET;
import static io.rapport.sales.SalesMessages.INVOICE_ID;
import static io.rapport.sales.SalesMessages.ORDER_CLOSE;
import static io.rapport.sales.SalesMessages.SALES_ORDER_ID;
import static io.rapport.sales.SalesMessages.STATUS;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.SalesMessages;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order lifecycle with Dataverse's messages and codes: Active (0) / Submitted (1) → Fulfilled (3: Complete
 * 100001, Partial 100002, FulfillSalesOrder) or Canceled (2: No Money 4, CancelSalesOrder), each with an
 * {@code orderclose} activity; ConvertSalesOrderToInvoice creates the invoice and marks an order not yet fulfilled
 * Invoiced (4, 100003); prices of orders and invoices can be locked and unlocked.
 */
@Configuration
class OrderActions {

    static final int FULFILLED = 3;
    static final int CANCELED = 2;
    static final int INVOICED = 4;

    private final SystemView view;
    private final DocumentCopier copier;
    private final DocumentTotals writer;
    private final Clock clock;
    private final io.rapport.sales.internal.SystemSubjects subjects;

    OrderActions(SystemView view, DocumentCopier copier, DocumentTotals writer, Clock clock,
            io.rapport.sales.internal.SystemSubjects subjects) {
        this.subjects = subjects;
        this.view = view;
        this.copier = copier;
        this.writer = writer;
        this.clock = clock;
    }

    private static ActionDefinition closing(String name) {
        return new ActionDefinition(name, null, false, List.of(Parameter.entity(ORDER_CLOSE, "Entity", "orderclose",
                false), Parameter.required(STATUS, "Int32")), List.of());
    }

    private static Entity closeInput(ActionRequest r) {
        return DocumentAction.close(r, ORDER_CLOSE, "orderclose", "salesorderid");
    }

    @Bean
    ActionHandler fulfillSalesOrder() {
        return new DocumentAction(closing(SalesMessages.FULFILL_SALES_ORDER), (r, c) -> DocumentAction.on(
                "salesorder", closeInput(r).getReference("salesorderid").id(), Privilege.WRITE), (r, c) -> {
                    close(c, closeInput(r), FULFILLED, r.parameter(STATUS), "subject.orderFulfilled");
                    return Map.of();
                });
    }

    @Bean
    ActionHandler cancelSalesOrder() {
        return new DocumentAction(closing(SalesMessages.CANCEL_SALES_ORDER), (r, c) -> DocumentAction.on(
                "salesorder", closeInput(r).getReference("salesorderid").id(), Privilege.WRITE), (r, c) -> {
                    close(c, closeInput(r), CANCELED, r.parameter(STATUS), "subject.orderCanceled");
                    return Map.of();
                });
    }

    @Bean
    ActionHandler convertSalesOrderToInvoice() {
        ActionDefinition d = new ActionDefinition(SalesMessages.CONVERT_SALES_ORDER_TO_INVOICE, null, false, List.of(
                Parameter.required(SALES_ORDER_ID, "Guid"), Parameter.optional(COLUMN_SET, "ColumnSet")),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "invoice", false)));
        return new DocumentAction(d, (r, c) -> DocumentAction.on("salesorder", DocumentAction.id(r, SALES_ORDER_ID),
                Privilege.READ), (r, c) -> Map.of(ActionDefinition.RETURNED_ENTITY, toInvoice(c,
                        DocumentAction.id(r, SALES_ORDER_ID))));
    }

    @Bean
    ActionHandler lockSalesOrderPricing() {
        return lock(SalesMessages.LOCK_SALES_ORDER_PRICING, DocumentKind.SALES_ORDER, SALES_ORDER_ID, true);
    }

    @Bean
    ActionHandler unlockSalesOrderPricing() {
        return lock(SalesMessages.UNLOCK_SALES_ORDER_PRICING, DocumentKind.SALES_ORDER, SALES_ORDER_ID, false);
    }

    @Bean
    ActionHandler lockInvoicePricing() {
        return lock(SalesMessages.LOCK_INVOICE_PRICING, DocumentKind.INVOICE, INVOICE_ID, true);
    }

    @Bean
    ActionHandler unlockInvoicePricing() {
        return lock(SalesMessages.UNLOCK_INVOICE_PRICING, DocumentKind.INVOICE, INVOICE_ID, false);
    }

    private ActionHandler lock(String name, DocumentKind kind, String parameter, boolean locked) {
        ActionDefinition d = new ActionDefinition(name, null, false, List.of(Parameter.required(parameter, "Guid")),
                List.of());
        return new DocumentAction(d, (r, c) -> DocumentAction.on(kind.entity, DocumentAction.id(r, parameter),
                Privilege.WRITE), (r, c) -> {
                    UUID id = DocumentAction.id(r, parameter);
                    Entity header = Documents.header(c, view, kind, id);
                    if (!kind.editableStates.contains(header.getInteger("statecode"))) {
                        Documents.requireEditable(c, kind, header, false);
                    }
                    writer.write(c, kind, id, Map.of("ispricelocked", locked));
                    return Map.of();
                });
    }

    private Entity order(PluginContext context, UUID id) {
        return view.find(context, "salesorder", id, "name", "statecode", "ordernumber")
                .orElseThrow(() -> RapportException.notFound("salesorder", id));
    }

    private void close(PluginContext context, Entity input, int state, Object status, String subject) {
        UUID id = input.getReference("salesorderid").id();
        Entity order = order(context, id);
        int current = order.getInteger("statecode");
        Set<Integer> from = state == FULFILLED ? Set.of(0, 1, INVOICED) : Set.of(0, 1);
        if (!from.contains(current)) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The order '" + order.getString("name")
                    + "' is " + Documents.stateLabel(context, "salesorder", current) + " and cannot be "
                    + (state == FULFILLED ? "fulfilled." : "canceled."), "statecode");
        }
        int code = status instanceof Integer s ? s : -1;
        int resolved = code == -1 ? (state == FULFILLED ? 100001 : 4) : code;
        var option = context.snapshot().entity("salesorder").attribute("statuscode").optionSet().option(resolved);
        if (option.isEmpty() || option.get().state() == null || option.get().state() != state) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, resolved + " is not a status reason of the "
                    + Documents.stateLabel(context, "salesorder", state) + " state of salesorder.", "statuscode");
        }
        Entity close = input.copy();
        EntityReference ref = new EntityReference("salesorder", id);
        close.set("salesorderid", ref).set("regardingobjectid", ref).set("ordernumber", order.getString("ordernumber"));
        if (close.get("subject") == null) {
            close.set("subject", subjects.of(context, subject, order.getString("name")));
        }
        if (close.get("actualend") == null) {
            close.set("actualend", Instant.now(clock));
        }
        close.set("statecode", 1).set("statuscode", 2);
        context.service().create(close);
        if (state == FULFILLED) {
            writer.write(context, DocumentKind.SALES_ORDER, id, Map.of("datefulfilled",
                    LocalDate.now(clock.withZone(ZoneOffset.UTC))));
        }
        context.service().execute(new SetStateRequest(ref, state, resolved));
    }

    /** An invoice with the order's customer, terms, lines and prices; an order not yet fulfilled becomes Invoiced. */
    private Entity toInvoice(PluginContext context, UUID id) {
        Entity order = order(context, id);
        if (order.getInteger("statecode") == CANCELED) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The order '" + order.getString("name")
                    + "' is canceled and cannot be invoiced.", "statecode");
        }
        Entity full = context.service().retrieve("salesorder", id, ColumnSet.all());
        Entity invoice = DocumentCopier.header(full, DocumentKind.INVOICE);
        invoice.set("salesorderid", new EntityReference("salesorder", id));
        UUID created = context.service().create(invoice);
        copier.lines(context, DocumentKind.SALES_ORDER, id, DocumentKind.INVOICE, created);
        int state = order.getInteger("statecode");
        if (state == 0 || state == 1) {
            context.service().execute(new SetStateRequest(new EntityReference("salesorder", id), INVOICED, 100003));
        }
        return DocumentCopier.created(context, DocumentKind.INVOICE, created);
    }
}
