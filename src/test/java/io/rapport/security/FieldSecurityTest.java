package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The secured attribute account.creditlimit is readable and writable only through a field security profile:
 * without one its value is left out of results, cannot be filtered on and cannot be written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FieldSecurityTest {

    @OnH2
    static class H2 extends FieldSecurityTest {
    }

    @OnPostgres
    static class Postgres extends FieldSecurityTest {
    }

    @Autowired
    OrganizationService org;

    SecurityFixture f;
    UUID alice;
    UUID reader;
    UUID editor;
    UUID account;

    @BeforeAll
    void organization() {
        f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Fields", f.rootUnit());
        alice = f.user("alice", unit, "Sales Manager");
        reader = f.user("reader", unit, "Sales Manager");
        editor = f.user("editor", unit, "Sales Manager");
        profile("Credit readers", reader, 4, 0);
        profile("Credit editors", editor, 4, 4);
        account = org.create(new Entity("account").set("name", "Credit " + f.run)
                .set("creditlimit", new BigDecimal("5000")).set("ownerid", new EntityReference("systemuser", alice)));
    }

    private void profile(String name, UUID member, int read, int update) {
        UUID profile = org.create(new Entity("fieldsecurityprofile").set("name", name + " " + f.run));
        org.create(new Entity("fieldpermission")
                .set("fieldsecurityprofileid", new EntityReference("fieldsecurityprofile", profile))
                .set("entityname", "account").set("attributelogicalname", "creditlimit")
                .set("canread", read).set("cancreate", update).set("canupdate", update));
        org.associate(new EntityReference("fieldsecurityprofile", profile), "systemuserprofiles_association",
                List.of(new EntityReference("systemuser", member)));
    }

    @Test
    void withoutAProfileTheValueIsLeftOutOfRetrieveAndQueries() {
        Entity read = f.as(alice).retrieve("account", account, ColumnSet.all());
        assertThat(read.getString("name")).startsWith("Credit");
        assertThat(read.contains("creditlimit")).isFalse();
        Entity listed = f.as(alice).retrieveMultiple(QueryExpression.from("account").select("name", "creditlimit")
                .where(Condition.eq("accountid", account)).build()).entities().get(0);
        assertThat(listed.contains("creditlimit")).isFalse();
        assertThat(listed.formattedValues()).doesNotContainKey("creditlimit");
    }

    @Test
    void withoutAProfileFilteringOnTheValueIsDenied() {
        assertThatThrownBy(() -> f.as(alice).retrieveMultiple(QueryExpression.from("account").select("name")
                .where(Condition.of("creditlimit", ConditionOperator.GREATER_THAN, 1000)).build()))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    @Test
    void writingNeedsTheUpdatePermissionOfAProfile() {
        for (UUID user : List.of(alice, reader)) {
            assertThatThrownBy(() -> f.as(user).update(new Entity("account", account)
                    .set("creditlimit", new BigDecimal("1")))).isInstanceOf(RapportException.class)
                    .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED))
                    .hasMessageContaining("secured field");
            assertThatThrownBy(() -> f.as(user).create(new Entity("account").set("name", "new " + f.run)
                    .set("creditlimit", new BigDecimal("1")))).isInstanceOf(RapportException.class);
        }
        assertThat(org.retrieve("account", account, ColumnSet.of("creditlimit")).getDecimal("creditlimit"))
                .isEqualByComparingTo("5000");
        f.as(editor).update(new Entity("account", account).set("creditlimit", new BigDecimal("7000")));
        assertThat(org.retrieve("account", account, ColumnSet.of("creditlimit")).getDecimal("creditlimit"))
                .isEqualByComparingTo("7000");
        f.as(editor).update(new Entity("account", account).set("creditlimit", new BigDecimal("5000")));
    }

    @Test
    void aReadProfileShowsTheValue() {
        assertThat(f.as(reader).retrieve("account", account, ColumnSet.of("creditlimit")).getDecimal("creditlimit"))
                .isEqualByComparingTo("5000");
        assertThat(f.as(reader).retrieveMultiple(QueryExpression.from("account").select("name")
                .where(io.rapport.query.Filter.and(Condition.of("creditlimit", ConditionOperator.GREATER_THAN, 1000),
                        Condition.eq("accountid", account))).build()).entities()).hasSize(1);
    }
}
