package io.rapport.sales.internal.transactions;

import static io.rapport.sales.SalesMessages.COLUMN_SET;
import static io.rapport.sales.SalesMessages.PROCESS_INSTANCE_ID;
import static io.rapport.sales.SalesMessages.QUOTE_CLOSE;
import static io.rapport.sales.SalesMessages.QUOTE_ID;
import static io.rapport.sales.SalesMessages.STATUS;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
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
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quote lifecycle, with Dataverse's messages and codes: Draft (0) → Active (1, by SetState) → Won (2, WinQuote)
 * or Closed (3: Lost 5, Canceled 6, Revised 7 by CloseQuote or ReviseQuote); a won quote becomes an order
 * (ConvertQuoteToSalesOrder). Closing records a {@code quoteclose} activity on the quote's timeline.
 */
@Configuration
class QuoteActions {

    static final int DRAFT = 0;
    static final int ACTIVE = 1;
    static final int WON = 2;
    static final int CLOSED = 3;
    static final int REVISED = 7;

    private final SystemView view;
    private final DocumentCopier copier;
    private final DocumentTotals writer;
    private final Clock clock;
    private final io.rapport.sales.internal.SystemSubjects subjects;

    QuoteActions(SystemView view, DocumentCopier copier, DocumentTotals writer, Clock clock,
            io.rapport.sales.internal.SystemSubjects subjects) {
        this.subjects = subjects;
        this.view = view;
        this.copier = copier;
        this.writer = writer;
        this.clock = clock;
    }

    private static ActionDefinition closing(String name) {
        return new ActionDefinition(name, null, false, List.of(Parameter.entity(QUOTE_CLOSE, "Entity", "quoteclose",
                false), Parameter.required(STATUS, "Int32")), List.of());
    }

    @Bean
    ActionHandler winQuote() {
        return new DocumentAction(closing(SalesMessages.WIN_QUOTE), (r, c) -> DocumentAction.on("quote",
                closeInput(r).getReference("quoteid").id(), Privilege.WRITE), (r, c) -> {
                    close(c, closeInput(r), WON, r.parameter(STATUS), "subject.quoteWon");
                    return Map.of();
                });
    }

    @Bean
    ActionHandler closeQuote() {
        return new DocumentAction(closing(SalesMessages.CLOSE_QUOTE), (r, c) -> DocumentAction.on("quote",
                closeInput(r).getReference("quoteid").id(), Privilege.WRITE), (r, c) -> {
                    close(c, closeInput(r), CLOSED, r.parameter(STATUS), "subject.quoteClosed");
                    return Map.of();
                });
    }

