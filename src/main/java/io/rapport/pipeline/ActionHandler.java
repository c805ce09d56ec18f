package io.rapport.pipeline;

/**
 * Implements one custom action. Handlers are Spring beans; the pipeline runs them inside its transaction with
 * pre- and post-operation plugins of the action's message around them.
 */
public interface ActionHandler {

    ActionDefinition definition();

    ActionResponse execute(ActionRequest request, PluginContext context);

    /** A handler whose body returns the response's output parameters. */
    static ActionHandler of(ActionDefinition definition,
            java.util.function.BiFunction<ActionRequest, PluginContext, java.util.Map<String, Object>> body) {
        return new ActionHandler() {
            @Override
            public ActionDefinition definition() {
                return definition;
            }

            @Override
            public ActionResponse execute(ActionRequest request, PluginContext context) {
                return new ActionResponse(body.apply(request, context));
            }
        };
    }
}
