package io.rapport.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cases worked by a Customer Service Representative (the built-in role only): created from an account, numbered
 * and filled in from it, resolved with the time spent, reactivated and canceled; parent and child cases; and the
 * operations that must fail doing so clearly, changing nothing.
 */
abstract class CasesTest {

    @OnH2
    static class H2 extends CasesTest {
    }

    @OnPostgres
    static class Postgres extends CasesTest {
    }

    @Autowired
    OrganizationService org;

    OrganizationService csr;
    String run;

    @BeforeEach
    void representative() {
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Support", people.rootUnit());
        csr = people.as(people.user("csr", unit, "Customer Service Representative"));
    }

    private UUID account() {
        UUID contact = csr.create(new Entity("contact").set("lastname", "Parker " + run));
        return csr.create(new Entity("account").set("name", "Contoso " + run)
                .set("primarycontactid", new EntityReference("contact", contact)));
    }

    private UUID newCase(UUID account, String title) {
        return csr.create(new Entity("incident").set("title", title + " " + run)
                .set("customerid", new EntityReference("account", account)));
    }

    private void resolve(UUID incident, int minutes, int status) {
        csr.execute(new ActionRequest(ServiceMessages.CLOSE_INCIDENT, Map.of(ServiceMessages.INCIDENT_RESOLUTION,
                new Entity("incidentresolution").set("incidentid", new EntityReference("incident", incident))
                        .set("subject", "Reset the router").set("timespent", minutes),
                ServiceMessages.STATUS, status)));
    }

    private Entity read(UUID incident) {
        return csr.retrieve("incident", incident, ColumnSet.of("title", "ticketnumber", "statecode", "statuscode",
                "primarycontactid", "customerid", "subjectid"));
    }

    private List<Entity> resolutions(UUID incident) {
        return csr.retrieveMultiple(QueryExpression.from("incidentresolution").select("subject", "timespent",
                "statecode", "statuscode").where(Condition.eq("incidentid", incident)).build()).entities();
    }

    private static ErrorCode code(Throwable e) {
        return ((RapportException) e).code();
    }

    @Test
    void aCaseCreatedForAnAccountIsNumberedLinkedAndFilledInFromIt() {
        UUID account = account();
        UUID parentSubject = org.create(new Entity("subject").set("title", "Hardware " + run));
        UUID subject = org.create(new Entity("subject").set("title", "Routers " + run)
                .set("parentsubject", new EntityReference("subject", parentSubject)));
        UUID first = csr.create(new Entity("incident").set("title", "No internet " + run)
                .set("customerid", new EntityReference("account", account)).set("caseorigincode", 1)
                .set("subjectid", new EntityReference("subject", subject)));
        UUID second = newCase(account, "Slow line");

        Entity one = read(first);
        Entity two = read(second);
        assertThat(one.getString("ticketnumber")).matches("CAS-\\d{5}-[A-Z2-9]{6}");
        assertThat(two.getString("ticketnumber")).matches("CAS-\\d{5}-[A-Z2-9]{6}")
                .isNotEqualTo(one.getString("ticketnumber"));
        assertThat(one.getInteger("statecode")).isZero();
        assertThat(one.getInteger("statuscode")).isEqualTo(1);
        UUID primary = csr.retrieve("account", account, ColumnSet.of("primarycontactid"))
                .getReference("primarycontactid").id();
        assertThat(one.getReference("primarycontactid").id()).isEqualTo(primary);
        assertThat(one.getReference("subjectid").id()).isEqualTo(subject);
        assertThat(csr.retrieveMultiple(QueryExpression.from("incident").select("title")
                .where(Condition.eq("customerid", account)).build()).entities())
                .extracting(e -> e.getString("title")).containsExactlyInAnyOrder("No internet " + run,
                        "Slow line " + run);
    }

    @Test
    void aCaseIsResolvedWithTheTimeSpentReactivatedAndCanceled() {
        UUID incident = newCase(account(), "No internet");
        resolve(incident, 45, 5);

        Entity resolved = read(incident);
        assertThat(resolved.getInteger("statecode")).isEqualTo(1);
        assertThat(resolved.getInteger("statuscode")).isEqualTo(5);
        assertThat(resolutions(incident)).singleElement().satisfies(r -> {
            assertThat(r.getString("subject")).isEqualTo("Reset the router");
            assertThat(r.getInteger("timespent")).isEqualTo(45);
            assertThat(r.getInteger("statecode")).isEqualTo(1);
            assertThat(r.getInteger("statuscode")).isEqualTo(2);
        });
        assertThatThrownBy(() -> csr.update(new Entity("incident", incident).set("title", "Changed")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RECORD_READ_ONLY));
        assertThatThrownBy(() -> resolve(incident, 10, 5)).hasMessageContaining("already Resolved")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION));
        assertThat(resolutions(incident)).hasSize(1);

        csr.execute(new SetStateRequest(new EntityReference("incident", incident), 0, 1));
        assertThat(read(incident).getInteger("statecode")).isZero();
        assertThat(resolutions(incident)).singleElement()
                .satisfies(r -> assertThat(r.getInteger("statecode")).isEqualTo(2));
        assertThatThrownBy(() -> csr.execute(new SetStateRequest(new EntityReference("incident", incident), 1, 5)))
                .hasMessageContaining("CloseIncident")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION));
        assertThatThrownBy(() -> resolve(incident, 10, 6)).hasMessageContaining("6 is not a valid status reason")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(read(incident).getInteger("statecode")).isZero();
        assertThat(resolutions(incident)).hasSize(1);

        resolve(incident, 15, 1000);
        assertThat(read(incident).getInteger("statuscode")).isEqualTo(1000);
        csr.execute(new SetStateRequest(new EntityReference("incident", incident), 0, 1));
        csr.execute(new SetStateRequest(new EntityReference("incident", incident), 2, 6));
        Entity canceled = read(incident);
        assertThat(canceled.getInteger("statecode")).isEqualTo(2);
        assertThat(canceled.getInteger("statuscode")).isEqualTo(6);
    }

    @Test
    void childCasesAreOneLevelDeepAndTheParentResolvesAfterThem() {
        UUID account = account();
        UUID parent = newCase(account, "Outage");
        UUID child = csr.create(new Entity("incident").set("title", "Outage at home " + run)
                .set("customerid", new EntityReference("account", account))
                .set("parentcaseid", new EntityReference("incident", parent)));
        assertThatThrownBy(() -> csr.create(new Entity("incident").set("title", "Grandchild " + run)
                .set("customerid", new EntityReference("account", account))
                .set("parentcaseid", new EntityReference("incident", child))))
                .hasMessageContaining("is a child case and cannot be a parent case")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BUSINESS_RULE));
        assertThatThrownBy(() -> csr.update(new Entity("incident", parent)
                .set("parentcaseid", new EntityReference("incident", parent))))
                .hasMessageContaining("its own parent");

        assertThatThrownBy(() -> resolve(parent, 20, 5)).hasMessageContaining("active child cases")
                .hasMessageContaining("Outage at home " + run);
        assertThat(read(parent).getInteger("statecode")).isZero();
        assertThat(resolutions(parent)).isEmpty();

        resolve(child, 20, 5);
        resolve(parent, 30, 5);
        assertThat(read(parent).getInteger("statecode")).isEqualTo(1);
        assertThat(csr.retrieveMultiple(QueryExpression.from("incident").select("title")
                .where(Condition.eq("parentcaseid", parent)).build()).entities()).hasSize(1);
    }
}
