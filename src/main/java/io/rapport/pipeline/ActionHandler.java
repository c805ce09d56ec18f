package io.rapport.pipeline;

/**
 * Implements one custom action. Handlers are Spring beans; the pipeline's stage runner runs each as a message:
 * pre-validation plugins, {@link #validate}, the check of {@link #privileges}, then in one transaction
 * pre-operation plugins, {@link #execute} (the main operation) and post-operation plugins.
 */
public interface ActionHandler {

    ActionDefinition definition();

    /** The main operation; further messages go through {@code context.service()}, which checks their privileges. */
    ActionResponse execute(ActionRequest request, PluginContext context);

    /** Checks the parameters after pre-validation, before the privilege check; nothing is written yet. */
    default void validate(ActionRequest request, PluginContext context) {
    }

    /**
     * The privileges the caller needs for the action itself (e.g. Write on the lead being qualified), checked before
     * pre-operation. Messages the action runs check their own as well.
     */
    default java.util.List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return java.util.List.of();
    }

    /**
     * Whether the action runs in a transaction of its own (the default); a read-only action (such as
     * RetrieveEntityChanges) may say no and run as a plain read.
     */
    default boolean transactional() {
        return true;
    }

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
