package io.rapport.security.internal.access;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Privilege;
import io.rapport.query.RecordAccess;
import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.record.Entity;
import io.rapport.security.internal.access.UserSecurity.FieldPermission;
import io.rapport.store.RowGate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The pipeline's access checker: privileges and depths from security roles, explicit shares, and field-level
 * security; the system user may do everything.
 */
@Component
class RoleBasedAccessChecker implements AccessChecker {

    private static final String ACTIVITY_POINTER = "activitypointer";

    private final AccessEvaluator evaluator;
    private final MetadataService metadata;
    private final List<RowGate> gates;

    RoleBasedAccessChecker(AccessEvaluator evaluator, MetadataService metadata, List<RowGate> gates) {
        this.evaluator = evaluator;
        this.metadata = metadata;
        this.gates = List.copyOf(gates);
    }

    @Override
    public boolean unrestricted(Caller caller) {
        return evaluator.isSystem(caller);
    }

    @Override
    public void check(Caller caller, EntityMetadata entity, Privilege privilege, Entity record) {
        if (evaluator.isSystem(caller)) {
            return;
        }
        UserSecurity s = evaluator.security(caller.userId());
        PrivilegeScope scope = evaluator.scope(s, entity, privilege).orElseThrow(() -> AccessErrors.missingPrivilege(
                caller.userId(), entity, privilege, s.disabled()));
        if (record != null && !evaluator.reaches(s, entity, scope, privilege, record)) {
            throw AccessErrors.noAccess(caller.userId(), entity, privilege, record);
        }
    }

    @Override
    public boolean reachesAll(Caller caller, EntityMetadata entity, Privilege privilege) {
        return evaluator.isSystem(caller) || evaluator.scope(evaluator.security(caller.userId()), entity, privilege)
                .map(PrivilegeScope::global).orElse(false);
    }

    @Override
    public void checkPrivilege(Caller caller, String privilegeName) {
        if (evaluator.isSystem(caller)) {
            return;
        }
        if (!evaluator.holds(evaluator.security(caller.userId()), privilegeName)) {
            throw AccessErrors.missingPrivilege(caller.userId(), privilegeName);
        }
    }

    @Override
    public RecordAccess readAccess(Caller caller) {
        if (evaluator.isSystem(caller)) {
            return RecordAccess.UNRESTRICTED;
        }
        UserSecurity s = evaluator.security(caller.userId());
        Map<String, AccessRule> rules = new ConcurrentHashMap<>();
        return entityName -> rules.computeIfAbsent(entityName, name -> rule(s, name));
    }

    private AccessRule rule(UserSecurity s, String entityName) {
        EntityMetadata e = metadata.snapshot().findEntity(entityName).orElse(null);
        if (e == null) {
            return AccessRule.NONE;
        }
        PrivilegeScope scope = evaluator.scope(s, e, Privilege.READ).orElse(null);
        if (scope == null) {
            return AccessRule.NONE;
        }
        AccessRule rule = switch (e.ownership()) {
            case ORGANIZATION -> AccessRule.ALL;
            case BUSINESS -> scope.global() ? AccessRule.ALL : new AccessRule(false, Set.of(),
                    plus(scope.businessUnits(), s.businessUnitId()), Set.of());
            // without a share of the entity the rule has no share part, and a page reads it with the owner's
            // statement alone (issue 19)
            case USER -> scope.global() ? AccessRule.ALL : new AccessRule(false, s.owners(), scope.businessUnits(),
                    sharesAny(s, e) ? s.principals() : Set.of());
        };
        if (!s.systemAdministrator() && gates.stream().anyMatch(g -> g.gates(entityName))) {
            return rule.gated(s.userId(), s.principals());
        }
        return rule;
    }

    /**
     * Whether a record the entity reads is shared with the user or a team of theirs. A share is recorded under its
     * record's own entity: an activity's under its type (task, email...), whose rows {@code activitypointer} reads too.
     */
    private boolean sharesAny(UserSecurity s, EntityMetadata e) {
        if (!ACTIVITY_POINTER.equals(e.logicalName())) {
            return evaluator.sharesAny(s, e.logicalName());
        }
        return metadata.snapshot().entities().stream().filter(x -> Boolean.TRUE.equals(x.activity())
                || x.logicalName().equals(ACTIVITY_POINTER)).anyMatch(x -> evaluator.sharesAny(s, x.logicalName()));
    }

    private static Set<java.util.UUID> plus(Set<java.util.UUID> set, java.util.UUID value) {
        Set<java.util.UUID> result = new HashSet<>(set);
        if (value != null) {
            result.add(value);
        }
        return result;
    }

    @Override
    public Set<String> unreadableAttributes(Caller caller, EntityMetadata entity) {
        return denied(caller, entity, entity.attributes().stream().filter(AttributeMetadata::secured)
                .map(AttributeMetadata::logicalName).toList(), Privilege.READ);
    }

    @Override
    public void checkAttributes(Caller caller, EntityMetadata entity, Privilege privilege, Set<String> attributes) {
        Set<String> denied = denied(caller, entity, attributes, privilege);
        if (!denied.isEmpty()) {
            throw AccessErrors.securedField(caller.userId(), entity, privilege, denied);
        }
    }

    private Set<String> denied(Caller caller, EntityMetadata entity, Iterable<String> attributes, Privilege p) {
        Set<String> denied = new LinkedHashSet<>();
        if (evaluator.isSystem(caller)) {
            return denied;
        }
        UserSecurity s = null;
        for (String name : attributes) {
            AttributeMetadata a = entity.findAttribute(name).orElse(null);
            if (a == null || !a.secured()) {
                continue;
            }
            if (s == null) {
                s = evaluator.security(caller.userId());
                if (s.systemAdministrator()) {
                    return denied;
                }
            }
            FieldPermission f = s.fieldPermissions().getOrDefault(entity.logicalName() + "." + name,
                    FieldPermission.NONE);
            boolean allowed = switch (p) {
                case CREATE -> f.create();
                case WRITE -> f.update();
                default -> f.read();
            };
            if (!allowed) {
                denied.add(name);
            }
        }
        return denied;
    }
}
