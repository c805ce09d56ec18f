package io.rapport.service.internal;

import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Copies a contract with its lines into a new draft: a clone keeps the dates, a renewal starts the day after the
 * original ends and lasts as long. Canceled lines come along only when asked; used allotments start again.
 */
final class ContractCopies {

    static final List<String> CONTRACT = List.of("title", "customerid", "billingcustomerid", "contracttemplateid",
            "activeon", "expireson", "billingstarton", "billingendon", "allotmenttypecode", "contractservicelevelcode",
            "billingfrequencycode", "effectivitycalendar", "transactioncurrencyid", "description", "totalprice");
    static final List<String> LINE = List.of("title", "customerid", "activeon", "expireson", "totalallotments",
            "price", "lineitemorder", "effectivitycalendar", "transactioncurrencyid", "statecode");

    private ContractCopies() {
    }

    static boolean flag(Object value, String parameter) {
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw RapportException.invalid("The parameter " + parameter + " must be true or false.");
        }
        return b;
    }

    /** The new draft's id; {@code renewal} shifts the dates past the original's end. */
    static UUID copy(OrganizationService service, UUID original, boolean includeCanceled, boolean renewal) {
        Entity source = service.retrieve("contract", original, ColumnSet.of(CONTRACT.toArray(String[]::new)));
        long shift = 0;
        LocalDate start = (LocalDate) source.get("activeon");
        LocalDate end = (LocalDate) source.get("expireson");
        if (renewal && start != null && end != null) {
            shift = ChronoUnit.DAYS.between(start, end) + 1;
        }
        Entity copy = new Entity("contract");
        for (String a : CONTRACT) {
            Object v = source.get(a);
            copy.set(a, v instanceof LocalDate d ? d.plusDays(shift) : v);
        }
        copy.set("originatingcontract", new EntityReference("contract", original));
        UUID id = service.create(copy);
        List<Entity> lines = service.retrieveMultiple(QueryExpression.from("contractdetail")
                .columns(ColumnSet.of(LINE.toArray(String[]::new))).where(Condition.eq("contractid", original))
                .build()).entities();
        for (Entity line : lines) {
            boolean canceled = line.getInteger("statecode") == Contracts.LINE_CANCELED;
            if (canceled && !includeCanceled) {
                continue;
            }
            Entity newLine = new Entity("contractdetail").set("contractid", new EntityReference("contract", id));
            for (String a : LINE) {
                Object v = line.get(a);
                if (!a.equals("statecode") && v != null) {
                    newLine.set(a, v instanceof LocalDate d ? d.plusDays(shift) : v);
                }
            }
            service.create(newLine);
        }
        return id;
    }
}
