package io.rapport.activity.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import org.springframework.stereotype.Component;

/**
 * Activity pointers are written only by their activity. Creating or changing one directly fails; deleting one
 * deletes its activity (which is how cascades from a deleted regarding record reach both tables).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.ASSIGN, Messages.SET_STATE},
        entity = PointerSync.POINTER, stage = Stage.PRE_VALIDATION)
@PluginStep(messages = Messages.DELETE, entity = PointerSync.POINTER, stage = Stage.PRE_OPERATION)
class ActivityPointerGuardPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        if (PointerSync.syncing(context)) {
            return;
        }
        if (!Messages.DELETE.equals(context.messageName())) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "Activities are written through their own "
                    + "type (email, phonecall, task, appointment...), not through activitypointer.");
        }
        Entity pointer = context.preImage();
        String type = pointer.getString("activitytypecode");
        if (type != null && context.snapshot().findEntity(type).isPresent()) {
            PointerSync.run(context, () -> {
                context.service().delete(type, pointer.id());
                return null;
            });
        }
    }
}
