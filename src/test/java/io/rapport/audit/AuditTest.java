package io.rapport.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Create, update and delete leave attribute-level audit rows with old and new values, newest first. The rows of a unit
 * of work are written together at its end, in order, and only if it succeeds; a transaction of its own started inside
 * writes its rows itself.
 */
abstract class AuditTest {

    @OnH2
    static class H2 extends AuditTest {
    }

    @OnPostgres
    static class Postgres extends AuditTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    AuditLog audit;

    @Autowired
    DSLContext dsl;

    @Autowired
    PlatformTransactionManager transactions;

    private int rows(UUID id) {
        return dsl.fetchCount(DSL.table(DSL.name("sys_audit")), DSL.field(DSL.name("objectid"), UUID.class).eq(id));
    }

    @Test
    void aUnitOfWorkWritesItsEntriesAtItsEndInOrder() {
        UUID[] id = new UUID[1];
        int[] heldRows = new int[2];
        org.inTransaction(() -> {
            id[0] = org.create(new Entity("account").set("name", "Held"));
            org.update(new Entity("account", id[0]).set("name", "Held 2"));
            heldRows[0] = rows(id[0]);
            // a history read inside the unit sees the unit's entries
            assertThat(audit.history("account", id[0], 1, 10)).extracting(AuditEntry::operation)
                    .containsExactly("Update", "Create");
            heldRows[1] = rows(id[0]);
            org.update(new Entity("account", id[0]).set("name", "Held 3"));
            return null;
        });
        assertThat(heldRows).containsExactly(0, 2);
        List<AuditEntry> history = audit.history("account", id[0], 1, 10);
        assertThat(history).extracting(AuditEntry::operation).containsExactly("Update", "Update", "Create");
        assertThat(history.get(0).changes()).containsOnlyKeys("name");
        assertThat(history.get(0).changes().get("name")).isEqualTo(new AttributeChange("Held 2", "Held 3"));
        assertThat(history.get(1).changes().get("name")).isEqualTo(new AttributeChange("Held", "Held 2"));
    }

    @Test
    void aFailedUnitWritesNoEntriesButATransactionOfItsOwnInsideDoes() {
        UUID[] ids = new UUID[2];
        TransactionTemplate separate = new TransactionTemplate(transactions);
        separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThrows(IllegalStateException.class, () -> org.inTransaction(() -> {
            ids[0] = org.create(new Entity("account").set("name", "Rolled back"));
            ids[1] = separate.execute(status -> org.create(new Entity("account").set("name", "Kept")));
            org.update(new Entity("account", ids[0]).set("name", "Rolled back 2"));
            throw new IllegalStateException("the unit fails");
        }));
        assertThat(rows(ids[0])).isZero();
        assertThat(audit.history("account", ids[1], 1, 10)).singleElement()
                .satisfies(e -> assertThat(e.changes().get("name")).isEqualTo(new AttributeChange(null, "Kept")));
    }

    @Test
    void createUpdateDeleteAreAudited() {
        UUID id = org.create(new Entity("account").set("name", "Audited").set("numberofemployees", 5));
        org.update(new Entity("account", id).set("name", "Audited Inc").set("numberofemployees", 5)
                .set("telephone1", "555"));
        org.delete("account", id);

        List<AuditEntry> history = audit.history("account", id, 1, 50);
        assertThat(history).extracting(AuditEntry::operation).containsExactly("Delete", "Update", "Create");
        AuditEntry create = history.get(2);
        assertThat(create.changes().get("name")).isEqualTo(new AttributeChange(null, "Audited"));
        assertThat(create.userId()).isNotNull();
        assertThat(create.channel()).isEqualTo("SYSTEM");
        AuditEntry update = history.get(1);
        assertThat(update.changes()).containsOnlyKeys("name", "telephone1");
        assertThat(update.changes().get("name")).isEqualTo(new AttributeChange("Audited", "Audited Inc"));
        assertThat(update.changes().get("telephone1")).isEqualTo(new AttributeChange(null, "555"));
        AuditEntry delete = history.get(0);
        assertThat(delete.changes().get("name")).isEqualTo(new AttributeChange("Audited Inc", null));
        assertThat(delete.changes().get("ownerid").oldValue()).isInstanceOf(Map.class);
        assertThat(audit.history("account", id, 2, 2)).extracting(AuditEntry::operation).containsExactly("Create");
    }
}
