package io.rapport.sales.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import org.springframework.stereotype.Component;

/**
 * When a contact moves to another company, it stops being the primary contact of the account it left, so that
 * the rule of {@link PrimaryContactPlugin} keeps holding.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "contact", stage = Stage.POST_OPERATION, order = 20)
class PrimaryContactCleanupPlugin implements Plugin {

    private final SystemReads reads;

    PrimaryContactCleanupPlugin(SystemReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        if (!context.target().contains("parentcustomerid")
                || !(context.target().get("parentcustomerid") instanceof EntityReference parent)) {
            return;
        }
        var service = reads.service(context);
        var accounts = service.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.none())
                .where(Condition.eq("primarycontactid", context.target().id())).build()).entities();
        for (Entity account : accounts) {
            if (!account.id().equals(parent.id())) {
                service.update(new Entity("account", account.id()).set("primarycontactid", (EntityReference) null));
            }
        }
    }
}
