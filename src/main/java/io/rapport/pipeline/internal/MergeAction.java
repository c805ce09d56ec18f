package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Messages.UpdateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Dataverse's Merge (unbound): {@code Target} (the master) takes the records of {@code Subordinate} (or
 * {@code SubordinateId}): every record that refers to the subordinate through a one-to-many relationship (child
 * accounts and contacts, opportunities, cases, activities, notes, connections...) is moved to the master with
 * UpdateMultiple, {@code UpdateContent} is written to the master, and the subordinate gets {@code masterid} and
 * {@code merged = true} and is deactivated (account and contact Inactive, lead Disqualified / Canceled, case
 * Canceled / Merged). The caller needs Write on both records; as in Dataverse, the moves run as the system for
 * accounts, contacts and leads and as the caller for cases (whose UpdateContent is not used). One transaction.
 */
@Component
class MergeAction implements ActionHandler {

    static final String NAME = "Merge";
    private static final Map<String, int[]> MERGED_STATE = Map.of("account", new int[] {1, 2},
            "contact", new int[] {1, 2}, "lead", new int[] {2, 7}, "incident", new int[] {2, 2000});
    private static final List<String> PARENTS = List.of("parentaccountid", "parentcustomerid", "parentcontactid",
            "parentcaseid");
    private static final int BATCH = 500;

    private static final ActionDefinition DEFINITION = new ActionDefinition(NAME, null, false, List.of(
            Parameter.entity("Target", "Entity", null, false), Parameter.entity("Subordinate", "Entity", null, true),
            Parameter.optional("SubordinateId", "Guid"), Parameter.entity("UpdateContent", "Entity", null, true),
            Parameter.required("PerformParentingChecks", "Boolean")), List.of());

    private final CallerProvider callers;

    MergeAction(CallerProvider callers) {
        this.callers = callers;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    private static EntityReference target(ActionRequest request) {
        Object t = request.parameter("Target");
        EntityReference ref = t instanceof Entity e ? e.toReference() : t instanceof EntityReference r ? r : null;
        if (ref == null || ref.id() == null) {
            throw RapportException.invalid("The parameter Target names the master record: its @odata.type and id.");
        }
        if (!MERGED_STATE.containsKey(ref.logicalName())) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "Merge is not supported for "
                    + ref.logicalName() + " records; it merges accounts, contacts, leads and cases (incident).");
        }
        return ref;
    }

    private static EntityReference subordinate(ActionRequest request, EntityReference target) {
        Object s = request.parameter("Subordinate");
        UUID id = s instanceof Entity e ? e.id() : s instanceof EntityReference r ? r.id()
                : (UUID) request.parameter("SubordinateId");
        String entity = s instanceof Entity e ? e.logicalName() : s instanceof EntityReference r ? r.logicalName()
                : target.logicalName();
        if (id == null) {
            throw RapportException.invalid("The parameter Subordinate names the record to merge: its @odata.type "
                    + "and id.");
        }
        if (!entity.equals(target.logicalName())) {
            throw RapportException.invalid("Merge merges records of one entity; the target is a "
                    + target.logicalName() + ", the subordinate a " + entity + ".");
        }
        if (id.equals(target.id())) {
            throw RapportException.invalid("A record cannot be merged into itself.");
        }
        return new EntityReference(entity, id);
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        EntityReference target = target(request);
        subordinate(request, target);
        if (request.parameter("UpdateContent") instanceof Entity content
                && !content.logicalName().equals(target.logicalName())) {
            throw RapportException.invalid("UpdateContent must be a " + target.logicalName() + ", like the target.");
        }
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        EntityReference target = target(request);
        return List.of(AccessDemand.reference(target, Privilege.WRITE),
                AccessDemand.reference(subordinate(request, target), Privilege.WRITE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        EntityReference target = target(request);
        EntityReference sub = subordinate(request, target);
        EntityMetadata e = context.snapshot().entity(target.logicalName());
        boolean incident = e.logicalName().equals("incident");
        OrganizationService caller = context.service();
        OrganizationService system = caller.as(callers.system());
        OrganizationService mover = incident ? caller : system;
        Entity master = caller.retrieve(e.logicalName(), target.id(), ColumnSet.all());
        Entity merged = caller.retrieve(e.logicalName(), sub.id(), ColumnSet.all());
        for (Entity r : List.of(master, merged)) {
            if (!Integer.valueOf(0).equals(r.getInteger("statecode"))) {
                throw new RapportException(ErrorCode.BUSINESS_RULE, "Only active records are merged; the "
                        + e.logicalName() + " " + r.id() + " is not active.");
            }
        }
        if (Boolean.TRUE.equals(request.parameter("PerformParentingChecks"))) {
            for (String parent : PARENTS) {
                if (e.hasAttribute(parent) && !Objects.equals(id(master.get(parent)), id(merged.get(parent)))) {
                    throw new RapportException(ErrorCode.BUSINESS_RULE, "The records have different parents ("
                            + parent + "); merge them with PerformParentingChecks false, or give them the same "
                            + "parent first.", parent);
                }
            }
        }
        for (OneToManyRelationship r : context.snapshot().oneToManyOf(e.logicalName())) {
            move(context, r, sub, target, mover);
        }
        if (!incident && request.parameter("UpdateContent") instanceof Entity content) {
            Entity changes = new Entity(e.logicalName(), target.id());
            content.attributes().forEach((k, v) -> {
                if (!k.equals(e.primaryIdAttribute())) {
                    changes.set(k, v);
                }
            });
            if (!changes.attributes().isEmpty()) {
                caller.update(changes);
            }
        }
        mover.update(new Entity(e.logicalName(), sub.id()).set("masterid", target).set("merged", true));
        int[] state = MERGED_STATE.get(e.logicalName());
        mover.execute(new SetStateRequest(sub, state[0], state[1]));
        return new ActionResponse(Map.of());
    }

    /** Moves the records that refer to the subordinate through one relationship to the master, 500 at a time. */
    private static void move(PluginContext context, OneToManyRelationship r, EntityReference from,
            EntityReference to, OrganizationService mover) {
        EntityMetadata child = context.snapshot().entity(r.referencingEntity());
        AttributeMetadata lookup = child.attribute(r.referencingAttribute());
        // activity pointers follow their activities; intersect rows and fixed lookups are not records to move
        if (child.logicalName().equals("activitypointer") || child.isIntersect() || !lookup.validForUpdate()) {
            return;
        }
        QueryExpression q = QueryExpression.from(child.logicalName()).columns(ColumnSet.none())
                .where(Condition.eq(r.referencingAttribute(), from.id())).top(BATCH).build();
        while (true) {
            List<Entity> children = mover.retrieveMultiple(q).entities().stream()
                    .filter(c -> !c.id().equals(to.id())).toList();
            if (children.isEmpty()) {
                return;
            }
            mover.execute(new UpdateMultipleRequest(children.stream()
                    .map(c -> new Entity(child.logicalName(), c.id()).set(r.referencingAttribute(), to)).toList()));
            if (children.size() < BATCH) {
                return;
            }
        }
    }

    private static UUID id(Object value) {
        return value instanceof EntityReference ref ? ref.id() : null;
    }
}
