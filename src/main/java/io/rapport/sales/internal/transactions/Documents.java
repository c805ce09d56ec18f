package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.RecordReads;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.UUID;

/** Reading a document's header and the rules every change to it or its lines obeys. */
final class Documents {

    /** The totals of a quote, order or invoice: written by {@link DocumentTotals}, read-only for clients. */
    static final String[] TOTALS = {"totallineitemamount", "totallineitemdiscountamount", "totaldiscountamount",
        "totalamountlessfreight", "totaltax", "totalamount"};
    /**
     * What a line's change reads of its document: its state, pricing and, so that the same read serves the totals
     * written after the line ({@link DocumentTotals}), its customer and current totals.
     */
    static final String[] HEADER = withTotals("name", "statecode", "statuscode", "pricelevelid",
        "transactioncurrencyid", "exchangerate", "discountpercentage", "discountamount", "freightamount", "customerid");
    static final String[] LOCKABLE_HEADER = withTotals("name", "statecode", "statuscode", "pricelevelid",
        "transactioncurrencyid", "exchangerate", "discountpercentage", "discountamount", "freightamount", "customerid",
        "ispricelocked");

    private static String[] withTotals(String... columns) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(columns));
        for (String total : TOTALS) {
            all.add(total);
            all.add(total + "_base");
        }
        return all.toArray(String[]::new);
    }

    private static final String PRECISION = "sales.currencyPrecision.";
    private static final String KEPT_HEADER = "sales.lineHeader.";
    private static final String HEADER_READ = "sales.header";

    private Documents() {
    }

    static Entity header(PluginContext context, SystemView view, DocumentKind kind, UUID id) {
        return findHeader(context, view, kind, id).orElseThrow(() -> RapportException.notFound(kind.entity, id));
    }

    /**
     * The document's header as {@link #header} reads it, or empty when there is none. Read once per unit of work or
     * message ({@link RecordReads}: the 20 lines of a deep insert, CalculatePrice's updates of every line share one
     * read), until the pipeline writes the document (its totals, an update, a state change), which forgets it.
     */
    static java.util.Optional<Entity> findHeader(PluginContext context, SystemView view, DocumentKind kind, UUID id) {
        String[] columns = kind == DocumentKind.OPPORTUNITY
                ? new String[] {"name", "statecode", "pricelevelid", "transactioncurrencyid", "exchangerate",
                    "isrevenuesystemcalculated"}
                : kind.lockable ? LOCKABLE_HEADER : HEADER;
        return RecordReads.once(kind.entity, id, HEADER_READ, () -> view.find(context, kind.entity, id, columns))
                .map(Entity::copy);
    }

    /** Fails unless the document may still be changed: in an editable state and, for orders and invoices, unlocked. */
    static void requireEditable(PluginContext context, DocumentKind kind, Entity header, boolean pricing) {
        int state = header.getInteger("statecode");
        if (!kind.editableStates.contains(state)) {
            String hint = kind == DocumentKind.QUOTE ? (state == 1 ? " Revise it to change it." : "")
                    : kind == DocumentKind.OPPORTUNITY ? " Reopen it first." : "";
            throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The " + kind.entity + " '" + header.getString("name")
                    + "' is " + stateLabel(context, kind.entity, state) + " and cannot be changed." + hint, "statecode");
        }
        if (pricing && kind.lockable && Boolean.TRUE.equals(header.getBoolean("ispricelocked"))) {
            throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The prices of the " + kind.entity + " '"
                    + header.getString("name") + "' are locked; unlock them to change its products or pricing.",
                    "ispricelocked");
        }
    }

    static String stateLabel(PluginContext context, String entity, int state) {
        return context.snapshot().entity(entity).attribute("statecode").optionSet().option(state)
                .map(o -> o.label().get(context.caller().locale())).orElse(String.valueOf(state));
    }

    /** The decimals of the document's currency (2 when it has none). */
    static int precision(PluginContext context, SystemView view, Entity document) {
        EntityReference currency = document.getReference("transactioncurrencyid");
        if (currency == null) {
            return 2;
        }
        // read once per request or unit of work: a line's pricing and its document's totals both need it
        return CatalogReads.once(context, PRECISION + currency.id(), () -> java.util.Optional.of(view.find(context,
                "transactioncurrency", currency.id(), "currencyprecision").map(c -> c.getInteger("currencyprecision"))
                .map(p -> p == null ? 2 : p).orElse(2))).orElseThrow();
    }

    /**
     * Keeps the header a line's pre-operation read for the same message's post-operation (the totals), which would
     * otherwise read it again: the line's own change does not touch the header's pricing columns.
     */
    static void keepHeader(PluginContext context, UUID document, Entity header) {
        context.sharedVariables().put(KEPT_HEADER + document, header);
    }

    /** The header kept by {@link #keepHeader}, once; null when none was kept. */
    static Entity takeHeader(PluginContext context, UUID document) {
        return (Entity) context.sharedVariables().remove(KEPT_HEADER + document);
    }
}
