package io.rapport.security.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import org.springframework.stereotype.Component;

/**
 * Solutions and publishers are read-only: only the system (which makes the default rows at start-up) writes them;
 * any other caller, administrators included, gets a 400 before anything else runs.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "solution",
        stage = Stage.PRE_VALIDATION, order = 0)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "publisher",
        stage = Stage.PRE_VALIDATION, order = 0)
class SolutionsReadOnlyPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        if (context.caller().channel() != Channel.SYSTEM) {
            throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The " + context.entityName() + " records are "
                    + "read-only: Rapport keeps its customizations in the Default Solution of the default publisher.");
        }
    }
}
