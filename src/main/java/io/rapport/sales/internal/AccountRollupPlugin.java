package io.rapport.sales.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes the account rollups: zero on create, the values {@link AccountRollups} computed on the update it
 * issues. Clients cannot write them (the attributes are not valid for create or update).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "account", stage = Stage.PRE_OPERATION,
        order = 50)
class AccountRollupPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        if (Messages.CREATE.equals(context.messageName())) {
            context.target().attributes().putAll(AccountRollups.zero());
            return;
        }
        if (context.sharedVariables().get(AccountRollups.PENDING) instanceof Map<?, ?> pending
                && pending.get(context.target().id()) instanceof Map<?, ?> values) {
            values.forEach((k, v) -> context.target().set((String) k, v));
        }
    }
}
