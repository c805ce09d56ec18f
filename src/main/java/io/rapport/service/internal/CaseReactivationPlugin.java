package io.rapport.service.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.service.ServiceMessages;
import org.springframework.stereotype.Component;

/**
 * Reactivating a resolved case cancels its completed resolutions, so that resolving it again needs a new one
 * (CloseIncident) and the history keeps what happened.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "incident", stage = Stage.POST_OPERATION, order = 10)
class CaseReactivationPlugin implements Plugin {

    private final ServiceReads reads;

    CaseReactivationPlugin(ServiceReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        Integer before = context.preImage().getInteger("statecode");
        if (!Integer.valueOf(ServiceMessages.CASE_ACTIVE).equals(context.target().get("statecode"))
                || before == null || before != ServiceMessages.CASE_RESOLVED) {
            return;
        }
        for (Entity resolution : reads.service(context).retrieveMultiple(QueryExpression.from("incidentresolution")
                .columns(ColumnSet.none()).where(Condition.eq("incidentid", context.targetReference().id()))
                .where(Condition.eq("statecode", 1)).build()).entities()) {
            reads.service(context).execute(new SetStateRequest(resolution.toReference(), 2, 3));
        }
    }
}
