package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.RetrieveRequest;
import io.rapport.pipeline.Messages.RetrieveResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Retrieve: Read privilege on the entity, then one query carrying the caller's row access (a record the caller may
 * not read is "access denied", a missing one "not found"); secured values removed, formatted values added.
 */
@Component
class RetrieveHandler implements MessageHandler<RetrieveRequest, RetrieveResponse> {

    private final RecordServices services;

    RetrieveHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.RETRIEVE;
    }

    @Override
    public Class<RetrieveRequest> requestType() {
        return RetrieveRequest.class;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Operation<RetrieveResponse> start(RetrieveRequest request, Execution x) {
        EntityMetadata e = x.snapshot().entity(request.target().logicalName());
        UUID id = services.support().resolveId(x, e, request.target());
        PluginContext ctx = x.context(Messages.RETRIEVE, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public void validate() {
                services.access().checkSecrets(x, request.columns(), List.of());
            }

            @Override
            public List<AccessDemand> privileges() {
                return List.of(AccessDemand.entity(e.logicalName(), Privilege.READ));
            }

            @Override
            public RetrieveResponse execute() {
                Entity entity = services.store().retrieve(x.snapshot(), e.logicalName(), id,
                        request.columns() == null ? ColumnSet.all() : request.columns(), x.queryContext())
                        .orElseThrow(() -> services.store().exists(e, id)
                                ? new RapportException(ErrorCode.ACCESS_DENIED, "Principal user (Id="
                                        + x.caller().userId() + ") is missing prvRead" + e.schemaName()
                                        + " privilege on record " + id + ".")
                                : RapportException.notFound(e.logicalName(), id));
                services.access().removeUnreadable(x, e, entity);
                services.formatted().apply(x, QueryExpression.from(e.logicalName()).build(), List.of(entity));
                ctx.outputs().put("BusinessEntity", entity);
                return new RetrieveResponse(entity);
            }
        };
    }
}
