package io.rapport.security.internal.access;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;
import static org.jooq.impl.DSL.table;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The version of the security model (roles, privileges, teams, memberships, business units, field security) in
 * {@code sys_security_version}. A change sets it to a new value of a sequence, so a value is never reused even
 * when the changing transaction rolls back; caches keyed by the value are therefore never wrong. Inside a
 * transaction the value is read once and remembered until the transaction changes it.
 */
@Repository
public class SecurityVersion {

    private static final Table<Record> VERSION = table(name("sys_security_version"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<Long> VALUE = field(name("version"), Long.class);

    private final DSLContext dsl;
    private final Object resourceKey = new Object();

    SecurityVersion(DSLContext dsl) {
        this.dsl = dsl;
    }

    public long current() {
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
        if (inTransaction && TransactionSynchronizationManager.getResource(resourceKey) instanceof Long v) {
            return v;
        }
        long v = dsl.select(VALUE).from(VERSION).where(ID.eq(1)).fetchSingle(VALUE);
        if (inTransaction) {
            remember(v);
        }
        return v;
    }

    /** Marks the security model changed; called inside the transaction that changes it. */
    public void bump() {
        long next = dsl.select(sequence(name("sys_row_version"), Long.class).nextval()).fetchSingle().value1();
        dsl.update(VERSION).set(VALUE, next).where(ID.eq(1)).execute();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            remember(next);
        }
    }

    private void remember(long v) {
        if (TransactionSynchronizationManager.hasResource(resourceKey)) {
            TransactionSynchronizationManager.unbindResource(resourceKey);
        } else {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
                }
            });
        }
        TransactionSynchronizationManager.bindResource(resourceKey, v);
    }
}
