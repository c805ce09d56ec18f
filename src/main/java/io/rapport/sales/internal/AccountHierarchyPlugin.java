package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.EntityReference;
import org.springframework.stereotype.Component;

/**
 * Rejects a parent account that would close a loop: the account itself, or any account under it. A new account
 * has nothing under it, so only updates are checked.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "account", stage = Stage.PRE_OPERATION, order = 10)
class AccountHierarchyPlugin implements Plugin {

    private final SystemReads reads;

    AccountHierarchyPlugin(SystemReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        if (!(context.target().get("parentaccountid") instanceof EntityReference parent)) {
            return;
        }
        var self = context.target().id();
        boolean loop = parent.id().equals(self) || !reads.service(context).retrieveMultiple(
                QueryExpression.from("account").columns(ColumnSet.none())
                        .where(Condition.eq("accountid", parent.id()))
                        .where(Condition.of("accountid", ConditionOperator.UNDER, self)).top(1).build())
                .entities().isEmpty();
        if (loop) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "Creating this parental association would create a "
                    + "loop in this hierarchy: account " + parent.id() + " is " + (parent.id().equals(self)
                    ? "the account itself." : "under account " + self + "."), "parentaccountid");
        }
    }
}
