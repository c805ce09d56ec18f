package io.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages.SetStateRequest;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Account hierarchy without loops, the primary contact rules, and rollups that follow every change. */
abstract class AccountRulesTest {

    @OnH2
    static class H2 extends AccountRulesTest {
    }

    @OnPostgres
    static class Postgres extends AccountRulesTest {
    }

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private UUID account(String name, UUID parent) {
        Entity a = new Entity("account").set("name", name + " " + run);
        if (parent != null) {
            a.set("parentaccountid", new EntityReference("account", parent));
        }
        return org.create(a);
    }

    private UUID contact(String last, UUID account) {
        Entity c = new Entity("contact").set("lastname", last);
        if (account != null) {
            c.set("parentcustomerid", new EntityReference("account", account));
        }
        return org.create(c);
    }

    @Test
    void hierarchyRejectsLoopsAndChangesNothing() {
        UUID top = account("Top", null);
        UUID middle = account("Middle", top);
        UUID bottom = account("Bottom", middle);

        assertThatThrownBy(() -> org.update(new Entity("account", top).set("parentaccountid",
                new EntityReference("account", bottom))))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.BUSINESS_RULE))
                .hasMessageContaining("loop");
        assertThatThrownBy(() -> org.update(new Entity("account", middle).set("parentaccountid",
                new EntityReference("account", middle)))).hasMessageContaining("loop");
        assertThat(org.retrieve("account", top, ColumnSet.of("parentaccountid")).get("parentaccountid")).isNull();

        var under = org.retrieveMultiple(QueryExpression.from("account").select("name")
                .where(Condition.of("accountid", ConditionOperator.UNDER, top)).build()).entities();
        assertThat(under).extracting(Entity::id).containsExactlyInAnyOrder(middle, bottom);
        org.update(new Entity("account", bottom).set("parentaccountid", new EntityReference("account", top)));
        org.update(new Entity("account", bottom).set("parentaccountid", null));
    }

    @Test
    void primaryContactIsOneOfItsOwnOrStandAloneAndPrimaryOfOneAccountOnly() {
        UUID wipro = account("Wipro", null);
        UUID infosys = account("Infosys", null);
        UUID peter = contact("Parker", wipro);
        UUID loner = contact("Loner", null);
        UUID other = contact("Other", infosys);

        org.update(new Entity("account", wipro).set("primarycontactid", new EntityReference("contact", peter)));
        assertThatThrownBy(() -> org.update(new Entity("account", infosys).set("primarycontactid",
                new EntityReference("contact", peter))))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.BUSINESS_RULE))
                .hasMessageContaining("belongs to");
        assertThatThrownBy(() -> org.update(new Entity("account", infosys).set("primarycontactid",
                new EntityReference("account", wipro))))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.INVALID_LOOKUP_TYPE));
        assertThat(org.retrieve("account", infosys, ColumnSet.of("primarycontactid")).get("primarycontactid")).isNull();

        org.update(new Entity("account", infosys).set("primarycontactid", new EntityReference("contact", loner)));
        assertThatThrownBy(() -> org.update(new Entity("account", wipro).set("primarycontactid",
                new EntityReference("contact", loner))))
                .hasMessageContaining("already the primary contact");
        assertThat(org.retrieve("account", wipro, ColumnSet.of("primarycontactid")).getReference("primarycontactid")
                .id()).isEqualTo(peter);

        // a contact that moves to another company stops being the primary contact of the one it left
        org.update(new Entity("contact", peter).set("parentcustomerid", new EntityReference("account", infosys)));
        assertThat(org.retrieve("account", wipro, ColumnSet.of("primarycontactid")).get("primarycontactid")).isNull();
        assertThat(other).isNotNull();
    }

    @Test
    void rollupsFollowEveryChange() {
        UUID wipro = account("Wipro", null);
        UUID tcs = account("TCS", null);
        UUID peter = contact("Parker", wipro);
        contact("Jones", wipro);
        assertRollups(wipro, 2, 0, "0", "0");

        UUID big = org.create(new Entity("opportunity").set("name", "100 laptops")
                .set("customerid", new EntityReference("account", wipro)).set("estimatedvalue", new BigDecimal("50000")));
        UUID small = org.create(new Entity("opportunity").set("name", "Mice")
                .set("customerid", new EntityReference("contact", peter)).set("estimatedvalue", new BigDecimal("800")));
        assertThat(org.retrieve("opportunity", small, ColumnSet.of("parentaccountid")).getReference("parentaccountid")
                .id()).isEqualTo(wipro);
        assertRollups(wipro, 2, 2, "50800", "0");

        org.update(new Entity("opportunity", small).set("estimatedvalue", new BigDecimal("1000")));
        assertRollups(wipro, 2, 2, "51000", "0");
        org.update(new Entity("opportunity", big).set("actualvalue", new BigDecimal("48000")));
        org.execute(new SetStateRequest(new EntityReference("opportunity", big), 1, 3));
        assertRollups(wipro, 2, 1, "1000", "48000");

        org.update(new Entity("contact", peter).set("parentcustomerid", new EntityReference("account", tcs)));
        assertRollups(wipro, 1, 1, "1000", "48000");
        assertRollups(tcs, 1, 0, "0", "0");
        org.update(new Entity("opportunity", small).set("customerid", new EntityReference("account", tcs)));
        assertRollups(wipro, 1, 0, "0", "48000");
        assertRollups(tcs, 1, 1, "1000", "0");
        org.delete("opportunity", small);
        org.delete("contact", peter);
        assertRollups(tcs, 0, 0, "0", "0");

        // clients cannot write rollups
        org.update(new Entity("account", tcs).set("wonrevenue", new BigDecimal("999")).set("numberofcontacts", 7));
        assertRollups(tcs, 0, 0, "0", "0");
    }

    private void assertRollups(UUID account, int contacts, int openDeals, String openRevenue, String wonRevenue) {
        Entity a = org.retrieve("account", account, ColumnSet.of("numberofcontacts", "opendeals", "openrevenue",
                "wonrevenue"));
        assertThat(a.get("numberofcontacts")).as("contacts").isEqualTo(contacts);
        assertThat(a.get("opendeals")).as("open deals").isEqualTo(openDeals);
        assertThat(a.getDecimal("openrevenue")).as("open revenue").isEqualByComparingTo(openRevenue);
        assertThat(a.getDecimal("wonrevenue")).as("won revenue").isEqualByComparingTo(wonRevenue);
    }
}
