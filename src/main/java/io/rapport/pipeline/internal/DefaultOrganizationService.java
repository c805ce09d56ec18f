package io.rapport.pipeline.internal;

import io.rapport.cluster.ReplicaReads;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages.RetrieveMultipleRequest;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationResponse;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.UnitOfWork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every message through its registered handler and the {@link StageRunner}, pinned to one metadata snapshot,
 * as the current caller; nested messages (from plugins, actions and cascades) run one level deeper, in the same
 * transaction.
 */
@Service
class DefaultOrganizationService implements OrganizationService {

    static final int MAX_DEPTH = 16;

    private final MetadataService metadata;
    private final CallerProvider callers;
    private final AccessChecker access;
    private final TransactionTemplate tx;
    private final ReplicaReads replica;
    private final MessageRegistry messages;
    private final StageRunner runner;

    DefaultOrganizationService(MetadataService metadata, CallerProvider callers, AccessChecker access,
            TransactionTemplate tx, MessageRegistry messages, StageRunner runner, ReplicaReads replica) {
        this.replica = replica;
        this.metadata = metadata;
        this.callers = callers;
        this.access = access;
        this.tx = tx;
        this.messages = messages;
        this.runner = runner;
    }

    @Override
    public <R extends OrganizationResponse> R execute(OrganizationRequest<R> request) {
        return run(callers.current(), 1, null, new HashMap<>(), request);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return unit(work);
    }

    /**
     * One transaction and one {@link UnitOfWork}: the work its messages left for the end runs once before the commit,
     * the derived values it wrote are audited once, and all its audit entries are written in one batch.
     */
    private <T> T unit(Supplier<T> work) {
        return tx.execute(status -> runner.unit(() -> io.rapport.pipeline.RecordReads.scope(() -> UnitOfWork.open(
                work, unit -> runner.auditDerived(unit.variables())))));
    }

    @Override
    public OrganizationService as(Caller caller) {
        return new Scoped(caller, 1, null, new HashMap<>());
    }

    @Override
    public void checkPrivilege(String entityName, Privilege privilege) {
        Caller caller = callers.current();
        runner.enforce(List.of(AccessDemand.entity(entityName, privilege)),
                execution(caller, 1, null, new HashMap<>()));
    }

    @Override
    public void checkPrivilege(String privilegeName) {
        Caller caller = callers.current();
        runner.enforce(List.of(AccessDemand.named(privilegeName)), execution(caller, 1, null, new HashMap<>()));
    }

    private Execution execution(Caller caller, int depth, MetadataSnapshot pinned, Map<String, Object> shared) {
        MetadataSnapshot snapshot = pinned != null ? pinned : metadata.snapshot();
        return new Execution(caller, depth, snapshot, new Scoped(caller, depth + 1, snapshot, shared), shared,
                access.readAccess(caller));
    }

    private <R extends OrganizationResponse> R run(Caller caller, int depth, MetadataSnapshot pinned,
            Map<String, Object> shared, OrganizationRequest<R> request) {
        if (depth > MAX_DEPTH) {
            throw new RapportException(ErrorCode.DEPTH_EXCEEDED, "This workflow job was canceled because the "
                    + "workflow that started it included an infinite loop (" + request.messageName() + " at depth "
                    + depth + ").");
        }
        if (depth == 1 && request instanceof RetrieveMultipleRequest r && r.query().isAggregate()) {
            // an aggregate (a chart, a dashboard, $apply, an aggregate FetchXML) may run on the read replica
            return replica.read(() -> runner.run(messages.handler(request), request,
                    execution(caller, depth, pinned, shared)));
        }
        return runner.run(messages.handler(request), request, execution(caller, depth, pinned, shared));
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
            // a request from outside (as(caller) at depth 1) has shared variables of its own, as execute's do
            return run(caller, depth, snapshot, depth == 1 ? new HashMap<>() : shared, request);
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return unit(work);
        }

        @Override
        public OrganizationService as(Caller other) {
            return new Scoped(other, depth, snapshot, shared);
        }

        @Override
        public void checkPrivilege(String entityName, Privilege privilege) {
            runner.enforce(List.of(AccessDemand.entity(entityName, privilege)),
                    execution(caller, depth, snapshot, shared));
        }

        @Override
        public void checkPrivilege(String privilegeName) {
            runner.enforce(List.of(AccessDemand.named(privilegeName)), execution(caller, depth, snapshot, shared));
        }
    }
}
