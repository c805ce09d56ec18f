package io.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Connections between any two records, with seeded reciprocal roles and the reciprocal kept by the platform. */
abstract class ConnectionTest {

    @OnH2
    static class H2 extends ConnectionTest {
    }

    @OnPostgres
    static class Postgres extends ConnectionTest {
    }

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private EntityReference role(String name) {
        return new EntityReference("connectionrole", org.retrieveMultiple(QueryExpression.from("connectionrole")
                .where(Condition.eq("name", name)).build()).entities().get(0).id());
    }

    private List<Entity> connectionsFrom(UUID record) {
        return org.retrieveMultiple(QueryExpression.from("connection").where(Condition.eq("record1id", record)).build())
                .entities();
    }

    @Test
    void reciprocalConnectionIsCreatedChangedAndRemovedWithTheConnection() {
        UUID supplier = org.create(new Entity("account").set("name", "Dell " + run));
        UUID customer = org.create(new Entity("account").set("name", "Wipro " + run));
        UUID master = org.create(new Entity("connection").set("record1id", new EntityReference("account", supplier))
                .set("record1roleid", role("Supplier")).set("record2id", new EntityReference("account", customer)));

        Entity m = org.retrieve("connection", master, ColumnSet.all());
        assertThat(m.getReference("record2roleid")).isEqualTo(role("Customer"));
        assertThat(m.getString("name")).isEqualTo("Wipro " + run);
        assertThat(m.get("ismaster")).isEqualTo(true);
        List<Entity> back = connectionsFrom(customer);
        assertThat(back).hasSize(1);
        Entity r = back.get(0);
        assertThat(r.getReference("record2id").id()).isEqualTo(supplier);
        assertThat(r.getReference("record1roleid")).isEqualTo(role("Customer"));
        assertThat(r.getReference("record2roleid")).isEqualTo(role("Supplier"));
        assertThat(r.get("ismaster")).isEqualTo(false);
        assertThat(r.getReference("relatedconnectionid").id()).isEqualTo(master);
        assertThat(m.getReference("relatedconnectionid").id()).isEqualTo(r.id());

        org.update(new Entity("connection", master).set("description", "Preferred supplier"));
        assertThat(org.retrieve("connection", r.id(), ColumnSet.of("description")).getString("description"))
                .isEqualTo("Preferred supplier");
        assertThatThrownBy(() -> org.update(new Entity("connection", master).set("record2roleid", role("Colleague"))))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.BUSINESS_RULE));
        assertThatThrownBy(() -> org.update(new Entity("connection", master).set("relatedconnectionid",
                new EntityReference("connection", master)))).hasMessageContaining("reciprocal");

        org.delete("connection", master);
        assertThat(connectionsFrom(customer)).isEmpty();
        assertThat(connectionsFrom(supplier)).isEmpty();
    }

    @Test
    void anyTwoRecordsConnectAndDeletingOneRemovesBothSides() {
        UUID contact = org.create(new Entity("contact").set("lastname", "Parker " + run));
        UUID lead = org.create(new Entity("lead").set("subject", "Tablets " + run).set("lastname", "Wayne"));
        org.create(new Entity("connection").set("record1id", new EntityReference("contact", contact))
                .set("record1roleid", role("Former Employee")).set("record2id", new EntityReference("lead", lead))
                .set("record2roleid", role("Employer")));
        assertThat(connectionsFrom(lead)).hasSize(1);
        assertThatThrownBy(() -> org.create(new Entity("connection").set("record1id", new EntityReference("lead", lead))
                .set("record2id", new EntityReference("lead", lead)))).hasMessageContaining("itself");

        org.delete("contact", contact);
        assertThat(connectionsFrom(lead)).isEmpty();
        assertThat(connectionsFrom(contact)).isEmpty();
    }
}
