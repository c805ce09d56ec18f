package io.rapport.service.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.pipeline.StateReasons;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A contract's rules: a new one is a Draft numbered CNR-… and takes its allotment type, service level, billing
 * frequency and calendar from its template; it ends on or after it starts; only a draft can be changed (state, the
 * cancellation date and clearing a lookup aside); states move as Dataverse moves them (Draft → Invoiced → Active →
 * On Hold / Canceled / Expired); invoicing needs at least one line.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "contract", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.UPDATE, entity = "contract", stage = Stage.PRE_OPERATION, order = 10)
class ContractRulesPlugin implements Plugin {

    private static final Set<String> ALWAYS_WRITABLE = Set.of("statecode", "statuscode", "cancelon");

    private final ServiceNumbers numbers;
    private final ServiceReads reads;

    ContractRulesPlugin(ServiceNumbers numbers, ServiceReads reads) {
        this.numbers = numbers;
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (context.preImage() == null) {
            target.set("statecode", Contracts.DRAFT);
            target.set("statuscode", 1);
            if (target.get("contractnumber") == null) {
                target.set("contractnumber", numbers.nextContractNumber(context));
            }
            fromTemplate(context);
        } else {
            int state = context.preImage().getInteger("statecode");
            if (state != Contracts.DRAFT) {
                for (var change : target.attributes().entrySet()) {
                    boolean clearsLookup = change.getValue() == null
                            && context.preImage().get(change.getKey()) instanceof EntityReference;
                    if (!ALWAYS_WRITABLE.contains(change.getKey()) && !clearsLookup) {
                        throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The contract is "
                                + StateReasons.label(context, "contract", state) + "; only a draft contract can be changed.",
                                change.getKey());
                    }
                }
            }
            if (target.get("statecode") instanceof Integer to && to != state) {
                transition(context, state, to);
            }
        }
        dates(context);
    }

    private void fromTemplate(PluginContext context) {
        if (!(context.target().get("contracttemplateid") instanceof EntityReference ref)) {
            return;
        }
        Entity template = reads.find(context, "contracttemplate", ref.id(), "allotmenttypecode",
                "contractservicelevelcode", "billingfrequencycode", "effectivitycalendar")
                .orElseThrow(() -> new RapportException(ErrorCode.INVALID_ARGUMENT,
                        "The contract template does not exist.", "contracttemplateid"));
        for (String a : List.of("allotmenttypecode", "contractservicelevelcode", "billingfrequencycode",
                "effectivitycalendar")) {
            if (context.target().get(a) == null && template.get(a) != null) {
                context.target().set(a, template.get(a));
            }
        }
    }

    private void transition(PluginContext context, int from, int to) {
        if (!Contracts.allowed(from, to)) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "A contract cannot go from "
                    + StateReasons.label(context, "contract", from) + " to " + StateReasons.label(context, "contract", to) + ".",
                    "statecode");
        }
        if (from == Contracts.DRAFT && reads.service(context).retrieveMultiple(QueryExpression.from("contractdetail")
                .columns(ColumnSet.none()).where(Condition.eq("contractid", context.targetReference().id())).top(1)
                .build()).entities().isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE,
                    "A contract needs at least one contract line before it is invoiced.", "statecode");
        }
    }

    private static void dates(PluginContext context) {
        Object start = context.valueAfter("activeon");
        Object end = context.valueAfter("expireson");
        List<String> wrong = new ArrayList<>();
        if (start instanceof LocalDate s && end instanceof LocalDate e && e.isBefore(s)) {
            wrong.add("The contract end date (" + e + ") is before its start date (" + s + ").");
        }
        if (!wrong.isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, String.join(" ", wrong), "expireson");
        }
    }
}
