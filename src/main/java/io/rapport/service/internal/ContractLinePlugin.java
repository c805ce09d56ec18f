package io.rapport.service.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.pipeline.StateReasons;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * A contract line is added and changed only while its contract is a draft; it takes the contract's customer and
 * dates unless given, stays within the contract's dates, and sells a positive number of cases or minutes when the
 * contract allots cases or time. Used, remaining and overage allotments are the service module's to keep: a new
 * line starts with all remaining, and only the system (resolving a case) changes them afterwards.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "contractdetail", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.UPDATE, entity = "contractdetail", stage = Stage.PRE_OPERATION, order = 10)
class ContractLinePlugin implements Plugin {

    private final ServiceReads reads;
    private final CallerProvider callers;

    ContractLinePlugin(ServiceReads reads, CallerProvider callers) {
        this.reads = reads;
        this.callers = callers;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        boolean system = Objects.equals(context.caller().userId(), callers.system().userId());
        if (context.preImage() != null) {
            boolean usage = target.attributes().keySet().stream().anyMatch(Contracts.USAGE::contains);
            if (usage && !system) {
                throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The used, remaining and overage allotments "
                        + "of a contract line are kept by resolving cases and cannot be set.", "allotmentsused");
            }
            boolean onlyState = target.attributes().keySet().stream()
                    .allMatch(a -> a.equals("statecode") || a.equals("statuscode") || Contracts.USAGE.contains(a));
            if (onlyState && (system || !usage)) {
                return;
            }
        }
        EntityReference contractRef = (EntityReference) context.valueAfter("contractid");
        if (contractRef == null) {
            return;
        }
        Entity contract = reads.find(context, "contract", contractRef.id(), "statecode", "customerid", "activeon",
                "expireson", "allotmenttypecode", "transactioncurrencyid").orElseThrow(() -> new RapportException(
                ErrorCode.INVALID_ARGUMENT, "The contract does not exist.", "contractid"));
        int state = contract.getInteger("statecode");
        if (state != Contracts.DRAFT) {
            throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The contract is "
                    + StateReasons.label(context, "contract", state) + "; lines are added and changed only on a draft.",
                    "contractid");
        }
        if (context.preImage() == null) {
            defaults(target, contract);
        }
        check(context, contract);
        if (context.preImage() == null) {
            int total = target.get("totalallotments") instanceof Integer t ? t : 0;
            target.set("allotmentsused", 0).set("allotmentsremaining", total).set("allotmentsoverage", 0);
            target.set("statecode", Contracts.LINE_EXISTING).set("statuscode", 1);
        } else if (target.get("totalallotments") instanceof Integer total) {
            int used = context.preImage().get("allotmentsused") instanceof Integer u ? u : 0;
            target.set("allotmentsremaining", Math.max(0, total - used))
                    .set("allotmentsoverage", Math.max(0, used - total));
        }
    }

    private static void defaults(Entity target, Entity contract) {
        for (String a : List.of("customerid", "activeon", "expireson", "transactioncurrencyid")) {
            if (target.get(a) == null && contract.get(a) != null) {
                target.set(a, contract.get(a));
            }
        }
    }

    private static void check(PluginContext context, Entity contract) {
        List<String> wrong = new ArrayList<>();
        LocalDate start = (LocalDate) context.valueAfter("activeon");
        LocalDate end = (LocalDate) context.valueAfter("expireson");
        LocalDate contractStart = (LocalDate) contract.get("activeon");
        LocalDate contractEnd = (LocalDate) contract.get("expireson");
        if (start != null && end != null && end.isBefore(start)) {
            wrong.add("The line's end date (" + end + ") is before its start date (" + start + ").");
        }
        if (start != null && contractStart != null && start.isBefore(contractStart)
                || end != null && contractEnd != null && end.isAfter(contractEnd)) {
            wrong.add("The line's dates must lie within the contract's (" + contractStart + " to " + contractEnd
                    + ").");
        }
        Integer type = contract.getInteger("allotmenttypecode");
        Object total = context.valueAfter("totalallotments");
        if ((Objects.equals(type, Contracts.CASES) || Objects.equals(type, Contracts.TIME))
                && !(total instanceof Integer t && t > 0)) {
            wrong.add("The line needs a positive total of " + (type == Contracts.CASES ? "cases" : "minutes")
                    + " (totalallotments).");
        }
        if (!wrong.isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, String.join(" ", wrong), "totalallotments");
        }
    }
}
