package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationResponse;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every message in a transaction, pinned to one metadata snapshot, as the current caller; nested messages
 * (from plugins, actions and cascades) join the transaction one level deeper.
 */
@Service
class DefaultOrganizationService implements OrganizationService {

    static final int MAX_DEPTH = 16;

    private final MetadataService metadata;
    private final CallerProvider callers;
    private final AccessChecker access;
    private final TransactionTemplate tx;
    private final TransactionTemplate reads;
    private final CoreMessages core;
    private final RelationshipMessages relationships;
    private final ActionRegistry actions;
    private final PluginRegistry plugins;

    DefaultOrganizationService(MetadataService metadata, CallerProvider callers, AccessChecker access,
            TransactionTemplate tx, CoreMessages core, RelationshipMessages relationships, ActionRegistry actions,
            PluginRegistry plugins) {
        this.metadata = metadata;
        this.callers = callers;
        this.access = access;
        this.tx = tx;
        this.reads = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.reads.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_SUPPORTS);
        this.reads.setReadOnly(true);
        this.core = core;
        this.relationships = relationships;
        this.actions = actions;
        this.plugins = plugins;
    }

    @Override
    public <R extends OrganizationResponse> R execute(OrganizationRequest<R> request) {
        return run(callers.current(), 1, null, new HashMap<>(), request);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    @Override
    public OrganizationService as(Caller caller) {
        return new Scoped(caller, 1, null, new HashMap<>());
    }

    private <R extends OrganizationResponse> R run(Caller caller, int depth, MetadataSnapshot pinned,
            Map<String, Object> shared, OrganizationRequest<R> request) {
        if (depth > MAX_DEPTH) {
            throw new RapportException(ErrorCode.DEPTH_EXCEEDED, "This workflow job was canceled because the "
                    + "workflow that started it included an infinite loop (" + request.messageName() + " at depth "
                    + depth + ").");
        }
        MetadataSnapshot snapshot = pinned != null ? pinned : metadata.snapshot();
        Execution x = new Execution(caller, depth, snapshot, new Scoped(caller, depth + 1, snapshot, shared), shared,
                access.readAccess(caller));
        TransactionTemplate template = isRead(request) ? reads : tx;
        return template.execute(status -> dispatch(request, x));
    }

    /** Plain reads join the caller's transaction if there is one and need none of their own. */
    private static boolean isRead(OrganizationRequest<?> request) {
        return request instanceof Messages.RetrieveRequest || request instanceof Messages.RetrieveMultipleRequest;
    }

    @SuppressWarnings("unchecked")
    private <R extends OrganizationResponse> R dispatch(OrganizationRequest<R> request, Execution x) {
        Object response;
        if (request instanceof Messages.CreateRequest r) {
            response = core.create(r, x);
        } else if (request instanceof Messages.CreateMultipleRequest r) {
            response = core.createMultiple(r, x);
        } else if (request instanceof Messages.UpdateRequest r) {
            response = core.update(r, x);
        } else if (request instanceof Messages.DeleteRequest r) {
            response = core.delete(r, x);
        } else if (request instanceof Messages.RetrieveRequest r) {
            response = core.retrieve(r, x);
        } else if (request instanceof Messages.RetrieveMultipleRequest r) {
            response = core.retrieveMultiple(r, x);
        } else if (request instanceof Messages.UpsertRequest r) {
            response = core.upsert(r, x);
        } else if (request instanceof Messages.SetStateRequest r) {
            response = core.setState(r, x);
        } else if (request instanceof Messages.AssociateRequest r) {
            response = relationships.associate(r, r.target(), r.relationship(), r.relatedEntities(), true, x);
        } else if (request instanceof Messages.DisassociateRequest r) {
            response = relationships.associate(r, r.target(), r.relationship(), r.relatedEntities(), false, x);
        } else if (request instanceof Messages.AssignRequest r) {
            response = relationships.assign(r, x);
        } else if (request instanceof Messages.ExecuteTransactionRequest r) {
            response = executeAll(r, x);
        } else if (request instanceof ActionRequest r) {
            response = action(r, x);
        } else {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "The message " + request.messageName()
                    + " is not supported.");
        }
        return (R) response;
    }

    private Messages.ExecuteTransactionResponse executeAll(Messages.ExecuteTransactionRequest r, Execution x) {
        List<OrganizationResponse> responses = new ArrayList<>();
        for (int i = 0; i < r.requests().size(); i++) {
            try {
                responses.add(dispatch(r.requests().get(i), x));
            } catch (RapportException e) {
                Map<String, Object> details = new HashMap<>(e.details());
                details.put("faultedRequestIndex", i);
                throw new RapportException(e.code(), e.getMessage(), e.attribute(), details, e);
            }
        }
        return new Messages.ExecuteTransactionResponse(responses);
    }

    private ActionResponse action(ActionRequest request, Execution x) {
        ActionHandler handler = actions.handler(request.name()).orElseThrow(() -> new RapportException(
                ErrorCode.MESSAGE_NOT_SUPPORTED, "The action or function '" + request.name() + "' does not exist."));
        String entity = request.target() != null ? request.target().logicalName() : handler.definition().boundEntity();
        PluginContext ctx = x.context(request.name(), entity, request);
        ctx.setTargetReference(request.target());
        plugins.run(Stage.PRE_VALIDATION, ctx);
        plugins.run(Stage.PRE_OPERATION, ctx);
        ActionResponse response = handler.execute(request, ctx);
        ctx.outputs().putAll(response.outputs());
        plugins.run(Stage.POST_OPERATION, ctx);
        return new ActionResponse(ctx.outputs());
    }

    /** The service as seen from inside a message: fixed caller, depth and snapshot. */
    private final class Scoped implements OrganizationService {
        private final Caller caller;
        private final int depth;
        private final MetadataSnapshot snapshot;
        private final Map<String, Object> shared;

        Scoped(Caller caller, int depth, MetadataSnapshot snapshot, Map<String, Object> shared) {
            this.caller = caller;
            this.depth = depth;
            this.snapshot = snapshot;
            this.shared = shared;
        }

        @Override
        public <R extends OrganizationResponse> R execute(OrganizationRequest<R> request) {
            return run(caller, depth, snapshot, shared, request);
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return tx.execute(status -> work.get());
        }

        @Override
        public OrganizationService as(Caller other) {
            return new Scoped(other, depth, snapshot, shared);
        }
    }
}
