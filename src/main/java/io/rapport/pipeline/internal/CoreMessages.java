package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.CreateResponse;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.EmptyResponse;
import io.rapport.pipeline.Messages.RetrieveMultipleRequest;
import io.rapport.pipeline.Messages.RetrieveMultipleResponse;
import io.rapport.pipeline.Messages.RetrieveRequest;
import io.rapport.pipeline.Messages.RetrieveResponse;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.Messages.UpsertRequest;
import io.rapport.pipeline.Messages.UpsertResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.Stage;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Create, retrieve, update, delete, upsert and set-state, each through its plugin stages. */
@Component
class CoreMessages {

    private final RecordStore store;
    private final RecordValidator validator;
    private final RecordSupport support;
    private final PluginRegistry plugins;
    private final AccessChecker access;
    private final AuditRecorder audit;
    private final RelationshipMessages relationships;

    CoreMessages(RecordStore store, RecordValidator validator, RecordSupport support, PluginRegistry plugins,
            AccessChecker access, AuditRecorder audit, RelationshipMessages relationships) {
        this.store = store;
        this.validator = validator;
        this.support = support;
        this.plugins = plugins;
        this.access = access;
        this.audit = audit;
        this.relationships = relationships;
    }

    CreateResponse create(CreateRequest request, Execution x) {
        Entity target = request.target().copy();
        EntityMetadata e = support.writableEntity(x, target.logicalName());
        PluginContext ctx = x.context(Messages.CREATE, e.logicalName(), request);
        ctx.setTarget(target);
        plugins.run(Stage.PRE_VALIDATION, ctx);
        validator.validateInput(x.snapshot(), e, target, true);
        if (target.id() == null) {
            target.setId(support.newId());
        }
        support.applyDefaults(e, target, x.caller());
        access.check(x.caller(), e, Privilege.CREATE, target);
        Map<String, Object> validated = new HashMap<>(target.attributes());
        ctx.setTargetReference(target.toReference());
        plugins.run(Stage.PRE_OPERATION, ctx);
        validator.validateFinal(x.snapshot(), e, target, null, validated);
        support.stamp(x, e, target, true);
        long version = store.insert(e, target);
        if (e.hasAttribute("versionnumber")) {
            target.set("versionnumber", version);
        }
        ctx.outputs().put("id", target.id());
        ctx.setPostImage(target.copy());
        plugins.run(Stage.POST_OPERATION, ctx);
        audit.created(e, target, x.caller());
        return new CreateResponse(target.id());
    }