    @Bean
    ActionHandler reviseQuote() {
        ActionDefinition d = new ActionDefinition(SalesMessages.REVISE_QUOTE, null, false, List.of(
                Parameter.required(QUOTE_ID, "Guid"), Parameter.optional(COLUMN_SET, "ColumnSet")),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "quote", false)));
        return new DocumentAction(d, (r, c) -> DocumentAction.on("quote", DocumentAction.id(r, QUOTE_ID),
                Privilege.WRITE), (r, c) -> Map.of(ActionDefinition.RETURNED_ENTITY, revise(c,
                        DocumentAction.id(r, QUOTE_ID))));
    }

    @Bean
    ActionHandler convertQuoteToSalesOrder() {
        ActionDefinition d = new ActionDefinition(SalesMessages.CONVERT_QUOTE_TO_SALES_ORDER, null, false, List.of(
                Parameter.required(QUOTE_ID, "Guid"), Parameter.optional(COLUMN_SET, "ColumnSet"),
                Parameter.optional("QuoteCloseDate", "DateTime"), Parameter.optional("QuoteCloseStatus", "Int32"),
                Parameter.optional("QuoteCloseSubject", "String"),
                Parameter.optional("QuoteCloseDescription", "String"),
                Parameter.entity(PROCESS_INSTANCE_ID, "EntityReference", null, true)),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", "salesorder", false)));
        return new DocumentAction(d, (r, c) -> DocumentAction.on("quote", DocumentAction.id(r, QUOTE_ID),
                Privilege.READ), (r, c) -> Map.of(ActionDefinition.RETURNED_ENTITY, toOrder(c,
                        DocumentAction.id(r, QUOTE_ID))));
    }

    private static Entity closeInput(io.rapport.pipeline.ActionRequest r) {
        return DocumentAction.close(r, QUOTE_CLOSE, "quoteclose", "quoteid");
    }

    private Entity quote(PluginContext context, UUID id) {
        return view.find(context, "quote", id, "name", "statecode", "quotenumber", "revisionnumber")
                .orElseThrow(() -> RapportException.notFound("quote", id));
    }

    private void requireState(PluginContext context, Entity quote, int state, String action) {
        int current = quote.getInteger("statecode");
        if (current != state) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The quote '" + quote.getString("name")
                    + "' is " + Documents.stateLabel(context, "quote", current) + "; only "
                    + Documents.stateLabel(context, "quote", state).toLowerCase(java.util.Locale.ROOT)
                    + " quotes can be " + action + ".", "statecode");
        }
    }

    private void close(PluginContext context, Entity input, int state, Object status, String subject) {
        UUID id = input.getReference("quoteid").id();
        Entity quote = quote(context, id);
        requireState(context, quote, ACTIVE, state == WON ? "won" : "closed");
        int code = status instanceof Integer s ? s : -1;
        int resolved = code == -1 ? (state == WON ? 4 : 5) : code;
        var option = context.snapshot().entity("quote").attribute("statuscode").optionSet().option(resolved);
        if (option.isEmpty() || option.get().state() == null || option.get().state() != state) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, resolved + " is not a status reason of the "
                    + Documents.stateLabel(context, "quote", state) + " state of quote.", "statuscode");
        }
        closeActivity(context, quote, input, subject);
        writer.write(context, DocumentKind.QUOTE, id, Map.of("closedon", LocalDate.now(clock.withZone(
                ZoneOffset.UTC))));
        context.service().execute(new SetStateRequest(new EntityReference("quote", id), state, resolved));
    }

    private void closeActivity(PluginContext context, Entity quote, Entity input, String subject) {
        Entity close = input == null ? new Entity("quoteclose") : input.copy();
        EntityReference ref = new EntityReference("quote", quote.id());
        close.set("quoteid", ref).set("regardingobjectid", ref).set("revision", quote.getInteger("revisionnumber"));
        if (close.get("subject") == null) {
            close.set("subject", subjects.of(context, subject, quote.getString("name")));
        }
        if (close.get("actualend") == null) {
            close.set("actualend", Instant.now(clock));
        }
        close.set("statecode", 1).set("statuscode", 2);
        context.service().create(close);
    }

    /** Closes an active quote as Revised and creates its next revision as a draft with the same number and lines. */
    private Entity revise(PluginContext context, UUID id) {
        Entity quote = quote(context, id);
        int state = quote.getInteger("statecode");
        if (state != ACTIVE && state != CLOSED) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The quote '" + quote.getString("name")
                    + "' is " + Documents.stateLabel(context, "quote", state) + "; only active or closed quotes can "
                    + "be revised.", "statecode");
        }
        Entity full = context.service().retrieve("quote", id, ColumnSet.all());
        if (state == ACTIVE) {
            closeActivity(context, quote, null, "subject.quoteRevised");
            writer.write(context, DocumentKind.QUOTE, id, Map.of("closedon", LocalDate.now(clock.withZone(
                    ZoneOffset.UTC))));
            context.service().execute(new SetStateRequest(new EntityReference("quote", id), CLOSED, REVISED));
        }
        Entity next = DocumentCopier.header(full, DocumentKind.QUOTE);
        next.set("quotenumber", full.getString("quotenumber"));
        next.set("effectivefrom", full.get("effectivefrom")).set("effectiveto", full.get("effectiveto"));
        // clients cannot write the revision; the header plugin takes it from here
        context.sharedVariables().put(DocumentHeaderPlugin.REVISION, (full.getInteger("revisionnumber") == null ? 0
                : full.getInteger("revisionnumber")) + 1);
        UUID created;
        try {
            created = context.service().create(next);
        } finally {
            context.sharedVariables().remove(DocumentHeaderPlugin.REVISION);
        }
        copier.lines(context, DocumentKind.QUOTE, id, DocumentKind.QUOTE, created);
        return DocumentCopier.created(context, DocumentKind.QUOTE, created);
    }

    /** A won quote becomes an active order with the quote's customer, terms, lines and prices. */
    private Entity toOrder(PluginContext context, UUID id) {
        Entity quote = quote(context, id);
        requireState(context, quote, WON, "converted to an order");
        Entity full = context.service().retrieve("quote", id, ColumnSet.all());
        Entity order = DocumentCopier.header(full, DocumentKind.SALES_ORDER);
        order.set("quoteid", new EntityReference("quote", id));
        UUID created = context.service().create(order);
        copier.lines(context, DocumentKind.QUOTE, id, DocumentKind.SALES_ORDER, created);
        return DocumentCopier.created(context, DocumentKind.SALES_ORDER, created);
    }
}
