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
import io.rapport.service.ServiceMessages;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rules of a case's life, as Dataverse keeps them: a resolved or canceled case is read-only until reactivated
 * (only its state may change); a case becomes Resolved only through CloseIncident (which records a completed
 * resolution first); parent and child cases are one level deep (a child cannot be a parent, nor a case its own
 * parent), and the parent must be active.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "incident", stage = Stage.PRE_VALIDATION, order = 10)
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 20)
@PluginStep(messages = Messages.UPDATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 20)
class CaseRulesPlugin implements Plugin {

    private static final Set<String> STATE = Set.of("statecode", "statuscode");

    private final ServiceReads reads;

    CaseRulesPlugin(ServiceReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.stage() == Stage.PRE_VALIDATION) {
            closedIsReadOnly(context);
            return;
        }
        if (context.target().contains("parentcaseid") && context.target().get("parentcaseid") != null) {
            parent(context);
        }
        Object state = context.target().get("statecode");
        Integer before = context.preImage() == null ? null : context.preImage().getInteger("statecode");
        if (Integer.valueOf(ServiceMessages.CASE_RESOLVED).equals(state) && !state.equals(before)) {
            resolvedThroughCloseIncident(context);
        }
    }

    private void closedIsReadOnly(PluginContext context) {
        Entity pre = context.preImage();
        if (!(pre.get("statecode") instanceof Integer state) || state == ServiceMessages.CASE_ACTIVE) {
            return;
        }
        for (Map.Entry<String, Object> change : context.target().attributes().entrySet()) {
            boolean clearsLookup = change.getValue() == null && pre.get(change.getKey()) instanceof EntityReference;
            if (!STATE.contains(change.getKey()) && !clearsLookup) {
                throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The case is "
                        + StateReasons.label(context, "incident", state) + " and cannot be changed; reactivate it first.",
                        change.getKey());
            }
        }
    }

    private void parent(PluginContext context) {
        EntityReference parent = (EntityReference) context.target().get("parentcaseid");
        UUID self = context.targetReference() == null ? context.target().id() : context.targetReference().id();
        if (parent.id().equals(self)) {
            throw invalid("A case cannot be its own parent case.");
        }
        Entity found = reads.find(context, "incident", parent.id(), "title", "parentcaseid", "statecode")
                .orElseThrow(() -> invalid("The parent case does not exist."));
        if (found.get("parentcaseid") != null) {
            throw invalid("The case '" + found.getString("title") + "' is a child case and cannot be a parent case.");
        }
        if (found.getInteger("statecode") != ServiceMessages.CASE_ACTIVE) {
            throw invalid("The parent case '" + found.getString("title") + "' is "
                    + StateReasons.label(context, "incident", found.getInteger("statecode")) + ".");
        }
        if (self != null && !reads.service(context).retrieveMultiple(QueryExpression.from("incident")
                .columns(ColumnSet.none()).where(Condition.eq("parentcaseid", self)).top(1).build())
                .entities().isEmpty()) {
            throw invalid("This case has child cases and cannot become a child case itself.");
        }
    }

    private void resolvedThroughCloseIncident(PluginContext context) {
        UUID id = context.targetReference().id();
        boolean resolution = !reads.service(context).retrieveMultiple(QueryExpression.from("incidentresolution")
                .columns(ColumnSet.none()).where(Condition.eq("incidentid", id)).where(Condition.eq("statecode", 1))
                .top(1).build()).entities().isEmpty();
        if (!resolution) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION,
                    "A case is resolved with CloseIncident (with a case resolution), not by setting its state.",
                    "statecode");
        }
    }

    private static RapportException invalid(String message) {
        return new RapportException(ErrorCode.BUSINESS_RULE, message, "parentcaseid");
    }
}
