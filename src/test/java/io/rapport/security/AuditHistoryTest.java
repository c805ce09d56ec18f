package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.audit.AuditLog;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.CustomizationService;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * RetrieveRecordChangeHistory returns a record's audit history to callers with prvReadRecordAuditHistory who may
 * read the record, without secured values they may not read; auditing can be switched off per entity.
 */
abstract class AuditHistoryTest {

    @OnH2
    static class H2 extends AuditHistoryTest {
    }

    @OnPostgres
    static class Postgres extends AuditHistoryTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    CustomizationService customization;

    @Autowired
    AuditLog audit;

    @Test
    @SuppressWarnings("unchecked")
    void managersReadTheHistoryOfRecordsTheyMayReadWithoutSecuredValues() {
        SecurityFixture f = new SecurityFixture(org);
        UUID unit = f.businessUnit("History", f.rootUnit());
        UUID seller = f.user("seller", unit, SecurityFixture.OWN_RECORDS);
        UUID manager = f.user("manager", unit, "Sales Manager");
        UUID account = f.account(seller, "audited");
        org.update(new Entity("account", account).set("telephone1", "555").set("creditlimit", new BigDecimal("900")));

        assertThatThrownBy(() -> history(seller, account)).isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.PRIVILEGE_DENIED))
                .hasMessageContaining("prvReadRecordAuditHistory");
        Map<String, Object> collection = history(manager, account);
        List<Map<String, Object>> details = (List<Map<String, Object>>) collection.get("AuditDetails");
        assertThat(details).hasSize(2);
        Map<String, Object> update = details.get(0);
        assertThat(((Map<String, Object>) update.get("AuditRecord")).get("operation")).isEqualTo("Update");
        assertThat((Map<String, Object>) update.get("NewValue")).containsEntry("telephone1", "555")
                .doesNotContainKey("creditlimit");
        assertThat(((Map<String, Object>) details.get(1).get("AuditRecord")).get("_userid_value")).isEqualTo(seller);
        assertThat(collection.get("MoreRecords")).isEqualTo(false);
        assertThat((Map<String, Object>) ((List<Map<String, Object>>) history(null, account).get("AuditDetails"))
                .get(0).get("NewValue")).containsKey("creditlimit");
    }

    @Test
    void auditingCanBeSwitchedOffAndOnPerEntity() {
        customization.setAuditEnabled("lead", false);
        try {
            UUID quiet = org.create(new Entity("lead").set("subject", "Quiet").set("lastname", "Quiet"));
            assertThat(audit.history("lead", quiet, 1, 10)).isEmpty();
        } finally {
            customization.setAuditEnabled("lead", true);
        }
        UUID loud = org.create(new Entity("lead").set("subject", "Loud").set("lastname", "Loud"));
        assertThat(audit.history("lead", loud, 1, 10)).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> history(UUID user, UUID account) {
        OrganizationService as = user == null ? org : org.as(new SecurityFixture(org).caller(user));
        return (Map<String, Object>) as.execute(new ActionRequest("RetrieveRecordChangeHistory",
                Map.of("Target", new EntityReference("account", account)))).output("AuditDetailCollection");
    }
}
