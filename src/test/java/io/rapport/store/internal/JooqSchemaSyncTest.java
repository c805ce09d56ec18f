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
