package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.CreateResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One record being created; {@link CreateMultipleHandler} runs many and writes their rows in one batch. */
final class CreateOperation implements Operation<CreateResponse> {

    private final RecordServices services;
    private final Execution x;
    private final EntityMetadata entity;
    private final Entity target;
    private final PluginContext context;
    private Map<String, Object> validated;

    CreateOperation(RecordServices services, CreateRequest request, EntityMetadata entity, Execution x) {
        this.services = services;
        this.x = x;
        this.entity = entity;
        this.target = request.target().copy();
        this.context = x.context(Messages.CREATE, entity.logicalName(), request);
        context.setTarget(target);
    }

    @Override
    public PluginContext context() {
        return context;
    }

    Entity target() {
        return target;
    }

    @Override
    public void validate() {
        services.validator().validateInput(x.snapshot(), entity, target, true, LookupPrefetch.of(x));
        if (target.id() == null) {
            target.setId(services.support().newId());
        }
        services.support().applyDefaults(entity, target, x.caller());
        context.setTargetReference(target.toReference());
        validated = new HashMap<>(target.attributes());
    }

    @Override
    public List<AccessDemand> privileges() {
        List<AccessDemand> demands = new ArrayList<>(3);
        demands.add(AccessDemand.record(target, Privilege.CREATE));
        demands.add(AccessSupport.securedWrite(entity, target, Privilege.CREATE));
        demands.addAll(services.access().lookupDemands(x, entity, target, target));
        return demands;
    }

    @Override
    public CreateResponse execute() {
        prepareWrite();
        inserted(services.store().insert(entity, target));
        io.rapport.pipeline.RecordReads.created(entity.logicalName(), target, entity.isUserOwned());
        return new CreateResponse(target.id());
    }

    /** Final validation (values plugins set, required levels) and platform stamps, just before the row is written. */
    void prepareWrite() {
        services.validator().validateFinal(x.snapshot(), entity, target, null, validated, LookupPrefetch.of(x));
        services.support().stamp(x, entity, target, true);
    }

    void inserted(Long version) {
        if (version != null && entity.hasAttribute("versionnumber")) {
            target.set("versionnumber", version);
        }
        context.outputs().put("id", target.id());
        context.setPostImage(target.copy());
    }

    @Override
    public List<AuditEvent> audit() {
        return List.of(new AuditEvent.Created(entity, target));
    }
}
