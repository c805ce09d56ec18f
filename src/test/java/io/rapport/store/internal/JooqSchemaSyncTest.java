package io.rapport.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.SchemaSync;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.StatementCounter;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Schema sync at start-up on an up-to-date database reads the catalog (columns, constraints, indexes) once each and
 * sends no DDL; an index that went missing is created again, and only it (issue 19, cold start).
 */
abstract class JooqSchemaSyncTest {

    @OnH2
    @Import(StatementCounter.class)
    static class H2 extends JooqSchemaSyncTest {
    }

    @OnPostgres
    @Import(StatementCounter.class)
    static class Postgres extends JooqSchemaSyncTest {

        @Test
        void theOwnersIndexAloneGivesWayToTheOwnerAndNameIndex() {
            assertThat(indexes("account")).contains("ixn_account_ownerid").doesNotContain("ix_account_ownerid");
            // as an earlier version made it
            dsl.execute("create index \"ix_account_ownerid\" on \"account\" (\"ownerid\")");
            MetadataSnapshot snapshot = metadata.snapshot();
            statements.take();
            sync.apply(snapshot, List.of("account"));
            List<String> sql = statements.take();
            assertThat(sql).hasSize(4);
            assertThat(sql.get(3)).startsWith("drop index if exists \"ix_account_ownerid\"");
            assertThat(indexes("account")).contains("ixn_account_ownerid").doesNotContain("ix_account_ownerid");
            // the owner's rows are still found by index
            assertThat(String.join("\n", dsl.fetch("explain select accountid from account where ownerid = "
                    + "'00000000-0000-0000-0000-000000000001'").getValues(0, String.class)))
                    .contains("ixn_account_ownerid");
        }

        private List<String> indexes(String table) {
            return dsl.fetch("select indexname from pg_indexes where schemaname = current_schema() and tablename = {0}",
                    table).getValues(0, String.class);
        }
    }

    @Autowired
    SchemaSync sync;

    @Autowired
    MetadataService metadata;

    @Autowired
    StatementCounter statements;

    @Autowired
    DSLContext dsl;

    @Test
    void anUpToDateSchemaCostsThreeCatalogReadsAndNoDdl() {
        MetadataSnapshot snapshot = metadata.snapshot();
        statements.take();
        sync.apply(snapshot, snapshot.entities().stream().map(EntityMetadata::logicalName).toList());
        List<String> sql = statements.take();
        assertThat(sql).hasSize(3).allSatisfy(s -> assertThat(s).startsWith("select "));
        assertThat(sql.get(2)).contains("indexes");
    }

    @Test
    void aMissingIndexIsCreatedAgainAndNothingElse() {
        MetadataSnapshot snapshot = metadata.snapshot();
        dsl.execute("drop index \"ix_account_modifiedon\"");
        statements.take();
        sync.apply(snapshot, List.of("account"));
        List<String> sql = statements.take();
        assertThat(sql).hasSize(4);
        assertThat(sql.subList(0, 3)).allSatisfy(s -> assertThat(s).startsWith("select "));
        assertThat(sql.get(3)).startsWith("create index if not exists \"ix_account_modifiedon\" on \"account\"");

        sync.apply(snapshot, List.of("account"));
        assertThat(statements.take()).as("the index is in the catalog again").hasSize(3);
    }
}
