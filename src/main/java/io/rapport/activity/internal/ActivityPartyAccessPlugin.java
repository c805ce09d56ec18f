package io.rapport.activity.internal;

import io.rapport.error.RapportException;
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
 * Parties belong to their activity, as in Dataverse: the roles grant {@code activityparty} across the organization,
 * and adding, changing or removing a party needs Write on the activity itself, checked by writing it (an empty
 * update as the caller, which also marks the activity modified). Activities being created or deleted by the same
 * caller in this message (their own parties) pass through their own checks.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "activityparty",
        stage = Stage.PRE_OPERATION, order = 50)
class ActivityPartyAccessPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        if (PointerSync.syncing(context) || context.depth() > 1 && isCascade(context)) {
            return;
        }
        Object activity = context.valueAfter("activityid");
        if (activity == null && context.preImage() != null) {
            activity = context.preImage().get("activityid");
        }
        if (!(activity instanceof EntityReference ref)) {
            return;
        }
        String type = context.service().retrieveMultiple(QueryExpression.from(PointerSync.POINTER)
                        .columns(ColumnSet.of("activitytypecode")).where(Condition.eq("activityid", ref.id()))
                        .top(1).build()).entities().stream().findFirst().map(p -> p.getString("activitytypecode"))
                .orElseThrow(() -> RapportException.notFound(PointerSync.POINTER, ref.id()));
        context.service().update(new Entity(type, ref.id()));
    }

    /** Deleting an activity removes its parties through the cascade of the pointer, already checked. */
    private static boolean isCascade(PluginContext context) {
        return Messages.DELETE.equals(context.messageName());
    }
}
