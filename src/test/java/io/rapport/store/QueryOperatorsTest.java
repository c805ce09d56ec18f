package io.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Aggregate;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.GroupBy;
import io.rapport.query.LinkFilter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every family of condition operators is translated to SQL and returns the right rows. */
abstract class QueryOperatorsTest {

    @OnH2
    static class H2 extends QueryOperatorsTest {
    }

    @OnPostgres
    static class Postgres extends QueryOperatorsTest {
    }

    @Autowired
    OrganizationService org;

    private String run;
    private UUID root;
    private UUID child;
    private UUID grandChild;
    private UUID other;

    @BeforeEach
    void data() {
        run = UUID.randomUUID().toString().substring(0, 8);
        root = org.create(new Entity("account").set("name", run + " Root").set("revenue", new BigDecimal("100"))
                .set("numberofemployees", 10).set("industrycode", 18));
        child = org.create(new Entity("account").set("name", run + " Child").set("revenue", new BigDecimal("200"))
                .set("numberofemployees", 20).set("industrycode", 18)
                .set("parentaccountid", new EntityReference("account", root)));
        grandChild = org.create(new Entity("account").set("name", run + " Grandchild 50%")
                .set("numberofemployees", 30).set("industrycode", 7)
                .set("parentaccountid", new EntityReference("account", child)));
        other = org.create(new Entity("account").set("name", run + " other").set("revenue", new BigDecimal("400")));
        org.create(new Entity("contact").set("lastname", run).set("jobtitle", "CEO")
                .set("parentcustomerid", new EntityReference("account", root)));
        org.create(new Entity("contact").set("lastname", run).set("jobtitle", "Buyer")
                .set("parentcustomerid", new EntityReference("account", root)));
        org.create(new Entity("contact").set("lastname", run).set("jobtitle", "CEO")
                .set("parentcustomerid", new EntityReference("account", child)));
    }

