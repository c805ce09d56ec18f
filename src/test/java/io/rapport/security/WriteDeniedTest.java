package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationRequest;
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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Writes without the privilege or out of its depth fail with a 403 code and change nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WriteDeniedTest {

    @OnH2
    static class H2 extends WriteDeniedTest {
    }

    @OnPostgres
    static class Postgres extends WriteDeniedTest {
    }

    @Autowired
    OrganizationService org;

    SecurityFixture f;
    UUID alice;
    UUID bob;
    UUID nobody;
    UUID bobs;

    @BeforeAll
    void organization() {
        f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Writes", f.rootUnit());
        alice = f.user("alice", unit, SecurityFixture.OWN_RECORDS);
        bob = f.user("bob", unit, SecurityFixture.OWN_RECORDS);
        nobody = f.user("nobody", unit);
        bobs = f.account(bob, "bobs");
    }

    @Test
    void updateDeleteAndAssignOfAPeersRecordAreDeniedAndChangeNothing() {
        Entity before = org.retrieve("account", bobs, ColumnSet.all());
        denied(ErrorCode.ACCESS_DENIED, () -> f.as(alice).update(new Entity("account", bobs).set("name", "mine")));
        denied(ErrorCode.ACCESS_DENIED, () -> f.as(alice).delete("account", bobs));
        denied(ErrorCode.ACCESS_DENIED, () -> f.as(alice).execute(new Messages.AssignRequest(
                new EntityReference("account", bobs), new EntityReference("systemuser", alice))));
        Entity after = org.retrieve("account", bobs, ColumnSet.all());
        assertThat(after.get("name")).isEqualTo(before.get("name"));
        assertThat(after.get("versionnumber")).isEqualTo(before.get("versionnumber"));
        assertThat(after.getReference("ownerid").id()).isEqualTo(bob);
    }

    @Test
    void createWithoutThePrivilegeIsDeniedAndCreatesNothing() {
        RapportException e = denied(ErrorCode.PRIVILEGE_DENIED, () -> f.as(nobody).create(
                new Entity("account").set("name", "never " + f.run)));
        assertThat(e.getMessage()).contains("is missing prvCreateAccount privilege").contains("OTC=1");
        assertThat(e.code().hex()).isEqualTo("0x80040220");
        assertThat(e.code().httpStatus()).isEqualTo(403);
        assertThat(count("never " + f.run)).isZero();
    }

    @Test
    void pointingALookupAtARecordWithoutAppendToIsDenied() {
        UUID mine = f.account(alice, "child");
        denied(ErrorCode.ACCESS_DENIED, () -> f.as(alice).update(new Entity("account", mine)
                .set("parentaccountid", new EntityReference("account", bobs))));
        assertThat(org.retrieve("account", mine, ColumnSet.of("parentaccountid")).get("parentaccountid")).isNull();
    }

    @Test
    void aDeniedRequestRollsBackTheWholeTransaction() {
        List<OrganizationRequest<?>> requests = List.of(
                new Messages.CreateRequest(new Entity("account").set("name", "rolled back " + f.run)),
                new Messages.UpdateRequest(new Entity("account", bobs).set("name", "stolen")));
        RapportException e = denied(ErrorCode.ACCESS_DENIED,
                () -> f.as(alice).execute(new Messages.ExecuteTransactionRequest(requests)));
        assertThat(e.code().httpStatus()).isEqualTo(403);
        assertThat(count("rolled back " + f.run)).isZero();
    }

    private long count(String name) {
        return org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.none())
                .where(Condition.eq("name", name)).build()).entities().size();
    }

    private static RapportException denied(ErrorCode code, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(RapportException.class);
        assertThat(((RapportException) t).code()).isEqualTo(code);
        return (RapportException) t;
    }

}
