package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Common attacks at the pipeline and query level are harmless: SQL in condition values is compared as text, SQL
 * in attribute, entity, alias and order names is rejected as an unknown name, and an always-true condition
 * cannot widen what row security lets a user see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InjectionTest {

    @OnH2
    static class H2 extends InjectionTest {
    }

    @OnPostgres
    static class Postgres extends InjectionTest {
    }

    private static final List<String> PAYLOADS = List.of("x' OR '1'='1", "'; DROP TABLE account; --",
            "x\"; DELETE FROM contact; --", "' UNION SELECT passwordhash FROM sys_credential --", "%", "_",
            "\\' OR 1=1 --", "<script>alert(1)</script>");

    @Autowired
    OrganizationService org;

    SecurityFixture f;
    UUID alice;
    UUID bob;

    @BeforeAll
    void organization() {
        f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Injection", f.rootUnit());
        alice = f.user("alice", unit, SecurityFixture.OWN_RECORDS);
        bob = f.user("bob", unit, SecurityFixture.OWN_RECORDS);
        f.account(alice, "alice");
        f.account(bob, "bob");
    }

    @Test
    void sqlInConditionValuesIsComparedAsText() {
        for (String payload : PAYLOADS) {
            for (ConditionOperator op : List.of(ConditionOperator.EQUAL, ConditionOperator.LIKE,
                    ConditionOperator.CONTAINS, ConditionOperator.BEGINS_WITH, ConditionOperator.NOT_EQUAL)) {
                List<Entity> rows = f.as(alice).retrieveMultiple(QueryExpression.from("account").select("name")
                        .where(Condition.of("name", op, payload)).build()).entities();
                if (op != ConditionOperator.NOT_EQUAL && !(op == ConditionOperator.LIKE && payload.length() == 1)) {
                    assertThat(rows).as("%s %s", op, payload).isEmpty();
                }
                assertThat(rows).as("row security holds for %s %s", op, payload)
                        .allSatisfy(e -> assertThat(e.getString("name")).doesNotStartWith("bob"));
            }
        }
        assertThat(org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.none()).top(1).build())
                .entities()).isNotEmpty();
        assertThat(org.retrieveMultiple(QueryExpression.from("contact").columns(ColumnSet.none()).top(1).build()))
                .isNotNull();
    }

    @Test
    void sqlStoredAsAValueComesBackUnchanged() {
        for (String payload : PAYLOADS) {
            UUID id = f.as(alice).create(new Entity("account").set("name", payload));
            assertThat(f.as(alice).retrieve("account", id, ColumnSet.of("name")).getString("name")).isEqualTo(payload);
            f.as(alice).delete("account", id);
        }
    }

    @Test
    void sqlInNamesIsRejectedAsAnUnknownName() {
        rejected(ErrorCode.ATTRIBUTE_NOT_FOUND, () -> f.as(alice).retrieveMultiple(QueryExpression.from("account")
                .where(Condition.eq("name = name OR 1=1 --", "x")).build()));
        rejected(ErrorCode.ATTRIBUTE_NOT_FOUND, () -> f.as(alice).retrieveMultiple(QueryExpression.from("account")
                .select("name\", (select passwordhash from sys_credential) \"x").build()));
        rejected(ErrorCode.ENTITY_NOT_FOUND, () -> f.as(alice).retrieveMultiple(QueryExpression
                .from("account; drop table account").build()));
        rejected(ErrorCode.ATTRIBUTE_NOT_FOUND, () -> f.as(alice).retrieveMultiple(QueryExpression.from("account")
                .orderBy(new Order(null, "name desc; --", false)).build()));
        rejected(ErrorCode.QUERY_INVALID, () -> f.as(alice).retrieveMultiple(QueryExpression.from("account")
                .where(new Condition("r\" OR 1=1 --", "name", ConditionOperator.EQUAL, List.of("x"))).build()));
        rejected(ErrorCode.ENTITY_NOT_FOUND, () -> f.as(alice).retrieveMultiple(QueryExpression.from("account")
                .link(new LinkEntity("sys_credential", "systemuserid", "ownerid", "c", JoinType.INNER,
                        ColumnSet.all(), null, null)).build()));
    }

    @Test
    void anAlwaysTrueConditionDoesNotWidenRowSecurity() {
        Filter alwaysTrue = Filter.or(Condition.of("name", ConditionOperator.NOT_NULL),
                Condition.of("name", ConditionOperator.NULL));
        assertThat(f.as(alice).retrieveMultiple(QueryExpression.from("account").select("name").where(alwaysTrue)
                .build()).entities()).extracting(e -> e.getString("name")).noneMatch(n -> n.startsWith("bob"));
    }

    private static void rejected(ErrorCode code, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(RapportException.class);
        assertThat(((RapportException) t).code()).isEqualTo(code);
    }
}
