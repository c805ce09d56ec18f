package io.rapport.service.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import org.springframework.stereotype.Component;

/** Gives a new case its ticket number unless one is given (an import keeping the numbers of another system). */
@Component
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 10)
class CaseNumberPlugin implements Plugin {

    private final ServiceNumbers numbers;

    CaseNumberPlugin(ServiceNumbers numbers) {
        this.numbers = numbers;
    }

    @Override
    public void execute(PluginContext context) {
        Object given = context.target().get("ticketnumber");
        if (given == null || given.toString().isBlank()) {
            context.target().set("ticketnumber", numbers.nextCaseNumber(context));
        }
    }
}
