package io.rapport.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Run-time customization is live at once on the node that made it and on a second node on the same database, and
 * it survives a restart together with every record; restarting changes nothing in the schema.
 */
abstract class CustomizationAndRestartTest {

    static class H2 extends CustomizationAndRestartTest {
        @TempDir
        Path dir;

        @Override
        Map<String, String> database() {
            return TestDatabases.h2File(dir.resolve("rapport").toString());
        }
    }

    static class Postgres extends CustomizationAndRestartTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.postgres();
        }
    }

    abstract Map<String, String> database();

    private static final Label COMPANY = new Label(Map.of("en", "Company", "es", "Empresa", "pt-BR", "Empresa"));

    @Test
    void customizationsAreLiveOnBothNodesAndSurviveRestart() {
        Map<String, String> db = database();
        UUID account;
        UUID project;
        long version;
        try (ConfigurableApplicationContext node1 = AppInstances.start(db);
                ConfigurableApplicationContext node2 = AppInstances.start(db)) {
            CustomizationService customization = node1.getBean(CustomizationService.class);
            OrganizationService org1 = node1.getBean(OrganizationService.class);
            OrganizationService org2 = node2.getBean(OrganizationService.class);

            customization.addAttribute("account", AttributeMetadata.of("new_rank", AttributeType.INTEGER,
                    Label.of("Rank")));
            account = org1.create(new Entity("account").set("name", "Customized").set("new_rank", 5));
            assertThat(org2.retrieveMultiple(QueryExpression.from("account").select("name", "new_rank")
                    .where(Condition.eq("new_rank", 5)).build()).entities())
                    .extracting(Entity::id).containsExactly(account);

            EntityMetadata projectDefinition = new EntityMetadata("new_project", null, null, null,
                    new Label(Map.of("en", "Project", "es", "Proyecto", "pt-BR", "Projeto")), null, null, null,
                    null, null, null, null, null, null, null, null, List.of(
                    new AttributeMetadata("new_accountid", null, AttributeType.LOOKUP, Label.of("Account"), null,
                            null, null, null, null, null, List.of("account"), null, null, null, null, null, null,
                            null, null, null, null, null, null),
                    new AttributeMetadata("new_budget", null, AttributeType.MONEY, Label.of("Budget"), null, null,
                            null, BigDecimal.ZERO, null, null, null, null, null, null, null, null, null, null, null,
                            null, null, null, null)), null, null);
            customization.addEntity(projectDefinition);
            project = org2.create(new Entity("new_project").set("new_name", "Rollout")
                    .set("new_accountid", new EntityReference("account", account))
                    .set("new_budget", new BigDecimal("1000")));
            List<Entity> joined = org1.retrieveMultiple(QueryExpression.from("new_project").select("new_name")
                    .link(new LinkEntity("account", "accountid", "new_accountid", "a", JoinType.INNER,
                            ColumnSet.of("new_rank"), null, List.of())).build()).entities();
            assertThat(joined).singleElement().satisfies(e -> assertThat(e.get("a.new_rank")).isEqualTo(5));

            customization.renameEntity("account", COMPANY, null);
            MetadataSnapshot seenByNode2 = node2.getBean(MetadataService.class).snapshot();
            assertThat(seenByNode2.entity("account").displayName().get("en")).isEqualTo("Company");
            assertThat(seenByNode2.entity("account").displayName().get("es")).isEqualTo("Empresa");
            assertThat(seenByNode2.entity("account").displayName().get("pt-BR")).isEqualTo("Empresa");
            customization.renameAttribute("account", "name", Label.of("Company Name"));

            customization.addOption("industrycode", new OptionMetadata(0, Label.of("Space")));
            int space = node2.getBean(MetadataService.class).snapshot().globalOptionSets().get("industrycode")
                    .optionByLabel("Space").orElseThrow().value();
            assertThat(space).isEqualTo(100_000_000);
            org2.update(new Entity("account", account).set("industrycode", space));

            customization.addManyToMany(new ManyToManyRelationship("new_account_project", "account", "new_project",
                    null, null, null, null, null, true));
            org2.associate(new EntityReference("account", account), "new_account_project",
                    List.of(new EntityReference("new_project", project)));

            assertThatThrownBy(() -> customization.addAttribute("account", AttributeMetadata.of("rank",
                    AttributeType.INTEGER, Label.of("No prefix"))))
                    .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.METADATA_INVALID));
            assertThatThrownBy(() -> customization.addAttribute("account", AttributeMetadata.of("new_rank",
                    AttributeType.STRING, Label.of("Twice"))))
                    .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.METADATA_NAME_TAKEN));
            version = node1.getBean(MetadataService.class).snapshot().version();
        }

        try (ConfigurableApplicationContext restarted = AppInstances.start(db)) {
            OrganizationService org = restarted.getBean(OrganizationService.class);
            MetadataSnapshot snapshot = restarted.getBean(MetadataService.class).snapshot();
            assertThat(snapshot.version()).as("a restart publishes nothing new").isEqualTo(version);
            assertThat(snapshot.entity("account").displayName().get("es")).isEqualTo("Empresa");
            assertThat(snapshot.entity("account").attribute("name").displayName().get("en")).isEqualTo("Company Name");
            Entity read = org.retrieve("account", account, ColumnSet.of("name", "new_rank", "industrycode"));
            assertThat(read.attributes()).containsEntry("new_rank", 5).containsEntry("industrycode", 100_000_000);
            assertThat(read.formattedValues()).containsEntry("industrycode", "Space");
            assertThat(org.retrieve("new_project", project, ColumnSet.all()).getDecimal("new_budget"))
                    .isEqualByComparingTo("1000");
            assertThat(org.retrieveMultiple(QueryExpression.from("new_account_project").build()).entities())
                    .hasSize(1);
        }
    }

    /**
     * A start on a database an earlier build filled stores what the new build changed and adds what it lacks (one
     * batch), publishes that as a new version, and refuses to replace a custom definition of a built-in's name.
     */
    @Test
    void aStartAfterAnUpgradeStoresChangedAndNewBuiltInsAndKeepsCustomOnes() {
        Map<String, String> db = database();
        long version;
        String ratingcode;
        String subject;
        try (ConfigurableApplicationContext node = AppInstances.start(db)) {
            version = node.getBean(MetadataService.class).snapshot().version();
            JdbcTemplate jdbc = new JdbcTemplate(node.getBean(DataSource.class));
            ratingcode = body(jdbc, "optionset", "ratingcode");
            subject = body(jdbc, "entity", "subject");
            // what an older build stored: another body for one definition, none for another
            jdbc.update("update sys_metadata set body = ? where kind = 'optionset' and name = 'ratingcode'",
                    ratingcode + " ");
            jdbc.update("delete from sys_metadata where kind = 'entity' and name = 'subject'");
        }

        try (ConfigurableApplicationContext upgraded = AppInstances.start(db)) {
            JdbcTemplate jdbc = new JdbcTemplate(upgraded.getBean(DataSource.class));
            assertThat(body(jdbc, "optionset", "ratingcode")).isEqualTo(ratingcode);
            assertThat(body(jdbc, "entity", "subject")).isEqualTo(subject);
            MetadataSnapshot snapshot = upgraded.getBean(MetadataService.class).snapshot();
            assertThat(snapshot.version()).isEqualTo(version + 1);
            assertThat(snapshot.entity("subject").primaryIdAttribute()).isEqualTo("subjectid");
            jdbc.update("update sys_metadata set body = ?, source = 'custom' where kind = 'optionset' "
                    + "and name = 'ratingcode'", ratingcode + " ");
        }

        assertThatThrownBy(() -> AppInstances.start(db).close())
                .hasStackTraceContaining("Built-in optionset ratingcode clashes with a custom definition of the same "
                        + "name");
    }

    private static String body(JdbcTemplate jdbc, String kind, String name) {
        return jdbc.queryForObject("select body from sys_metadata where kind = ? and name = ?", String.class, kind,
                name);
    }
}
