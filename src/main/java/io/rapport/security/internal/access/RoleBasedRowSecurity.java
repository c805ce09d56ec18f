package io.rapport.security.internal.access;

import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.query.RecordAccess.Gate;
import io.rapport.store.RowGate;
import io.rapport.store.RowSecuritySql;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Row-level read access in SQL: a row is readable when its owner is the caller or one of their owner teams, when it
 * belongs to a business unit the caller's depth reaches, or when it is shared with the caller or one of their teams;
 * and, for entities a module gates ({@link RowGate}), only when every gate admits it.
 */
@Component
class RoleBasedRowSecurity implements RowSecuritySql {

    /** Up to this many owners (the user and their owner teams) each make an alternative; more make one together. */
    static final int MAX_OWNER_ALTERNATIVES = 8;

    private final List<RowGate> gates;

    RoleBasedRowSecurity(List<RowGate> gates) {
        this.gates = List.copyOf(gates);
    }

    @Override
    public Condition readable(AccessRule rule, SecuredRow row) {
        if (rule.all()) {
            return DSL.noCondition();
        }
        Gate gate = rule.gate();
        if (gate == null) {
            return roleCondition(rule, row);
        }
        Condition c = gate.ungatedAll() ? DSL.noCondition() : roleCondition(rule, row);
        for (RowGate g : gates) {
            if (g.gates(row.entityName())) {
                c = c.and(g.readable(row.entityName(), row.id(), gate.userId(), gate.principals()));
            }
        }
        return c;
    }

    @Override
    public List<Condition> readableAlternatives(AccessRule rule, SecuredRow row) {
        if (rule.all() || rule.gate() != null) {
            return List.of();
        }
        return disjuncts(rule, row, rule.ownerIds().size() <= MAX_OWNER_ALTERNATIVES);
    }

    private static Condition roleCondition(AccessRule rule, SecuredRow row) {
        List<Condition> any = disjuncts(rule, row, false);
        return any.isEmpty() ? DSL.falseCondition() : DSL.or(any);
    }

    /** The ways a row is readable under the rule: owned (by each owner apart, or by any), in a unit, shared. */
    private static List<Condition> disjuncts(AccessRule rule, SecuredRow row, boolean ownerByOwner) {
        List<Condition> any = new ArrayList<>();
        if (!rule.ownerIds().isEmpty() && row.owner() != null) {
            if (ownerByOwner) {
                // in a fixed order, so that the same caller's queries render the same SQL
                rule.ownerIds().stream().sorted().forEach(owner -> any.add(row.owner().eq(owner)));
            } else {
                any.add(row.owner().in(rule.ownerIds()));
            }
        }
        if (!rule.businessUnitIds().isEmpty() && row.businessUnit() != null) {
            any.add(row.businessUnit().in(rule.businessUnitIds()));
        }
        if (!rule.sharedWithPrincipalIds().isEmpty()) {
            any.add(row.id().in(SharingRepository.readableBy(rule.sharedWithPrincipalIds())));
        }
        return any;
    }
}
