package io.rapport.web.internal.support;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Raises the UI configuration version when a record the UI caches changes, from any channel (UI, Web API, import):
 * system and personal views, forms, currencies.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.ASSIGN, Messages.SET_STATE},
        entity = "savedquery", stage = Stage.POST_OPERATION, order = 10_000)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.ASSIGN, Messages.SET_STATE},
        entity = "systemform", stage = Stage.POST_OPERATION, order = 10_000)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.ASSIGN, Messages.SET_STATE},
        entity = "userquery", stage = Stage.POST_OPERATION, order = 10_000)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.ASSIGN, Messages.SET_STATE},
        entity = "transactioncurrency", stage = Stage.POST_OPERATION, order = 10_000)
class UiConfigurationChangePlugin implements Plugin {

    /** The entities whose records the UI caches. */
    static final Set<String> CACHED = Set.of("savedquery", "systemform", "userquery", "transactioncurrency");

    private final UiConfigurationVersion version;

    UiConfigurationChangePlugin(UiConfigurationVersion version) {
        this.version = version;
    }

    @Override
    public void execute(PluginContext context) {
        if (CACHED.contains(context.entityName())) {
            version.bump();
        }
    }
}
