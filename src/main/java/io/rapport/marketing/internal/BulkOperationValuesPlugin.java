package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A quick campaign's parameters, counts and times are the marketing module's to write (as the system user, from
 * the actions that start it and the job that runs it); anyone else setting them gets a 400. New ones start at 0.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "bulkoperation", stage = Stage.PRE_VALIDATION,
        order = 10)
class BulkOperationValuesPlugin implements Plugin {

    static final List<String> SYSTEM_ONLY = List.of("targetmemberscount", "successcount", "failurecount",
            "parameters", "actualstart", "actualend");

    private final CallerProvider callers;

    BulkOperationValuesPlugin(CallerProvider callers) {
        this.callers = callers;
    }

    @Override
    public void execute(PluginContext context) {
        boolean system = callers.system().userId().equals(context.caller().userId());
        if (!system) {
            List<String> set = SYSTEM_ONLY.stream().filter(context.target()::contains).toList();
            if (!set.isEmpty()) {
                throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The quick campaign's " + String.join(", ", set)
                        + " are set by the quick campaign itself.", set.get(0));
            }
        }
        if (Messages.CREATE.equals(context.messageName())) {
            for (String count : List.of("targetmemberscount", "successcount", "failurecount")) {
                if (!context.target().contains(count)) {
                    context.target().set(count, 0);
                }
            }
        }
    }
}
