package io.rapport.pipeline.internal;

import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import java.util.List;

/** An {@link ActionHandler} bean as a message handler: its validation, privileges and main operation. */
final class ActionMessageHandler implements MessageHandler<ActionRequest, ActionResponse> {

    private final ActionHandler handler;

    ActionMessageHandler(ActionHandler handler) {
        this.handler = handler;
    }

    ActionHandler handler() {
        return handler;
    }

    @Override
    public String messageName() {
        return handler.definition().name();
    }

    @Override
    public Class<ActionRequest> requestType() {
        return ActionRequest.class;
    }

    @Override
    public boolean transactional() {
        return handler.transactional();
    }

    @Override
    public Operation<ActionResponse> start(ActionRequest request, Execution x) {
        String bound = handler.definition().boundEntity();
        String entity = request.target() != null ? request.target().logicalName()
                : io.rapport.pipeline.ActionDefinition.ANY_ENTITY.equals(bound) ? null : bound;
        PluginContext ctx = x.context(request.name(), entity, request);
        ctx.setTargetReference(request.target());
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                handler.validate(request, ctx);
            }

            @Override
            public List<AccessDemand> privileges() {
                return handler.privileges(request, ctx);
            }

            @Override
            public ActionResponse execute() {
                ctx.outputs().putAll(handler.execute(request, ctx).outputs());
                return null;
            }

            @Override
            public ActionResponse complete(ActionResponse result) {
                // post-operation plugins may add outputs
                return new ActionResponse(ctx.outputs());
            }
        };
    }
}
