package io.rapport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages.ExecuteTransactionRequest;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bad input is rejected with a clear, typed error and leaves no row behind. */
abstract class ValidationTest {

    @OnH2
    static class H2 extends ValidationTest {
    }

    @OnPostgres
    static class Postgres extends ValidationTest {
    }

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void missingRequiredFieldIsRejected() {
        RapportException e = rejected(() -> org.create(new Entity("contact").set("firstname", "No last name " + run)));
        assertThat(e.code()).isEqualTo(ErrorCode.REQUIRED_ATTRIBUTE_MISSING);
        assertThat(e.attribute()).isEqualTo("lastname");
        assertThat(e.getMessage()).contains("Last Name");
        assertThat(count("contact", "firstname", "No last name " + run)).isZero();
    }

    @Test
    void clearingARequiredFieldIsRejected() {
        UUID id = org.create(new Entity("lead").set("subject", "Topic " + run).set("lastname", "Kept"));
        RapportException e = rejected(() -> org.update(new Entity("lead", id).set("subject", null)));
        assertThat(e.code()).isEqualTo(ErrorCode.REQUIRED_ATTRIBUTE_MISSING);
        assertThat(org.retrieve("lead", id, ColumnSet.of("subject")).getString("subject")).isEqualTo("Topic " + run);
    }

    @Test
    void wrongTypeIsRejected() {
        RapportException e = rejected(() -> org.create(new Entity("account").set("name", "Typed " + run)
                .set("numberofemployees", "many")));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TYPE);
        assertThat(e.attribute()).isEqualTo("numberofemployees");
        assertThat(count("account", "name", "Typed " + run)).isZero();
    }

    @Test
    void unknownAttributeIsRejected() {
        RapportException e = rejected(() -> org.create(new Entity("account").set("name", "Unknown " + run)
                .set("colour", "blue")));
        assertThat(e.code()).isEqualTo(ErrorCode.ATTRIBUTE_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("'account' entity doesn't contain attribute with Name = 'colour'");
        assertThat(count("account", "name", "Unknown " + run)).isZero();
    }

    @Test
    void tooLongStringIsRejected() {
        String name = "x".repeat(300);
        RapportException e = rejected(() -> org.create(new Entity("lead").set("subject", "Long " + run)
                .set("lastname", "Ok").set("companyname", name)));
        assertThat(e.code()).isEqualTo(ErrorCode.STRING_TOO_LONG);
        assertThat(e.getMessage()).contains("'companyname'").contains("'100'");
        assertThat(count("lead", "subject", "Long " + run)).isZero();
    }

    @Test
    void lookupToAMissingRecordIsRejected() {
        UUID missing = UUID.randomUUID();
        RapportException e = rejected(() -> org.create(new Entity("contact").set("lastname", "Orphan " + run)
                .set("parentcustomerid", new EntityReference("account", missing))));
        assertThat(e.code()).isEqualTo(ErrorCode.LOOKUP_TARGET_MISSING);
        assertThat(e.getMessage()).contains(missing.toString());
        assertThat(count("contact", "lastname", "Orphan " + run)).isZero();
    }

    @Test
    void lookupToAnEntityOfTheWrongTypeIsRejected() {
        UUID lead = org.create(new Entity("lead").set("subject", "Wrong type " + run).set("lastname", "L"));
        RapportException e = rejected(() -> org.create(new Entity("contact").set("lastname", "Wrong " + run)
                .set("parentcustomerid", new EntityReference("lead", lead))));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_LOOKUP_TYPE);
        assertThat(count("contact", "lastname", "Wrong " + run)).isZero();
    }

    @Test
    void invalidOptionValueIsRejected() {
        RapportException e = rejected(() -> org.create(new Entity("lead").set("subject", "Option " + run)
                .set("lastname", "O").set("leadsourcecode", 999)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION_VALUE);
        assertThat(e.attribute()).isEqualTo("leadsourcecode");
        assertThat(count("lead", "subject", "Option " + run)).isZero();
    }

    @Test
    void outOfRangeNumberAndBadEmailAreRejected() {
        assertThat(rejected(() -> org.create(new Entity("opportunity").set("name", "Range " + run)
                .set("closeprobability", 150))).code()).isEqualTo(ErrorCode.VALUE_OUT_OF_RANGE);
        assertThat(rejected(() -> org.create(new Entity("contact").set("lastname", "Mail " + run)
                .set("emailaddress1", "not-an-email"))).attribute()).isEqualTo("emailaddress1");
        assertThat(count("opportunity", "name", "Range " + run)).isZero();
        assertThat(count("contact", "lastname", "Mail " + run)).isZero();
    }

    @Test
    void aFailureInATransactionRollsBackEveryEarlierWrite() {
        RapportException e = rejected(() -> org.execute(new ExecuteTransactionRequest(List.of(
                new Messages.CreateRequest(new Entity("account").set("name", "Tx " + run)),
                new Messages.CreateRequest(new Entity("contact").set("firstname", "Tx " + run))))));
        assertThat(e.details()).containsEntry("faultedRequestIndex", 1);
        assertThat(count("account", "name", "Tx " + run)).isZero();
    }

    @Test
    void aFailingPluginStepRollsBackTheWholeOperation() {
        UUID account = org.create(new Entity("account").set("name", "Atomic " + run));
        UUID contact = org.create(new Entity("contact").set("lastname", "Atomic " + run)
                .set("parentcustomerid", new EntityReference("account", account)));
        // deleting the contact's parent cascades; a note with a missing regarding would fail the whole delete
        RapportException e = rejected(() -> org.inTransaction(() -> {
            org.delete("account", account);
            return org.create(new Entity("annotation").set("objectid", new EntityReference("account", account)));
        }));
        assertThat(e.code()).isEqualTo(ErrorCode.LOOKUP_TARGET_MISSING);
        assertThat(count("account", "name", "Atomic " + run)).isEqualTo(1);
        assertThat(count("contact", "lastname", "Atomic " + run)).isEqualTo(1);
        assertThat(contact).isNotNull();
    }

    private RapportException rejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable action) {
        RapportException e = catchThrowableOfType(RapportException.class, action);
        assertThat(e).as("expected a RapportException").isNotNull();
        return e;
    }

    private int count(String entity, String attribute, String value) {
        return org.retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.none())
                .where(Condition.of(attribute, ConditionOperator.EQUAL, value)).build()).size();
    }
}
