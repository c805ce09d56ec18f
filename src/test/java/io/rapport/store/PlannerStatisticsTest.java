package io.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.OnPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A table filled in bulk has planner statistics at once, without autovacuum (off on the CI machine, and a minute away
 * at best elsewhere): once a CreateMultiple of 600 rows has committed, the table is analysed and the planner counts its
 * rows; a bulk write of fewer than 100 rows leaves another table alone; a rolled-back bulk write analyses nothing.
 */
@OnPostgres
class PlannerStatisticsTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    OrganizationService org;

    @Autowired
    DSLContext dsl;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aTableFilledInBulkIsAnalysedOnceTheWriteCommits() {
        String small = entity("small");
        String rolledBack = entity("undone");
        String big = entity("big");
        org.execute(new Messages.CreateMultipleRequest(records(small, 99)));
        // 600 rows written, then the transaction they were written in rolls back
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            org.execute(new Messages.CreateMultipleRequest(records(rolledBack, 600)));
            assertThat(count(rolledBack)).isEqualTo(600);
            tx.setRollbackOnly();
        });
        assertThat(count(rolledBack)).isZero();
        org.execute(new Messages.CreateMultipleRequest(records(big, 600)));

        // checked by the committing thread once the write committed: analysed before CreateMultiple returns
        Record bigStats = stats(big);
        assertThat(bigStats.get(1)).as("when %s was last analysed", big).isNotNull();
        assertThat(bigStats.get(0, Float.class)).as("rows the planner counts in %s", big).isEqualTo(600f);
        assertThat(dsl.fetchOne("explain select * from " + big).get(0, String.class)).contains("rows=600 ");
        assertThat(stats(small).get(1)).as("%s (99 rows in one write) analysed", small).isNull();
        assertThat(stats(small).get(0, Float.class)).isEqualTo(-1f);
        assertThat(stats(rolledBack).get(1)).as("%s (a rolled-back write) analysed", rolledBack).isNull();

        // 100 more rows within the minute: above autovacuum's threshold (50 + 10 % of 600), but the table has not
        // doubled since it was analysed: left as it is
        Object analysed = bigStats.get(1);
        org.execute(new Messages.CreateMultipleRequest(records(big, 100)));
        assertThat(stats(big).get(1)).as("last analysed").isEqualTo(analysed);
        assertThat(stats(big).get(0, Float.class)).isEqualTo(600f);
        // 700 more: more rows changed than the statistics counted, analysed again at once
        org.execute(new Messages.CreateMultipleRequest(records(big, 700)));
        assertThat(stats(big).get(0, Float.class)).as("rows the planner counts in %s", big).isEqualTo(1400f);
    }

    private String entity(String what) {
        String name = "new_stats" + what + run;
        org.execute(new CreateEntityRequest(new EntityMetadata(name, null, null, null, Label.of("Statistics " + what),
                null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null)));
        return name;
    }

    private static List<Entity> records(String entity, int n) {
        List<Entity> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new Entity(entity).set("new_name", "Row " + i));
        }
        return records;
    }

    private int count(String table) {
        return dsl.fetchCount(DSL.table(DSL.name(table)));
    }

    /** pg_class.reltuples (-1: never analysed) and pg_stat_user_tables.last_analyze of the table. */
    private Record stats(String table) {
        return dsl.fetchOne("select c.reltuples, s.last_analyze from pg_class c join pg_stat_user_tables s "
                + "on s.relid = c.oid where c.oid = to_regclass({0})", DSL.inline(table));
    }
}
