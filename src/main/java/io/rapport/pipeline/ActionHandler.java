package io.rapport.pipeline;

/**
 * Implements one custom action. Handlers are Spring beans; the pipeline runs them inside its transaction with
 * pre- and post-operation plugins of the action's message around them.
 */
public interface ActionHandler {

    ActionDefinition definition();

    ActionResponse execute(ActionRequest request, PluginContext context);
}
