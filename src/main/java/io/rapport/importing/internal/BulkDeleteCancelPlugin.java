package io.rapport.importing.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Canceling a bulk deletion job as Dataverse does: its system job (asyncoperation) updated to Canceled (statecode 3,
 * statuscode 32), over the Web API or from the job's page. In the same transaction the job's bulkdeleteoperation,
 * if not ended, becomes Canceled: a waiting run (the next run of a recurring job included) then never starts, so the
 * recurrence ends, and a running one stops before its next page ({@link BulkDeleteRunner}).
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "asyncoperation", stage = Stage.POST_OPERATION, order = 50)
class BulkDeleteCancelPlugin implements Plugin {

    static final int CANCELED = 32;

    private final CallerProvider callers;

    BulkDeleteCancelPlugin(CallerProvider callers) {
        this.callers = callers;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.target() == null || !Integer.valueOf(CANCELED).equals(context.target().get("statuscode"))) {
            return;
        }
        OrganizationService system = context.service().as(callers.system());
        for (Entity operation : system.retrieveMultiple(QueryExpression.from("bulkdeleteoperation")
                .columns(ColumnSet.none()).where(Filter.and(Condition.of("asyncoperationid", ConditionOperator.EQUAL,
                        context.target().id()), Condition.of("statecode", ConditionOperator.NOT_EQUAL, 3)))
                .top(10).build()).entities()) {
            system.update(new Entity("bulkdeleteoperation", operation.id()).set("statecode", 3)
                    .set("statuscode", CANCELED).set("completedon", Instant.now()));
        }
    }
}
