package io.rapport.activity.internal;

import io.rapport.pipeline.CompanionRecords;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.AssignRequest;
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
 * Keeps the {@code activitypointer} row of every activity (any entity marked as an activity) in step with it,
 * in the same transaction: created with it, changed with its common attributes and state, assigned with it,
 * deleted with it. The pointer's status reason is its state's default (type-specific reasons stay on the type).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.ASSIGN},
        stage = Stage.POST_OPERATION, order = 5)
class ActivityPointerPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        String entity = context.entityName();
        if (!PointerSync.isActivity(context, entity) || PointerSync.syncing(context)
                || Messages.CREATE.equals(context.messageName()) && CompanionRecords.writtenInBatch(context)) {
            return;
        }
        PointerSync.run(context, () -> {
            switch (context.messageName()) {
                case Messages.CREATE -> create(context, entity);
                case Messages.UPDATE -> update(context, entity);
                case Messages.ASSIGN -> assign(context);
                default -> delete(context);
            }
            return null;
        });
    }

    private static void create(PluginContext context, String entity) {
        context.service().create(ActivityPointers.pointerOf(context.snapshot(), context.postImage()));
    }

    private static void update(PluginContext context, String entity) {
        Entity change = new Entity(PointerSync.POINTER, context.target().id());
        ActivityPointers.copy(context.snapshot(), entity, context.target(), change);
        if (!change.attributes().isEmpty()) {
            context.service().update(change);
        }
    }

    private static void assign(PluginContext context) {
        EntityReference assignee = ((AssignRequest) context.request()).assignee();
        context.service().execute(new AssignRequest(new EntityReference(PointerSync.POINTER,
                context.targetReference().id()), new EntityReference(assignee.logicalName(), assignee.id())));
    }

    private static void delete(PluginContext context) {
        var id = context.targetReference().id();
        boolean exists = !context.service().retrieveMultiple(QueryExpression.from(PointerSync.POINTER)
                .columns(ColumnSet.none()).where(Condition.eq("activityid", id)).top(1).build()).entities().isEmpty();
        if (exists) {
            context.service().delete(PointerSync.POINTER, id);
        }
    }
}
