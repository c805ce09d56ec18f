package io.rapport.security.internal.sharing;

import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.CascadeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.RecordAccessChanges;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.record.Ids;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.AccessErrors;
import io.rapport.security.internal.access.AccessEvaluator;
import io.rapport.security.internal.access.AccessRight;
import io.rapport.security.internal.access.PrivilegeScope;
import io.rapport.security.internal.access.SharingRepository;
import io.rapport.security.internal.access.UserSecurity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntUnaryOperator;
import org.springframework.stereotype.Component;

/**
 * Shares records with users and teams: checks that the caller may share the record and holds every right they
 * pass on, writes the share, follows the share cascade of the record's one-to-many relationships, and audits it.
 */
@Component
class SharingService {

    private final SharingRepository repository;
    private final AccessEvaluator evaluator;
    private final OrganizationIdentity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final RecordAccessChanges accessChanges;

    SharingService(SharingRepository repository, AccessEvaluator evaluator, OrganizationIdentity identity,
            AuditLog audit, Clock clock, RecordAccessChanges accessChanges) {
        this.accessChanges = accessChanges;
        this.repository = repository;
        this.evaluator = evaluator;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    /** Changes the rights of a principal on a record and its cascade children; {@code change} maps old to new. */
    void share(PluginContext ctx, String operation, EntityReference target, EntityReference principal,
            int requested, IntUnaryOperator change) {
        MetadataSnapshot s = ctx.snapshot();
        EntityMetadata e = s.entity(target.logicalName());
        if (!e.isUserOwned()) {
            throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "Records of " + e.logicalName()
                    + " are not owned by users or teams and cannot be shared.");
        }
        OrganizationService sys = ctx.service().as(identity.systemCaller());
        Entity record = sys.retrieve(e.logicalName(), target.id(), ColumnSet.of("ownerid", "owningbusinessunit"));
        sys.retrieve(principal.logicalName(), principal.id(), ColumnSet.none());
        checkCanShare(ctx.caller(), e, record, requested);
        apply(ctx, sys, operation, e, record.id(), principal, change, new HashSet<>());
    }

    private void checkCanShare(Caller caller, EntityMetadata e, Entity record, int requested) {
        if (identity.isSystem(caller)) {
            return;
        }
        UserSecurity s = evaluator.security(caller.userId());
        List<Privilege> needed = new ArrayList<>(List.of(Privilege.SHARE));
        for (AccessRight r : AccessRight.values()) {
            if (r.in(requested) && r != AccessRight.SHARE && r != AccessRight.CREATE) {
                needed.add(r.privilege());
            }
        }
        for (Privilege p : needed) {
            PrivilegeScope scope = evaluator.scope(s, e, p).orElseThrow(
                    () -> AccessErrors.missingPrivilege(caller.userId(), e, p, s.disabled()));
            if (!evaluator.reaches(s, e, scope, p, record)) {
                throw AccessErrors.noAccess(caller.userId(), e, p, record);
            }
        }
    }

    private void apply(PluginContext ctx, OrganizationService sys, String operation, EntityMetadata e, UUID id,
            EntityReference principal, IntUnaryOperator change, Set<UUID> visited) {
        if (!visited.add(id)) {
            return;
        }
        EntityReference record = new EntityReference(e.logicalName(), id);
        int before = repository.rights(id, List.of(principal.id()));
        int after = change.applyAsInt(before) & AccessRight.SHAREABLE;
        if (after != before) {
            repository.set(record, principal, after);
            boolean readBefore = AccessRight.READ.in(before);
            if (readBefore != AccessRight.READ.in(after)) {
                if (readBefore) {
                    accessChanges.readRemoved(record, principal.id());
                } else {
                    accessChanges.readGranted(record);
                }
            }
            record(ctx.caller(), operation, e, id, principal, before, after);
        }
        for (OneToManyRelationship r : ctx.snapshot().oneToManyOf(e.logicalName())) {
            CascadeType cascade = r.cascade().share();
            EntityMetadata child = ctx.snapshot().entity(r.referencingEntity());
            if (cascade == CascadeType.NO_CASCADE || !child.isUserOwned() || r.hierarchical()) {
                continue;
            }
            List<Filter> filters = new ArrayList<>(List.of(Condition.eq(r.referencingAttribute(), id)));
            if (cascade == CascadeType.ACTIVE && child.hasStateCode()) {
                filters.add(Condition.eq("statecode", 0));
            }
            for (Entity c : sys.retrieveMultiple(QueryExpression.from(child.logicalName()).columns(ColumnSet.none())
                    .where(Filter.and(filters.toArray(new Filter[0]))).build()).entities()) {
                apply(ctx, sys, operation, child, c.id(), principal, change, visited);
            }
        }
    }

    private void record(Caller caller, String operation, EntityMetadata e, UUID id, EntityReference principal,
            int before, int after) {
        if (!e.auditEnabled()) {
            return;
        }
        Map<String, AttributeChange> changes = Map.of(principal.logicalName() + ":" + principal.id(),
                new AttributeChange(AccessRight.format(before), AccessRight.format(after)));
        audit.record(new AuditEntry(Ids.newId(), Instant.now(clock), caller.userId(), operation, e.logicalName(), id,
                caller.channel().name(), changes));
    }
}
