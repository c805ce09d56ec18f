package io.rapport.service.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.pipeline.StateReasons;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * A case may name a contract and a line of it: the contract must be active and the customer's, the line current and,
 * for case or time allotments, not used up. Every reason is reported at once; the contract follows from the line when
 * only the line is given.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 40)
@PluginStep(messages = Messages.UPDATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 40)
class CaseContractPlugin implements Plugin {

    private final ServiceReads reads;
    private final Clock clock;

    CaseContractPlugin(ServiceReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        boolean names = target.get("contractdetailid") != null || target.get("contractid") != null
                || context.preImage() != null && target.contains("customerid")
                && context.valueAfter("contractid") != null;
        if (!names) {
            return;
        }
        List<String> wrong = new ArrayList<>();
        Entity line = null;
        if (context.valueAfter("contractdetailid") instanceof EntityReference lineRef) {
            line = reads.find(context, "contractdetail", lineRef.id(), "title", "contractid", "statecode", "activeon",
                    "expireson", "allotmentsremaining", "allotmentsused", "totalallotments").orElseThrow(() ->
                    new RapportException(ErrorCode.INVALID_ARGUMENT, "The contract line does not exist.",
                            "contractdetailid"));
            EntityReference named = (EntityReference) context.valueAfter("contractid");
            EntityReference owning = line.getReference("contractid");
            if (named != null && !named.id().equals(owning.id())) {
                wrong.add("The contract line '" + line.getString("title") + "' belongs to another contract.");
            } else if (named == null) {
                target.set("contractid", new EntityReference("contract", owning.id()));
            }
        }
        EntityReference contractRef = (EntityReference) context.valueAfter("contractid");
        Entity contract = reads.find(context, "contract", contractRef.id(), "title", "statecode", "customerid",
                "allotmenttypecode").orElseThrow(() -> new RapportException(ErrorCode.INVALID_ARGUMENT,
                "The contract does not exist.", "contractid"));
        String title = "'" + contract.getString("title") + "'";
        int state = contract.getInteger("statecode");
        if (state != Contracts.ACTIVE) {
            wrong.add("The contract " + title + " is " + StateReasons.label(context, "contract", state)
                    + "; a case can name only an active contract.");
        }
        EntityReference customer = (EntityReference) context.valueAfter("customerid");
        EntityReference contractCustomer = contract.getReference("customerid");
        if (customer == null || contractCustomer == null || !customer.id().equals(contractCustomer.id())) {
            wrong.add("The contract " + title + " belongs to another customer than the case's.");
        }
        if (line != null) {
            line(context, line, contract.getInteger("allotmenttypecode"), wrong);
        }
        if (!wrong.isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, String.join(" ", wrong),
                    line != null ? "contractdetailid" : "contractid");
        }
    }

    private void line(PluginContext context, Entity line, Integer type, List<String> wrong) {
        String title = "'" + line.getString("title") + "'";
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int state = line.getInteger("statecode");
        if (state != Contracts.LINE_EXISTING) {
            wrong.add("The contract line " + title + " is " + StateReasons.label(context, "contractdetail", state) + ".");
        } else if (line.get("activeon") instanceof LocalDate start && today.isBefore(start)
                || line.get("expireson") instanceof LocalDate end && today.isAfter(end)) {
            wrong.add("The contract line " + title + " does not cover today (" + line.get("activeon") + " to "
                    + line.get("expireson") + ").");
        }
        if ((Objects.equals(type, Contracts.CASES) || Objects.equals(type, Contracts.TIME))
                && !(line.get("allotmentsremaining") instanceof Integer left && left > 0)) {
            wrong.add("The contract line " + title + " has no " + (Objects.equals(type, Contracts.CASES) ? "cases"
                    : "minutes") + " left (" + line.get("allotmentsused") + " of " + line.get("totalallotments")
                    + " used).");
        }
    }
}
