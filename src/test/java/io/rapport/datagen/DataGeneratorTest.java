package io.rapport.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Aggregate;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.GroupBy;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The generator writes a consistent, queryable organisation, and the same seed gives the same data. */
abstract class DataGeneratorTest {

    static class H2 extends DataGeneratorTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.h2();
        }
    }

    static class Postgres extends DataGeneratorTest {
        @Override
        Map<String, String> database() {
            return TestDatabases.postgres();
        }
    }

    abstract Map<String, String> database();

    private static final DataGenProperties SMALL = new DataGenProperties(false, 300, 3.0, 1.0, 1.5, 2.0, 1.0, 3, 6,
            7L, 100, false);

    @Test
    void generatesAConsistentRepeatableOrganisation() {
        List<String> first;
        try (ConfigurableApplicationContext app = AppInstances.start(database())) {
            Map<String, Long> counts = app.getBean(DataGenerator.class).generate(SMALL);
            assertThat(counts.get("account")).isEqualTo(300);
            assertThat(counts.get("contact")).isBetween(800L, 1000L);
            assertThat(counts.get("opportunity")).isBetween(380L, 520L);
            // every activity is written as its type and as the activity pointer the timeline reads
            long typed = counts.getOrDefault("phonecall", 0L) + counts.getOrDefault("task", 0L)
                    + counts.getOrDefault("email", 0L) + counts.getOrDefault("appointment", 0L);
            assertThat(counts.get("activitypointer")).isBetween(500L, 700L).isEqualTo(typed);
            OrganizationService org = app.getBean(OrganizationService.class);
            // the pointers come from the activity module's rule: each carries its activity's state and owner
            long completed = 0;
            for (String type : List.of("phonecall", "task", "email", "appointment")) {
                completed += count(org, QueryExpression.from(type).where(Condition.eq("statecode", 1)));
            }
            assertThat(completed).isPositive().isEqualTo(count(org, QueryExpression.from("activitypointer")
                    .where(Condition.eq("statecode", 1))));
            Entity pointer = org.retrieveMultiple(QueryExpression.from("activitypointer")
                    .select("activitytypecode", "ownerid", "owningbusinessunit", "statuscode", "createdby")
                    .where(Condition.eq("statecode", 1)).top(1).build()).entities().get(0);
            Entity activity = org.retrieve(pointer.getString("activitytypecode"), pointer.id(),
                    ColumnSet.of("ownerid", "owningbusinessunit", "createdby"));
            assertThat(pointer.getReference("ownerid").id()).isEqualTo(activity.getReference("ownerid").id());
            assertThat(pointer.getReference("owningbusinessunit").id())
                    .isEqualTo(activity.getReference("owningbusinessunit").id());
            assertThat(pointer.getReference("createdby").id()).isEqualTo(activity.getReference("createdby").id());
            assertThat(pointer.getInteger("statuscode")).isEqualTo(2);
            first = accountNames(org);
            // every record reads back through the pipeline, with lookups resolved to existing records
            List<Entity> children = org.retrieveMultiple(QueryExpression.from("account")
                    .select("name", "parentaccountid", "ownerid", "owningbusinessunit")
                    .where(Condition.of("parentaccountid", ConditionOperator.NOT_NULL)).top(20).build()).entities();
            assertThat(children).isNotEmpty().allSatisfy(e -> {
                assertThat(e.getReference("parentaccountid").name()).isNotBlank();
                assertThat(e.getReference("ownerid").name()).isNotBlank();
            });
            List<Entity> byState = org.retrieveMultiple(QueryExpression.from("opportunity")
                    .groupBy(new GroupBy(null, "statecode", "state", null))
                    .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false))
                    .orderBy(Order.asc("state")).build()).entities();
            assertThat(byState).extracting(e -> e.get("state")).containsExactly(0, 1, 2);
        }
        try (ConfigurableApplicationContext again = AppInstances.start(database())) {
            again.getBean(DataGenerator.class).generate(SMALL);
            assertThat(accountNames(again.getBean(OrganizationService.class))).isEqualTo(first);
        }
    }

    private static long count(OrganizationService org, QueryExpression.Builder query) {
        Object n = org.retrieveMultiple(query.aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false))
                .build()).entities().get(0).get("n");
        return ((Number) n).longValue();
    }

    private static List<String> accountNames(OrganizationService org) {
        return org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.of("name", "accountnumber"))
                .where(Condition.of("accountnumber", ConditionOperator.NOT_NULL))
                .orderBy(Order.asc("accountnumber")).top(50).build()).entities().stream()
                .map(e -> e.getString("accountnumber") + " " + e.getString("name")).toList();
    }
}
