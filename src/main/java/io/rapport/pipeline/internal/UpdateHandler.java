package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Update: Write privilege on the record (Append/AppendTo for lookups, field security), optimistic concurrency; a
 * new owner is given by a nested Assign, as Dataverse does.
 */
@Component
class UpdateHandler implements MessageHandler<UpdateRequest, EmptyResponse> {

    private final RecordServices services;

    UpdateHandler(RecordServices services) {
        this.services = services;
    }

    @Override
    public String messageName() {
        return Messages.UPDATE;
    }

    @Override
    public Class<UpdateRequest> requestType() {
        return UpdateRequest.class;
    }

    @Override
    public Operation<EmptyResponse> start(UpdateRequest request, Execution x) {
        Entity target = request.target().copy();
        EntityMetadata e = services.support().writableEntity(x, target.logicalName());
        if (target.id() == null && target.get(e.primaryIdAttribute()) instanceof UUID id) {
            target.setId(id);
        }
        Entity pre = services.support().preImage(x, e, target.id());
        Versions.check(pre, request.rowVersion());
        PluginContext ctx = x.context(Messages.UPDATE, e.logicalName(), request);
        ctx.setTarget(target);
        ctx.setPreImage(pre);
        ctx.setTargetReference(target.toReference());
        return new UpdateOperation(request, e, target, ctx, x);
    }

    private final class UpdateOperation implements Operation<EmptyResponse> {
        private final UpdateRequest request;
        private final EntityMetadata e;
        private final Entity target;
        private final PluginContext ctx;
        private final Execution x;
        private Map<String, Object> validated;

        UpdateOperation(UpdateRequest request, EntityMetadata e, Entity target, PluginContext ctx, Execution x) {
            this.request = request;
            this.e = e;
            this.target = target;
            this.ctx = ctx;
            this.x = x;
        }

        @Override
        public PluginContext context() {
            return ctx;
        }

        @Override
        public void validate() {
            services.validator().validateInput(x.snapshot(), e, target, false);
            if (target.contains("ownerid") && target.get("ownerid") == null) {
                throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A record must have an owner.",
                        "ownerid");
            }
            if (e.hasStateCode() && target.get("statecode") instanceof Integer state
                    && !target.contains("statuscode")) {
                target.set("statuscode", services.support().defaultStatus(e, state));
            }
            validated = new HashMap<>(target.attributes());
        }

        @Override
        public List<AccessDemand> privileges() {
            List<AccessDemand> demands = new ArrayList<>(3);
            demands.add(AccessDemand.record(ctx.preImage(), Privilege.WRITE));
            demands.add(AccessSupport.securedWrite(e, target, Privilege.WRITE));
            demands.addAll(services.access().lookupDemands(x, e, target, ctx.preImage()));
            return demands;
        }

        @Override
        public EmptyResponse execute() {
            Long expectedVersion = request.rowVersion();
            if (target.contains("ownerid")) {
                EntityReference owner = (EntityReference) target.remove("ownerid");
                if (!owner.equals(ctx.preImage().get("ownerid"))) {
                    x.nested().execute(new AssignRequest(target.toReference(), owner));
                    ctx.setPreImage(services.support().preImage(x, e, target.id()));
                    expectedVersion = null;
                }
            }
            Entity pre = ctx.preImage();
            services.validator().validateFinal(x.snapshot(), e, target, pre, validated);
            services.support().stamp(x, e, target, false);
            Long version = services.store().update(e, target.id(), target.attributes(), expectedVersion);
            if (version == null) {
                throw expectedVersion != null ? Versions.mismatch() : RapportException.notFound(e.logicalName(),
                        target.id());
            }
            if (e.hasAttribute("versionnumber")) {
                target.set("versionnumber", version);
            }
            Entity post = pre.copy();
            post.attributes().putAll(target.attributes());
            ctx.setPostImage(post);
            return EmptyResponse.INSTANCE;
        }

        @Override
        public List<AuditEvent> audit() {
            return List.of(new AuditEvent.Updated(e, target.id(), ctx.preImage(), target));
        }
    }
}
