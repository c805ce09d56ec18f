package io.rapport.pipeline.internal;

import io.rapport.pipeline.PluginContext;
import org.springframework.stereotype.Component;

/** Queues the asynchronous post-operation steps of a message, to run after it commits. */
@Component
class AsyncSteps {

    private final PluginRegistry plugins;

    AsyncSteps(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    void queue(PluginContext context, Execution x) {
        if (plugins.asyncSteps(context).isEmpty()) {
            return;
        }
        throw new UnsupportedOperationException("asynchronous steps are not wired yet");
    }
}
