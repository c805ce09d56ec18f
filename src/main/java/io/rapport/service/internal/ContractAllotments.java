package io.rapport.service.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Resolving a case that names a contract line uses up the line: one case for a number-of-cases line, the minutes
 * spent for a time line (what goes beyond the total is overage), nothing for coverage dates. A line with nothing
 * left refuses the resolution. Written as the system: the representative need not be able to write the contract.
 */
@Component
class ContractAllotments implements CaseResolutionStep {

    private final ServiceReads reads;

    ContractAllotments(ServiceReads reads) {
        this.reads = reads;
    }

    @Override
    public void resolving(PluginContext context, UUID incident, int minutesSpent) {
        Entity found = reads.find(context, "incident", incident, "contractdetailid", "contractid").orElseThrow();
        if (!(found.get("contractdetailid") instanceof EntityReference lineRef)) {
            return;
        }
        Entity line = reads.find(context, "contractdetail", lineRef.id(), "title", "contractid", "totalallotments",
                "allotmentsused", "allotmentsremaining").orElseThrow();
        Entity contract = reads.find(context, "contract", line.getReference("contractid") == null
                ? found.getReference("contractid").id() : line.getReference("contractid").id(),
                "allotmenttypecode").orElseThrow();
        Integer type = contract.getInteger("allotmenttypecode");
        if (type == null || type == Contracts.COVERAGE_DATES) {
            return;
        }
        int total = line.get("totalallotments") instanceof Integer t ? t : 0;
        int used = line.get("allotmentsused") instanceof Integer u ? u : 0;
        if (total - used <= 0) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The contract line '" + line.getString("title")
                    + "' has no " + (type == Contracts.CASES ? "cases" : "minutes") + " left (" + used + " of "
                    + total + " used).", "contractdetailid");
        }
        int nowUsed = used + (type == Contracts.CASES ? 1 : minutesSpent);
        reads.service(context).update(new Entity("contractdetail", line.id()).set("allotmentsused", nowUsed)
                .set("allotmentsremaining", Math.max(0, total - nowUsed))
                .set("allotmentsoverage", Math.max(0, nowUsed - total)));
    }
}
