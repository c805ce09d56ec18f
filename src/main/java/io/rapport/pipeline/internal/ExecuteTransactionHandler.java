package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.ExecuteTransactionRequest;
import io.rapport.pipeline.Messages.ExecuteTransactionResponse;
import io.rapport.pipeline.OrganizationResponse;
import io.rapport.pipeline.PluginContext;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * ExecuteTransaction: runs its requests one level deeper in its own transaction, all or none; each request checks
 * its own privileges. A failure names the index of the request at fault.
 */
@Component
class ExecuteTransactionHandler implements MessageHandler<ExecuteTransactionRequest, ExecuteTransactionResponse> {

    @Override
    public String messageName() {
        return Messages.EXECUTE_TRANSACTION;
    }

    @Override
    public Class<ExecuteTransactionRequest> requestType() {
        return ExecuteTransactionRequest.class;
    }

    @Override
    public Operation<ExecuteTransactionResponse> start(ExecuteTransactionRequest request, Execution x) {
        PluginContext ctx = x.context(Messages.EXECUTE_TRANSACTION, null, request);
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public List<AccessDemand> privileges() {
                return List.of();
            }

            @Override
            public ExecuteTransactionResponse execute() {
                List<OrganizationResponse> responses = new ArrayList<>();
                for (int i = 0; i < request.requests().size(); i++) {
                    try {
                        responses.add(x.nested().execute(request.requests().get(i)));
                    } catch (RapportException e) {
                        throw StageRunner.faulted(e, i);
                    }
                }
                ctx.outputs().put("Responses", responses);
                return new ExecuteTransactionResponse(responses);
            }
        };
    }
}
