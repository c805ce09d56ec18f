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

/**
 * One record being updated; {@link UpdateHandler} runs one, {@link UpdateMultipleHandler} many whose rows it writes
 * in one batch.
 */
final class UpdateOperation implements Operation<EmptyResponse> {

    private final RecordServices services;
    private final UpdateRequest request;
    private final EntityMetadata e;
    private final Entity target;
    private final PluginContext ctx;
    private final Execution x;
    private Map<String, Object> validated;
    private Long expectedVersion;

    /** {@code pre} is the record as it is now (the pre-image). */
    UpdateOperation(RecordServices services, UpdateRequest request, EntityMetadata e, Entity pre, Execution x) {
        this.services = services;
        this.request = request;
        this.e = e;
        this.x = x;
        this.target = request.target().copy();
        if (target.id() == null) {
            target.setId(pre.id());
        }
        Versions.check(pre, request.rowVersion());
        this.ctx = x.context(Messages.UPDATE, e.logicalName(), request);
        ctx.setTarget(target);
        ctx.setPreImage(pre);
        ctx.setTargetReference(target.toReference());
    }

    Entity target() {
        return target;
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
        if (e.hasStateCode() && target.get("statecode") instanceof Integer state && !target.contains("statuscode")) {
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
        prepareWrite();
        io.rapport.pipeline.RecordReads.forget(e.logicalName(), target.id());
        Long version = services.store().update(e, target.id(), target.attributes(), expectedVersion);
        if (version == null) {
            throw expectedVersion != null ? Versions.mismatch() : RapportException.notFound(e.logicalName(),
                    target.id());
        }
        updated(version);
        return EmptyResponse.INSTANCE;
    }

    /**
     * A new owner by a nested Assign, final validation and platform stamps, just before the row is written; the
     * expected row version stays for {@link #expectedVersion()}.
     */
    void prepareWrite() {
        expectedVersion = request.rowVersion();
        if (target.contains("ownerid")) {
            EntityReference owner = (EntityReference) target.remove("ownerid");
            if (!owner.equals(ctx.preImage().get("ownerid"))) {
                x.nested().execute(new AssignRequest(target.toReference(), owner));
                ctx.setPreImage(services.support().preImage(x, e, target.id()));
                expectedVersion = null;
            }
        }
        services.validator().validateFinal(x.snapshot(), e, target, ctx.preImage(), validated);
        services.support().stamp(x, e, target, false);
    }

    Long expectedVersion() {
        return expectedVersion;
    }

    /** After the row is written: the new version (null when a batch wrote it) and the post-image. */
    void updated(Long version) {
        if (version != null && e.hasAttribute("versionnumber")) {
            target.set("versionnumber", version);
        }
        Entity post = ctx.preImage().copy();
        post.attributes().putAll(target.attributes());
        ctx.setPostImage(post);
    }

    @Override
    public List<AuditEvent> audit() {
        return List.of(new AuditEvent.Updated(e, target.id(), ctx.preImage(), target));
    }
}
