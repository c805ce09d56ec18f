package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.Messages.UpsertRequest;
import io.rapport.pipeline.Messages.UpsertResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Upsert: updates the record found by id or alternate key, else creates it, as a nested Update or Create (whose
 * own stages run, as in Dataverse); needs Write on the existing record or Create on the entity.
 */
@Component
class UpsertHandler implements MessageHandler<UpsertRequest, UpsertResponse> {

    private final RecordServices services;

    UpsertHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.UPSERT;
    }

    @Override
    public Class<UpsertRequest> requestType() {
        return UpsertRequest.class;
    }

    @Override
    public Operation<UpsertResponse> start(UpsertRequest request, Execution x) {
        Entity target = request.target().copy();
        EntityMetadata e = services.support().writableEntity(x, target.logicalName());
        UUID id = target.id();
        if (id == null && !request.alternateKey().isEmpty()) {
            id = services.store().findIdByKey(x.snapshot(), e, request.alternateKey()).orElse(null);
        }
        boolean exists = id != null && services.store().exists(e, id);
        if (exists) {
            target.setId(id);
        }
        PluginContext ctx = x.context(Messages.UPSERT, e.logicalName(), request);
        ctx.setTarget(target);
        if (exists) {
            ctx.setTargetReference(target.toReference());
        }
        return new Operation<>() {
            @Override
            public PluginContext context() {
                return ctx;
            }

            @Override
            public List<AccessDemand> privileges() {
                return List.of(exists ? AccessDemand.reference(target.toReference(), Privilege.WRITE)
                        : AccessDemand.entity(e.logicalName(), Privilege.CREATE));
            }

            @Override
            public UpsertResponse execute() {
                UpsertResponse response;
                if (exists) {
                    x.nested().execute(new UpdateRequest(target));
                    response = new UpsertResponse(target.toReference(), false);
                } else {
                    request.alternateKey().forEach((k, v) -> {
                        if (!target.contains(k)) {
                            target.set(k, v);
                        }
                    });
                    UUID created = x.nested().execute(new CreateRequest(target)).id();
                    response = new UpsertResponse(new EntityReference(e.logicalName(), created), true);
                }
                ctx.setTargetReference(response.target());
                ctx.outputs().put("RecordCreated", response.recordCreated());
                ctx.outputs().put("Target", response.target());
                return response;
            }
        };
    }
}
