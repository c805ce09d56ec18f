package io.rapport.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Create, update and delete leave attribute-level audit rows with old and new values, newest first. */
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
