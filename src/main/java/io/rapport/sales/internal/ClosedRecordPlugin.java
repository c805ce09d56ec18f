package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.pipeline.StateReasons;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Qualified or disqualified leads and won or lost opportunities are read-only. What stays allowed: changing the
 * state (reactivating or reopening, or another closing status reason), and clearing a lookup, which is what a
 * delete of the referenced record does (remove-link cascade).
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "lead", stage = Stage.PRE_VALIDATION, order = 10)
@PluginStep(messages = Messages.UPDATE, entity = "opportunity", stage = Stage.PRE_VALIDATION, order = 10)
class ClosedRecordPlugin implements Plugin {

    private static final Set<String> STATE = Set.of("statecode", "statuscode");

    @Override
    public void execute(PluginContext context) {
        Entity pre = context.preImage();
        if (!(pre.get("statecode") instanceof Integer state) || state == 0) {
            return;
        }
        for (Map.Entry<String, Object> change : context.target().attributes().entrySet()) {
            boolean clearsLookup = change.getValue() == null && pre.get(change.getKey()) instanceof EntityReference;
            if (!STATE.contains(change.getKey()) && !clearsLookup) {
                String stateLabel = StateReasons.label(context, context.entityName(), state);
                throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The " + context.entityName() + " is "
                        + stateLabel + " and cannot be changed; "
                        + ("lead".equals(context.entityName()) ? "reactivate" : "reopen") + " it first.",
                        change.getKey());
            }
        }
    }
}
