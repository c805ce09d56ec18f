package io.rapport.security.internal.access;

import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.query.RecordAccess.Gate;
import io.rapport.store.RowGate;
import io.rapport.store.RowSecuritySql;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Row-level read access in SQL: a row is readable when its owner is the caller or one of their owner teams, when it
 * belongs to a business unit the caller's depth reaches, or when it is shared with the caller or one of their teams;
 * and, for entities a module gates ({@link RowGate}), only when every gate admits it.
 */
@Component
class RoleBasedRowSecurity implements RowSecuritySql {

    /** Up to this many owners (the user and their owner teams) each make a part; more make one together. */
    static final int MAX_OWNER_PARTS = 8;

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
    public List<Condition> readableParts(AccessRule rule, SecuredRow row) {
        if (rule.all() || rule.gate() != null) {
            return List.of();
        }
        List<Condition> parts = new ArrayList<>();
        // rows no earlier part admits, so that no row is in two parts (a null column is in no part's set)
        Condition notYet = DSL.noCondition();
        if (!rule.ownerIds().isEmpty() && row.owner() != null) {
            // ids in a fixed order, so that the same caller's queries render the same SQL
            List<UUID> owners = sorted(rule.ownerIds());
            if (owners.size() <= MAX_OWNER_PARTS) {
                owners.forEach(owner -> parts.add(row.owner().eq(owner)));
            } else {
                parts.add(row.owner().in(owners));
            }
            notYet = notIn(row.owner(), owners);
        }
        if (!rule.businessUnitIds().isEmpty() && row.businessUnit() != null) {
            List<UUID> units = sorted(rule.businessUnitIds());
            parts.add(row.businessUnit().in(units).and(notYet));
            notYet = notYet.and(notIn(row.businessUnit(), units));
        }
        if (!rule.sharedWithPrincipalIds().isEmpty()) {
            // the caller's shared ids read once into an array: the rows are then found by primary key, however
            // few there are, instead of by a scan in the page's order looking for them
            parts.add(row.id().eq(DSL.any(DSL.array(SharingRepository.readableBy(
                    sorted(rule.sharedWithPrincipalIds())))))
                    .and(notYet));
        }
        return parts;
    }

    private static Condition notIn(Field<UUID> column, List<UUID> ids) {
        return column.isNull().or(column.notIn(ids));
    }

    private static List<UUID> sorted(Set<UUID> ids) {
        return ids.stream().sorted().toList();
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