    EmptyResponse update(UpdateRequest request, Execution x) {
        Entity target = request.target().copy();
        EntityMetadata e = support.writableEntity(x, target.logicalName());
        if (target.id() == null && target.get(e.primaryIdAttribute()) instanceof UUID id) {
            target.setId(id);
        }
        Entity pre = support.preImage(x, e, target.id());
        Long expectedVersion = request.rowVersion();
        checkVersion(e, pre, expectedVersion);
        PluginContext ctx = x.context(Messages.UPDATE, e.logicalName(), request);
        ctx.setTarget(target);
        ctx.setPreImage(pre);
        ctx.setTargetReference(target.toReference());
        plugins.run(Stage.PRE_VALIDATION, ctx);
        validator.validateInput(x.snapshot(), e, target, false);
        access.check(x.caller(), e, Privilege.WRITE, pre);
        if (target.contains("ownerid")) {
            EntityReference owner = (EntityReference) target.remove("ownerid");
            if (owner == null) {
                throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A record must have an owner.",
                        "ownerid");
            }
            if (!owner.equals(pre.get("ownerid"))) {
                relationships.assign(new Messages.AssignRequest(target.toReference(), owner), x);
                pre = support.preImage(x, e, target.id());
                ctx.setPreImage(pre);
                expectedVersion = null;
            }
        }
        if (e.hasStateCode() && target.get("statecode") instanceof Integer state && !target.contains("statuscode")) {
            target.set("statuscode", support.defaultStatus(e, state));
        }
        Map<String, Object> validated = new HashMap<>(target.attributes());
        plugins.run(Stage.PRE_OPERATION, ctx);
        validator.validateFinal(x.snapshot(), e, target, pre, validated);
        support.stamp(x, e, target, false);
        Long version = store.update(e, target.id(), target.attributes(), expectedVersion);
        if (version == null) {
            throw expectedVersion != null ? versionMismatch() : RapportException.notFound(e.logicalName(), target.id());
        }
        if (e.hasAttribute("versionnumber")) {
            target.set("versionnumber", version);
        }
        Entity post = pre.copy();
        post.attributes().putAll(target.attributes());
        ctx.setPostImage(post);
        plugins.run(Stage.POST_OPERATION, ctx);
        audit.updated(e, target.id(), pre, target, x.caller());
        return EmptyResponse.INSTANCE;
    }

    EmptyResponse delete(DeleteRequest request, Execution x) {
        EntityMetadata e = support.writableEntity(x, request.target().logicalName());
        UUID id = support.resolveId(x, e, request.target());
        Entity pre = support.preImage(x, e, id);
        checkVersion(e, pre, request.rowVersion());
        PluginContext ctx = x.context(Messages.DELETE, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        ctx.setPreImage(pre);
        plugins.run(Stage.PRE_VALIDATION, ctx);
        access.check(x.caller(), e, Privilege.DELETE, pre);
        plugins.run(Stage.PRE_OPERATION, ctx);
        relationships.beforeDelete(e, pre, x);
        if (!store.delete(e, id, request.rowVersion())) {
            throw request.rowVersion() != null ? versionMismatch() : RapportException.notFound(e.logicalName(), id);
        }
        plugins.run(Stage.POST_OPERATION, ctx);
        audit.deleted(e, pre, x.caller());
        return EmptyResponse.INSTANCE;
    }

    RetrieveResponse retrieve(RetrieveRequest request, Execution x) {
        EntityMetadata e = x.snapshot().entity(request.target().logicalName());
        UUID id = support.resolveId(x, e, request.target());
        PluginContext ctx = x.context(Messages.RETRIEVE, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        plugins.run(Stage.PRE_OPERATION, ctx);
        access.check(x.caller(), e, Privilege.READ, null);
        Entity entity = store.retrieve(x.snapshot(), e.logicalName(), id,
                request.columns() == null ? io.rapport.query.ColumnSet.all() : request.columns(), x.queryContext())
                .orElseThrow(() -> store.exists(e, id)
                        ? new RapportException(ErrorCode.ACCESS_DENIED, "Principal user (Id=" + x.caller().userId()
                                + ") is missing prvRead" + e.schemaName() + " privilege on record " + id + ".")
                        : RapportException.notFound(e.logicalName(), id));
        FormattedValues.apply(x.snapshot(), QueryExpression.from(e.logicalName()).build(), List.of(entity),
                x.caller());
        ctx.outputs().put("BusinessEntity", entity);
        plugins.run(Stage.POST_OPERATION, ctx);
        return new RetrieveResponse(entity);
    }

    RetrieveMultipleResponse retrieveMultiple(RetrieveMultipleRequest request, Execution x) {
        QueryExpression q = request.query();
        EntityMetadata e = x.snapshot().entity(q.entityName());
        PluginContext ctx = x.context(Messages.RETRIEVE_MULTIPLE, e.logicalName(), request);
        plugins.run(Stage.PRE_OPERATION, ctx);
        access.check(x.caller(), e, Privilege.READ, null);
        checkLinkedRead(x, q.links());
        EntityCollection result = store.retrieveMultiple(x.snapshot(), q, x.queryContext());
        FormattedValues.apply(x.snapshot(), q, result.entities(), x.caller());
        ctx.outputs().put("EntityCollection", result);
        plugins.run(Stage.POST_OPERATION, ctx);
        return new RetrieveMultipleResponse(result);
    }

    private void checkLinkedRead(Execution x, List<LinkEntity> links) {
        for (LinkEntity l : links) {
            access.check(x.caller(), x.snapshot().entity(l.entityName()), Privilege.READ, null);
            checkLinkedRead(x, l.links());
        }
    }

    UpsertResponse upsert(UpsertRequest request, Execution x) {
        Entity target = request.target().copy();
        EntityMetadata e = support.writableEntity(x, target.logicalName());
        UUID id = target.id();
        if (id == null && !request.alternateKey().isEmpty()) {
            id = store.findIdByKey(x.snapshot(), e, request.alternateKey()).orElse(null);
        }
        if (id != null && store.exists(e, id)) {
            target.setId(id);
            update(new UpdateRequest(target), x);
            return new UpsertResponse(new EntityReference(e.logicalName(), id), false);
        }
        request.alternateKey().forEach((k, v) -> {
            if (!target.contains(k)) {
                target.set(k, v);
            }
        });
        UUID created = create(new CreateRequest(target), x).id();
        return new UpsertResponse(new EntityReference(e.logicalName(), created), true);
    }

    EmptyResponse setState(SetStateRequest request, Execution x) {
        EntityMetadata e = support.writableEntity(x, request.target().logicalName());
        if (!e.hasStateCode()) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "The entity " + e.logicalName()
                    + " has no state.");
        }
        UUID id = support.resolveId(x, e, request.target());
        Entity pre = support.preImage(x, e, id);
        int status = request.status() == -1 ? support.defaultStatus(e, request.state()) : request.status();
        PluginContext ctx = x.context(Messages.SET_STATE, e.logicalName(), request);
        ctx.setTargetReference(new EntityReference(e.logicalName(), id));
        ctx.setPreImage(pre);
        plugins.run(Stage.PRE_VALIDATION, ctx);
        plugins.run(Stage.PRE_OPERATION, ctx);
        Entity change = new Entity(e.logicalName(), id).set("statecode", request.state()).set("statuscode", status);
        update(new UpdateRequest(change), x);
        plugins.run(Stage.POST_OPERATION, ctx);
        return EmptyResponse.INSTANCE;
    }

    private static void checkVersion(EntityMetadata e, Entity pre, Long expected) {
        if (expected != null && !Objects.equals(expected, pre.get("versionnumber"))) {
            throw versionMismatch();
        }
    }

    private static RapportException versionMismatch() {
        return new RapportException(ErrorCode.CONCURRENCY_VERSION_MISMATCH,
                "The version of the existing record doesn't match the RowVersion property provided.");
    }
}
