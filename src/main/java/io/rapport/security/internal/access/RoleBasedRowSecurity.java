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

    private static Condition roleCondition(AccessRule rule, SecuredRow row) {
        List<Condition> any = new ArrayList<>();
        if (!rule.ownerIds().isEmpty() && row.owner() != null) {
            any.add(row.owner().in(rule.ownerIds()));
        }
        if (!rule.businessUnitIds().isEmpty() && row.businessUnit() != null) {
            any.add(row.businessUnit().in(rule.businessUnitIds()));
        }
        if (!rule.sharedWithPrincipalIds().isEmpty()) {
            any.add(row.id().in(SharingRepository.readableBy(rule.sharedWithPrincipalIds())));
        }
        return any.isEmpty() ? DSL.falseCondition() : DSL.or(any);
    }
}
