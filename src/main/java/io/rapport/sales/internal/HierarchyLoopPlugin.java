package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
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
 * Rejects a parent that would close a loop in an account or product hierarchy (the entity's hierarchy attribute,
 * {@code parentaccountid}, {@code parentproductid}): the record itself, or any record under it. A new record has
 * nothing under it, so only updates are checked.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "account", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.UPDATE, entity = "product", stage = Stage.PRE_OPERATION, order = 4)
class HierarchyLoopPlugin implements Plugin {

    private final SystemReads reads;

    HierarchyLoopPlugin(SystemReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        EntityMetadata e = context.snapshot().entity(context.entityName());
        String parentAttribute = e.hierarchyAttribute();
        if (!(context.target().get(parentAttribute) instanceof EntityReference parent)) {
            return;
        }
        var self = context.target().id();
        String id = e.primaryIdAttribute();
        boolean loop = parent.id().equals(self) || !reads.service(context).retrieveMultiple(
                QueryExpression.from(e.logicalName()).columns(ColumnSet.none())
                        .where(Condition.eq(id, parent.id()))
                        .where(Condition.of(id, ConditionOperator.UNDER, self)).top(1).build())
                .entities().isEmpty();
        if (loop) {
            String entity = e.logicalName();
            throw new RapportException(ErrorCode.BUSINESS_RULE, "Creating this parental association would create a "
                    + "loop in this hierarchy: " + entity + " " + parent.id() + " is " + (parent.id().equals(self)
                    ? "the " + entity + " itself." : "under " + entity + " " + self + "."), parentAttribute);
        }
    }
}
