package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.store.RecordStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every message in Dataverse's order: pre-validation (10), validation, privilege check, then in one
 * transaction pre-operation (20), the main operation (30), post-operation (40), asynchronous steps queued and
 * the audit entries. The only code that calls plugins, the access checker and the audit recorder. The audit entries
 * of a transaction it or a unit of work opened are written in one batch at its end, in order.
 *
 * <p>A message that opens its own transaction runs pre-validation and the privilege check before it, as
 * Dataverse's pre-validation stage runs outside the transaction; a message run inside another (nested messages,
 * {@code inTransaction}, a change set) runs all its stages in that one. Plain reads open no transaction.
 */
@Component
class StageRunner {

    private final PluginRegistry plugins;
    private final AccessChecker access;
    private final AuditRecorder audit;
    private final AsyncSteps async;
    private final RecordStore store;
    private final TransactionTemplate tx;
    private final TransactionTemplate reads;

    StageRunner(PluginRegistry plugins, AccessChecker access, AuditRecorder audit, AsyncSteps async,
            RecordStore store, TransactionTemplate tx) {
        this.plugins = plugins;
        this.access = access;
        this.audit = audit;
        this.async = async;
        this.store = store;
        this.tx = tx;
        this.reads = new TransactionTemplate(Objects.requireNonNull(tx.getTransactionManager()));
        this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
        this.reads.setReadOnly(true);
    }

    <Q extends OrganizationRequest<R>, R extends OrganizationResponse> R run(MessageHandler<Q, R> handler,
            Q request, Execution x) {
        if (!handler.transactional()) {
            return reads.execute(status -> {
                Operation<R> op = handler.start(request, x);
                validation(op, x);
                return operation(op, x);
            });
        }
        // the records its stages read are kept for the message and its nested ones (RecordReads), or for the unit
        return io.rapport.pipeline.RecordReads.scope(() -> {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                Operation<R> op = handler.start(request, x);
                validation(op, x);
                return operation(op, x);
            }
            Operation<R> op = handler.start(request, x);
            validation(op, x);
            // the audit entries of the message and its nested ones written in one batch before the commit
            return tx.execute(status -> audit.held(() -> operation(op, x)));
        });
    }

    /**
     * The work of a unit of work ({@code inTransaction}), in its transaction: the audit entries of all its messages
     * are written in one batch at its end.
     */
    <T> T unit(java.util.function.Supplier<T> work) {
        return audit.held(work);
    }

    /** Stages 10 to the privilege check. */
    private void validation(Operation<?> op, Execution x) {
        plugins.run(Stage.PRE_VALIDATION, op.context());
        op.validate();
        enforce(op.privileges(), x);
    }

    /** Stages 20 to 40 and the audit, in the transaction. */
    private <R extends OrganizationResponse> R operation(Operation<R> op, Execution x) {
        PluginContext ctx = op.context();
        plugins.run(Stage.PRE_OPERATION, ctx);
        R result = op.execute();
        plugins.run(Stage.POST_OPERATION, ctx);
        queueAsync(ctx, x);
        List<AuditEvent> events = op.audit();
        if (x.depth() == 1) {
            // derived values (DerivedValues) written by this request's messages: one entry per record, with its own
            List<AuditEvent> derived = DefaultDerivedValues.take(x.sharedVariables());
            if (!derived.isEmpty()) {
                events = new ArrayList<>(events);
                events.addAll(derived);
            }
        }
        audit.record(events, x.caller());
        return op.complete(result);
    }

    /** Audits the derived values a unit of work wrote (its end: {@code inTransaction}), once per record. */
    void auditDerived(Map<String, Object> unitVariables) {
        io.rapport.pipeline.Caller writer = DefaultDerivedValues.writer(unitVariables);
        List<AuditEvent> derived = DefaultDerivedValues.take(unitVariables);
        if (!derived.isEmpty()) {
            audit.record(derived, writer);
        }
    }

    /**
     * Runs many operations of one message with one shared main operation (CreateMultiple writes all rows in one
     * batch): each goes through pre-validation, validation, privilege check and pre-operation, then the shared
     * write, then each through post-operation. A failure names the index of the operation at fault. Returns the
     * audit events of all, for the enclosing message to record.
     */
    List<AuditEvent> runItems(List<? extends Operation<?>> items, Runnable write, Execution x) {
        for (int i = 0; i < items.size(); i++) {
            Operation<?> op = items.get(i);
            try {
                validation(op, x);
                plugins.run(Stage.PRE_OPERATION, op.context());
            } catch (RapportException e) {
                throw faulted(e, i);
            }
        }
        write.run();
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Operation<?> op = items.get(i);
            try {
                plugins.run(Stage.POST_OPERATION, op.context());
            } catch (RapportException e) {
                throw faulted(e, i);
            }
            queueAsync(op.context(), x);
            events.addAll(op.audit());
        }
        return events;
    }

    private void queueAsync(PluginContext context, Execution x) {
        if (AsyncOperations.ENTITY.equals(context.entityName())) {
            // a step for any entity would otherwise queue itself for the system job that records it, without end
            return;
        }
        List<PluginRegistry.Step> steps = plugins.asyncSteps(context);
        if (!steps.isEmpty()) {
            async.queue(context, steps, x);
        }
    }

    /**
     * Runs one queued asynchronous post-operation step after its message committed, in a transaction of its own: a
     * failure rolls back what the step wrote and is retried by the job queue.
     */
    void runAsync(PluginRegistry.Step step, PluginContext context) {
        tx.executeWithoutResult(status -> plugins.runStep(step, context));
    }

    /** Checks demands outside a message (a job that will create records tells the caller at once when they may not). */
    void enforce(List<AccessDemand> demands, Execution x) {
        for (AccessDemand d : demands) {
            if (d instanceof AccessDemand.OnEntity e) {
                access.check(x.caller(), x.snapshot().entity(e.entity()), e.privilege(), null);
            } else if (d instanceof AccessDemand.OnRecord r) {
                access.check(x.caller(), x.snapshot().entity(r.record().logicalName()), r.privilege(), r.record());
            } else if (d instanceof AccessDemand.OnReference r) {
                EntityMetadata e = x.snapshot().entity(r.reference().logicalName());
                access.check(x.caller(), e, r.privilege(), load(e, r, x));
            } else if (d instanceof AccessDemand.OnAttributes a) {
                access.checkAttributes(x.caller(), x.snapshot().entity(a.entity()), a.privilege(), a.attributes());
            } else if (d instanceof AccessDemand.Named n) {
                access.checkPrivilege(x.caller(), n.privilege());
            }
        }
    }

    /** The owner and business unit of a referenced record; the system user needs neither. */
    private Entity load(EntityMetadata e, AccessDemand.OnReference r, Execution x) {
        if (access.unrestricted(x.caller()) || !e.isUserOwned()) {
            return new Entity(e.logicalName(), r.reference().id());
        }
        return store.retrieve(x.snapshot(), e.logicalName(), r.reference().id(),
                        ColumnSet.of("ownerid", "owningbusinessunit"), x.systemQueryContext())
                .orElseThrow(() -> RapportException.notFound(e.logicalName(), r.reference().id()));
    }

    static RapportException faulted(RapportException e, int index) {
        Map<String, Object> details = new HashMap<>(e.details());
        details.put(io.rapport.pipeline.Messages.FAULTED_REQUEST_INDEX, index);
        return new RapportException(e.code(), e.getMessage(), e.attribute(), details, e);
    }
}