    private List<UUID> ids(Filter filter) {
        return org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.of("name"))
                .where(Condition.of("name", ConditionOperator.BEGINS_WITH, run)).where(filter)
                .orderBy(Order.asc("numberofemployees")).build()).entities().stream().map(Entity::id).toList();
    }

    @Test
    void comparisonsAreCaseInsensitiveForText() {
        assertThat(ids(Condition.eq("name", (run + " OTHER").toUpperCase()))).containsExactly(other);
        assertThat(ids(Condition.of("name", ConditionOperator.NOT_EQUAL, run + " other"))).hasSize(3);
        assertThat(ids(Condition.of("name", ConditionOperator.IN, run + " root", run + " CHILD")))
                .containsExactlyInAnyOrder(root, child);
    }

    @Test
    void likeFamilyEscapesWildcardsInValues() {
        assertThat(ids(Condition.of("name", ConditionOperator.CONTAINS, "50%"))).containsExactly(grandChild);
        assertThat(ids(Condition.of("name", ConditionOperator.ENDS_WITH, "child"))).containsExactly(child);
        assertThat(ids(Condition.of("name", ConditionOperator.LIKE, run + " %child%"))).containsExactly(child, grandChild);
        assertThat(ids(Condition.of("name", ConditionOperator.NOT_LIKE, "%child%"))).containsExactlyInAnyOrder(root, other);
    }

    @Test
    void numbersNullsAndRanges() {
        assertThat(ids(Condition.of("numberofemployees", ConditionOperator.GREATER_THAN, 10))).containsExactly(child, grandChild);
        assertThat(ids(Condition.of("numberofemployees", ConditionOperator.BETWEEN, 10, 20))).containsExactly(root, child);
        assertThat(ids(Condition.of("revenue", ConditionOperator.NULL))).containsExactly(grandChild);
        assertThat(ids(Condition.of("revenue", ConditionOperator.NOT_NULL))).hasSize(3);
        assertThat(ids(Condition.of("industrycode", ConditionOperator.IN, 7, 18))).containsExactly(root, child, grandChild);
        assertThat(ids(Condition.of("revenue", ConditionOperator.LESS_EQUAL, "200"))).containsExactly(root, child);
    }

    @Test
    void hierarchyUnderAndAbove() {
        assertThat(ids(Condition.of("accountid", ConditionOperator.UNDER, root))).containsExactly(child, grandChild);
        assertThat(ids(Condition.of("accountid", ConditionOperator.UNDER_OR_EQUAL, child))).containsExactly(child, grandChild);
        assertThat(ids(Condition.of("accountid", ConditionOperator.ABOVE, grandChild))).containsExactly(root, child);
        assertThat(ids(Condition.of("accountid", ConditionOperator.NOT_UNDER, root))).containsExactlyInAnyOrder(root, other);
        assertThatThrownBy(() -> ids(Condition.of("name", ConditionOperator.UNDER, root)))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.QUERY_INVALID));
    }

    @Test
    void relativeDates() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(ids(Condition.of("createdon", ConditionOperator.TODAY))).hasSize(4);
        assertThat(ids(Condition.of("createdon", ConditionOperator.LAST_X_DAYS, 3))).hasSize(4);
        assertThat(ids(Condition.of("createdon", ConditionOperator.YESTERDAY))).isEmpty();
        assertThat(ids(Condition.of("createdon", ConditionOperator.ON, today.toString()))).hasSize(4);
        assertThat(ids(Condition.of("createdon", ConditionOperator.ON_OR_BEFORE, today.minusDays(1)))).isEmpty();
        assertThat(ids(Condition.of("createdon", ConditionOperator.THIS_YEAR))).hasSize(4);
        assertThat(ids(Condition.of("createdon", ConditionOperator.OLDER_THAN_X_DAYS, 1))).isEmpty();
    }

    @Test
    void currentUserOperators() {
        assertThat(ids(Condition.of("ownerid", ConditionOperator.EQUAL_USER_ID))).hasSize(4);
        assertThat(ids(Condition.of("ownerid", ConditionOperator.NOT_EQUAL_USER_ID))).isEmpty();
        assertThat(ids(Condition.of("owningbusinessunit", ConditionOperator.EQUAL_BUSINESS_ID))).hasSize(4);
    }

    @Test
    void anyAndAllOverRelatedRecords() {
        LinkFilter anyCeo = new LinkFilter(LinkFilter.Kind.ANY, "contact", "parentcustomerid", "accountid",
                Condition.eq("jobtitle", "CEO"));
        LinkFilter allCeo = new LinkFilter(LinkFilter.Kind.ALL, "contact", "parentcustomerid", "accountid",
                Condition.eq("jobtitle", "CEO"));
        LinkFilter none = new LinkFilter(LinkFilter.Kind.NOT_ANY, "contact", "parentcustomerid", "accountid", null);
        assertThat(ids(anyCeo)).containsExactly(root, child);
        // "all" holds for accounts without contacts too, as OData's all does
        assertThat(ids(allCeo)).containsExactlyInAnyOrder(child, grandChild, other);
        assertThat(ids(none)).containsExactlyInAnyOrder(grandChild, other);
        assertThat(ids(Filter.not(anyCeo))).containsExactlyInAnyOrder(grandChild, other);
    }

    @Test
    void aggregatesGroupAndCount() {
        QueryExpression q = QueryExpression.from("account")
                .where(Condition.of("name", ConditionOperator.BEGINS_WITH, run))
                .where(Condition.of("industrycode", ConditionOperator.NOT_NULL))
                .groupBy(new GroupBy(null, "industrycode", "industry", null))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "numberofemployees", "employees", false))
                .aggregate(new Aggregate(Aggregate.Function.MAX, null, "revenue", "maxrevenue", false))
                .orderBy(Order.asc("industry")).build();
        List<Entity> rows = org.retrieveMultiple(q).entities();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).attributes()).containsEntry("industry", 7).containsEntry("n", 1);
        assertThat(rows.get(1).attributes()).containsEntry("industry", 18).containsEntry("n", 2);
        assertThat(new BigDecimal(rows.get(1).get("employees").toString())).isEqualByComparingTo("30");
        assertThat(new BigDecimal(rows.get(1).get("maxrevenue").toString())).isEqualByComparingTo("200");
    }

    @Test
    void totalCountAndPagingAreComputedInSql() {
        var result = org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.of("name"))
                .where(Condition.of("name", ConditionOperator.BEGINS_WITH, run)).orderBy(Order.asc("name"))
                .paging(io.rapport.query.PagingInfo.page(2, 3).withTotalCount()).build());
        assertThat(result.totalRecordCount()).isEqualTo(4);
        // text sorts case-insensitively: Child, Grandchild 50%, other, Root
        assertThat(result.entities()).extracting(Entity::id).containsExactly(root);
        assertThat(result.moreRecords()).isFalse();
    }

    @Test
    void badQueriesFailWithClearErrors() {
        assertThatThrownBy(() -> ids(Condition.eq("nosuchattribute", 1)))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.ATTRIBUTE_NOT_FOUND));
        assertThatThrownBy(() -> ids(Condition.eq("numberofemployees", "ten")))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.QUERY_INVALID));
        assertThatThrownBy(() -> ids(Condition.of("numberofemployees", ConditionOperator.CONTAINS, "1")))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.QUERY_INVALID));
        assertThatThrownBy(() -> ids(Condition.of("createdon", ConditionOperator.LAST_X_DAYS, "x")))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.QUERY_INVALID));
    }
}
