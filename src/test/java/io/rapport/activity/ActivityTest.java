package io.rapport.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
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

/** Activity types share one pointer row kept in step with them; parties belong to the activity. */
abstract class ActivityTest {

    @OnH2
    static class H2 extends ActivityTest {
    }

    @OnPostgres
    static class Postgres extends ActivityTest {
    }

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Entity pointer(UUID id) {
        var found = org.retrieveMultiple(QueryExpression.from("activitypointer")
                .where(Condition.eq("activityid", id)).build()).entities();
        return found.isEmpty() ? null : found.get(0);
    }

    private static ErrorCode code(Throwable e) {
        return ((RapportException) e).code();
    }

    @Test
    void pointerFollowsItsActivityInEveryChange() {
        UUID account = org.create(new Entity("account").set("name", "Wipro " + run));
        UUID call = org.create(new Entity("phonecall").set("subject", "Call about laptops")
                .set("regardingobjectid", new EntityReference("account", account)).set("prioritycode", 2)
                .set("phonenumber", "+91 80 2852 0261"));
        Entity p = pointer(call);
        assertThat(p.getString("activitytypecode")).isEqualTo("phonecall");
        assertThat(p.getString("subject")).isEqualTo("Call about laptops");
        assertThat(p.getReference("regardingobjectid").id()).isEqualTo(account);
        assertThat(p.get("prioritycode")).isEqualTo(2);
        assertThat(p.get("statecode")).isEqualTo(0);

        org.update(new Entity("phonecall", call).set("subject", "Call about 100 laptops").set("actualdurationminutes", 15));
        org.execute(new SetStateRequest(new EntityReference("phonecall", call), 1, 4));
        p = pointer(call);
        assertThat(p.getString("subject")).isEqualTo("Call about 100 laptops");
        assertThat(p.get("actualdurationminutes")).isEqualTo(15);
        assertThat(p.get("statecode")).isEqualTo(1);
        assertThat(p.get("statuscode")).isEqualTo(2);

        UUID user = org.create(new Entity("systemuser").set("lastname", "Seller " + run).set("domainname", "seller" + run)
                .set("businessunitid", org.retrieve("account", account, ColumnSet.of("owningbusinessunit"))
                        .getReference("owningbusinessunit")));
        org.execute(new AssignRequest(new EntityReference("phonecall", call), new EntityReference("systemuser", user)));
        assertThat(pointer(call).getReference("ownerid").id()).isEqualTo(user);

        org.delete("phonecall", call);
        assertThat(pointer(call)).isNull();
    }

    @Test
    void pointersAreWrittenOnlyThroughTheirActivityAndDeletingOneDeletesBoth() {
        UUID task = org.create(new Entity("task").set("subject", "Send price list " + run));
        assertThat(pointer(task).get("statuscode")).isEqualTo(1);
        assertThatThrownBy(() -> org.create(new Entity("activitypointer").set("subject", "direct")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.MESSAGE_NOT_SUPPORTED));
        assertThatThrownBy(() -> org.update(new Entity("activitypointer", task).set("subject", "direct")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.MESSAGE_NOT_SUPPORTED));
        org.delete("activitypointer", task);
        assertThat(org.retrieveMultiple(QueryExpression.from("task").where(Condition.eq("activityid", task)).build())
                .entities()).isEmpty();
    }

    @Test
    void partiesBelongToTheActivityAndGoWithIt() {
        UUID account = org.create(new Entity("account").set("name", "Infosys " + run));
        UUID contact = org.create(new Entity("contact").set("lastname", "Murthy").set("emailaddress1", "nm@infosys.example")
                .set("parentcustomerid", new EntityReference("account", account)));
        UUID email = org.create(new Entity("email").set("subject", "Quote " + run)
                .set("regardingobjectid", new EntityReference("account", account)));
        org.create(new Entity("activityparty").set("activityid", new EntityReference("email", email))
                .set("partyid", new EntityReference("contact", contact)).set("participationtypemask", 2)
                .set("addressused", "nm@infosys.example"));
        assertThatThrownBy(() -> org.create(new Entity("activityparty").set("activityid", new EntityReference("email", email))
                .set("partyid", new EntityReference("contact", contact)).set("participationtypemask", 7)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("participation type 7");
        List<Entity> parties = partiesOf(email);
        assertThat(parties).hasSize(1);
        assertThat(parties.get(0).getReference("activityid").logicalName()).isEqualTo("activitypointer");
        assertThat(parties.get(0).getReference("partyid").name()).isEqualTo("Murthy");

        // deleting the account deletes its activities (type and pointer) and their parties
        org.delete("account", account);
        assertThat(pointer(email)).isNull();
        assertThat(org.retrieveMultiple(QueryExpression.from("email").where(Condition.eq("activityid", email)).build())
                .entities()).isEmpty();
        assertThat(partiesOf(email)).isEmpty();
    }

    private List<Entity> partiesOf(UUID activity) {
        return org.retrieveMultiple(QueryExpression.from("activityparty")
                .where(Condition.eq("activityid", activity)).build()).entities();
    }
}
