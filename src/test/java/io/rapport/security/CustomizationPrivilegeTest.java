package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataNames;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.RequiredLevel;
import io.rapport.pipeline.MetadataMessages.CreateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.CreateEntityKeyRequest;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.MetadataMessages.CreateManyToManyRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueResponse;
import io.rapport.pipeline.MetadataMessages.MetadataChangeResponse;
import io.rapport.pipeline.MetadataMessages.UpdateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.UpdateEntityRequest;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Customization is a set of pipeline messages with Dataverse's privileges: a Salesperson is refused every one of
 * them with the privilege named and nothing changes; a System Administrator's change is published and audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomizationPrivilegeTest {

    @OnH2
    static class H2 extends CustomizationPrivilegeTest {
    }

    @OnPostgres
    static class Postgres extends CustomizationPrivilegeTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    MetadataService metadata;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    SecurityFixture f;
    UUID salesperson;
    UUID administrator;

    @BeforeAll
    void organization() {
        f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Customizing", f.rootUnit());
        salesperson = f.user("seller", unit, "Salesperson");
        administrator = f.user("customizer", unit, "System Administrator");
    }

    private String name(String what) {
        return "new_" + what + f.run;
    }

    /** Every customization message with the privilege Dataverse requires for it. */
    private Map<String, OrganizationRequest<?>> requests() {
        Map<String, OrganizationRequest<?>> requests = new LinkedHashMap<>();
        requests.put("prvCreateEntity", new CreateEntityRequest(new EntityMetadata(name("denied"), null, null, null,
                Label.of("Denied"), null, null, null, null, null, null, null, null, null, null, null, List.of(), null,
                null)));
        requests.put("prvCreateAttribute", new CreateAttributeRequest("account", AttributeMetadata.of(name("denied"),
                AttributeType.INTEGER, Label.of("Denied"))));
        requests.put("prvWriteEntity", UpdateEntityRequest.rename("account", Label.of("Denied"), null));
        requests.put("prvWriteAttribute", new UpdateAttributeRequest("account", "telephone1", Label.of("Denied"),
                RequiredLevel.APPLICATION));
        requests.put("prvWriteOptionSet", new InsertOptionValueRequest("industrycode", null, null,
                new OptionMetadata(0, Label.of("Denied " + f.run))));
        requests.put("prvCreateRelationship", new CreateManyToManyRequest(new ManyToManyRelationship(name("denied"),
                "account", "contact", null, null, null, null, null, true)));
        requests.put("prvWriteRelationship", new io.rapport.pipeline.MetadataMessages.UpdateRelationshipRequest(
                "contact_customer_accounts", io.rapport.metadata.CascadeConfiguration.referential()));
        requests.put("prvCreateEntityKey", new CreateEntityKeyRequest("account", new EntityKeyMetadata(
                name("denied"), Label.of("Denied"), List.of("accountnumber"))));
        requests.put("prvDeleteEntity", new io.rapport.pipeline.MetadataMessages.DeleteEntityRequest("account"));
        requests.put("prvDeleteAttribute", new io.rapport.pipeline.MetadataMessages.DeleteAttributeRequest("account",
                "telephone1"));
        requests.put("prvDeleteRelationship", new io.rapport.pipeline.MetadataMessages.DeleteRelationshipRequest(
                "contact_customer_accounts"));
        requests.put("prvDeleteOptionSet", new io.rapport.pipeline.MetadataMessages.DeleteOptionSetRequest(
                "industrycode"));
        requests.put("prvDeleteEntityKey", new io.rapport.pipeline.MetadataMessages.DeleteEntityKeyRequest(
                "solution", "solution_uniquename_key"));
        return requests;
    }

    @Test
    void aSalespersonIsRefusedEveryCustomizationMessageAndNothingChanges() throws SQLException {
        MetadataSnapshot before = metadata.snapshot();
        long audited = auditCount();
        requests().forEach((privilege, request) -> {
            RapportException e = catchThrowableOfType(() -> f.as(salesperson).execute(request),
                    RapportException.class);
            assertThat(e).as(request.messageName()).isNotNull();
            assertThat(e.code()).as(request.messageName()).isEqualTo(ErrorCode.PRIVILEGE_DENIED);
            assertThat(e.code().httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).as(request.messageName()).isEqualTo("Principal user (Id=" + salesperson
                    + ", type=8) is missing " + privilege + " privilege (Id="
                    + io.rapport.security.internal.access.PrivilegeDefinition.idOf(privilege) + ").");
        });
        MetadataSnapshot after = metadata.snapshot();
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.findEntity(name("denied"))).isEmpty();
        assertThat(after.entity("account").findAttribute(name("denied"))).isEmpty();
        assertThat(after.entity("account").displayName()).isEqualTo(before.entity("account").displayName());
        assertThat(after.entity("account").attribute("telephone1").requiredLevel()).isEqualTo(RequiredLevel.NONE);
        assertThat(after.entity("account").attribute("telephone1").displayName())
                .isEqualTo(before.entity("account").attribute("telephone1").displayName());
        assertThat(after.globalOptionSets().get("industrycode").optionByLabel("Denied " + f.run)).isEmpty();
        assertThat(after.findManyToMany(name("denied"))).isEmpty();
        assertThat(after.entity("account").keys()).noneMatch(k -> k.logicalName().equals(name("denied")));
        assertThat(auditCount()).isEqualTo(audited);
    }

    @Test
    void anAdministratorsChangesArePublishedAndAudited() {
        String attribute = name("score");
        MetadataChangeResponse created = f.as(administrator).execute(new CreateAttributeRequest("account",
                AttributeMetadata.of(attribute, AttributeType.INTEGER, Label.of("Score"))));
        assertThat(metadata.snapshot().version()).isEqualTo(created.metadataVersion());
        assertThat(metadata.snapshot().entity("account").attribute(attribute).type()).isEqualTo(AttributeType.INTEGER);
        f.as(administrator).execute(new UpdateAttributeRequest("account", attribute, Label.of("Rating"),
                RequiredLevel.RECOMMENDED));
        assertThat(metadata.snapshot().entity("account").attribute(attribute).requiredLevel())
                .isEqualTo(RequiredLevel.RECOMMENDED);
        InsertOptionValueResponse option = f.as(administrator).execute(new InsertOptionValueRequest("industrycode",
                null, null, new OptionMetadata(0, Label.of("Orbital " + f.run))));
        assertThat(metadata.snapshot().globalOptionSets().get("industrycode").optionByLabel("Orbital " + f.run)
                .orElseThrow().value()).isEqualTo(option.newOptionValue());

        List<AuditEntry> history = audit.history("account", MetadataNames.metadataId("attribute", "account",
                attribute), 1, 10);
        assertThat(history).extracting(AuditEntry::operation).containsExactly("UpdateAttribute", "CreateAttribute");
        assertThat(history).allSatisfy(e -> {
            assertThat(e.userId()).isEqualTo(administrator);
            assertThat(e.channel()).isEqualTo("API");
        });
        assertThat(history.get(1).changes()).containsEntry("LogicalName", new AttributeChange(null, attribute))
                .containsEntry("AttributeType", new AttributeChange(null, "Integer"));
        assertThat(history.get(0).changes()).containsEntry("RequiredLevel",
                new AttributeChange("None", "Recommended"));
        assertThat(history.get(0).changes().get("DisplayName").newValue()).isEqualTo(Map.of("en", "Rating"));
        assertThat(audit.history("industrycode", MetadataNames.metadataId("optionset", "industrycode"), 1, 50))
                .filteredOn(e -> e.userId().equals(administrator)).singleElement().satisfies(e -> {
                    assertThat(e.operation()).isEqualTo("InsertOptionValue");
                    assertThat(e.changes()).containsEntry("Value", new AttributeChange(null,
                            option.newOptionValue()));
                });
    }

    @Test
    void anAdministratorCreatesAnEntityAndSwitchesOnItsChangeTracking() {
        String entity = name("gadget");
        f.as(administrator).execute(new CreateEntityRequest(new EntityMetadata(entity, null, null, null,
                Label.of("Gadget"), null, null, null, null, null, null, null, null, null, null, null, List.of(), null,
                null)));
        assertThat(metadata.snapshot().entity(entity).changeTrackingEnabled()).isFalse();
        f.as(administrator).execute(UpdateEntityRequest.changeTracking(entity, true));
        assertThat(metadata.snapshot().entity(entity).changeTrackingEnabled()).isTrue();
        assertThat(audit.history(entity, MetadataNames.metadataId("entity", entity), 1, 10))
                .extracting(AuditEntry::operation).containsExactly("UpdateEntity", "CreateEntity");
        assertThat(audit.history(entity, MetadataNames.metadataId("entity", entity), 1, 10).get(0).changes())
                .containsEntry("ChangeTrackingEnabled", new AttributeChange(false, true));
    }

    @Test
    void aMessageWithoutItsPartsIsRefusedWithEveryMissingPartNamed() {
        RapportException e = catchThrowableOfType(() -> f.as(administrator).execute(new UpdateAttributeRequest(
                null, " ", null, null)), RapportException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).isEqualTo("UpdateAttribute needs EntityName, LogicalName, DisplayName or "
                + "RequiredLevel.");
    }

    private long auditCount() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from sys_audit")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
