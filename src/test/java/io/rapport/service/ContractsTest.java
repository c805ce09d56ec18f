package io.rapport.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.RecurringJob;
import io.rapport.pipeline.ActionDefinition;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Contracts with allotments, worked by a Customer Service Representative (built-in role only): a line of three
 * cases serves three resolved cases and refuses a fourth, a time line goes down by the minutes spent, the contract
 * job activates invoiced contracts and expires ended ones, draft, expired and other customers' lines are refused
 * with every reason and nothing changed; cancel, clone and renew.
 */
abstract class ContractsTest {

    @OnH2
    static class H2 extends ContractsTest {
    }

    @OnPostgres
    static class Postgres extends ContractsTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    List<RecurringJob> jobs;

    OrganizationService csr;
    String run;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void representative() {
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Contracts desk", people.rootUnit());
        csr = people.as(people.user("csr", unit, "Customer Service Representative"));
    }

    private void contractJob() throws Exception {
        jobs.stream().filter(j -> j.name().equals("service-contract-states")).findFirst().orElseThrow()
                .run(new JobRun("test", 1));
    }

    private UUID template(int allotmentType) {
        return org.create(new Entity("contracttemplate").set("name", "Support " + allotmentType + " " + run)
                .set("abbreviation", "S" + allotmentType).set("allotmenttypecode", allotmentType)
                .set("contractservicelevelcode", 2));
    }

    private UUID account(String name) {
        return csr.create(new Entity("account").set("name", name + " " + run));
    }

    private UUID contract(UUID account, int allotmentType, LocalDate start, LocalDate end) {
        return csr.create(new Entity("contract").set("title", "Care " + run)
                .set("customerid", new EntityReference("account", account))
                .set("contracttemplateid", new EntityReference("contracttemplate", template(allotmentType)))
                .set("activeon", start).set("expireson", end));
    }

    private UUID line(UUID contract, int total) {
        return csr.create(new Entity("contractdetail").set("title", "Line " + total + " " + run)
                .set("contractid", new EntityReference("contract", contract)).set("totalallotments", total));
    }

    private void invoiceAndActivate(UUID contract) throws Exception {
        csr.execute(new SetStateRequest(new EntityReference("contract", contract), 1, 2));
        contractJob();
    }

    private UUID newCase(UUID account, UUID line) {
        return csr.create(new Entity("incident").set("title", "Case " + run)
                .set("customerid", new EntityReference("account", account))
                .set("contractdetailid", new EntityReference("contractdetail", line)));
    }

    private void resolve(UUID incident, int minutes) {
        csr.execute(new ActionRequest(ServiceMessages.CLOSE_INCIDENT, Map.of(ServiceMessages.INCIDENT_RESOLUTION,
                new Entity("incidentresolution").set("incidentid", new EntityReference("incident", incident))
                        .set("subject", "Done").set("timespent", minutes), ServiceMessages.STATUS, 5)));
    }

    private Entity lineOf(UUID line) {
        return csr.retrieve("contractdetail", line, ColumnSet.of("allotmentsused", "allotmentsremaining",
                "allotmentsoverage", "statecode", "totalallotments"));
    }

    private int casesOf(UUID account) {
        return csr.retrieveMultiple(QueryExpression.from("incident").columns(ColumnSet.none())
                .where(Condition.eq("customerid", account)).build()).entities().size();
    }

    private static ErrorCode code(Throwable e) {
        return ((RapportException) e).code();
    }

    @Test
    void aLineOfThreeCasesServesThreeResolvedCasesAndRefusesAFourth() throws Exception {
        UUID account = account("Fabrikam");
        UUID contract = contract(account, 1, today.minusDays(1), today.plusDays(30));
        Entity draft = csr.retrieve("contract", contract, ColumnSet.of("contractnumber", "statecode",
                "allotmenttypecode", "contractservicelevelcode"));
        assertThat(draft.getString("contractnumber")).matches("CNR-\\d{5}-[A-Z2-9]{6}");
        assertThat(draft.getInteger("statecode")).isZero();
        assertThat(draft.getInteger("allotmenttypecode")).isEqualTo(1);
        assertThat(draft.getInteger("contractservicelevelcode")).isEqualTo(2);
        assertThat(csr.retrieveMultiple(QueryExpression.from("contract").select("title")
                .where(Condition.eq("customerid", account)).build()).entities()).hasSize(1);
        assertThatThrownBy(() -> csr.execute(new SetStateRequest(new EntityReference("contract", contract), 1, 2)))
                .hasMessageContaining("at least one contract line");
        UUID line = line(contract, 3);
        assertThat(lineOf(line).getInteger("allotmentsremaining")).isEqualTo(3);
        invoiceAndActivate(contract);
        assertThat(csr.retrieve("contract", contract, ColumnSet.of("statecode")).getInteger("statecode"))
                .isEqualTo(2);

        for (int i = 1; i <= 3; i++) {
            UUID incident = newCase(account, line);
            assertThat(csr.retrieve("incident", incident, ColumnSet.of("contractid")).getReference("contractid")
                    .id()).isEqualTo(contract);
            resolve(incident, 10);
            assertThat(lineOf(line).getInteger("allotmentsremaining")).isEqualTo(3 - i);
        }
        Entity used = lineOf(line);
        assertThat(used.getInteger("allotmentsused")).isEqualTo(3);
        assertThat(used.getInteger("allotmentsoverage")).isZero();
        assertThatThrownBy(() -> newCase(account, line)).hasMessageContaining("has no cases left (3 of 3 used)")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BUSINESS_RULE));
        assertThat(casesOf(account)).isEqualTo(3);
        assertThatThrownBy(() -> csr.update(new Entity("contractdetail", line).set("allotmentsused", 0)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RECORD_READ_ONLY));
        assertThatThrownBy(() -> csr.update(new Entity("contract", contract).set("title", "Changed")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RECORD_READ_ONLY));
    }

    @Test
    void aTimeLineGoesDownByTheMinutesSpent() throws Exception {
        UUID account = account("Northwind");
        UUID contract = contract(account, 2, today, today.plusDays(90));
        UUID line = line(contract, 120);
        invoiceAndActivate(contract);

        resolve(newCase(account, line), 45);
        Entity after = lineOf(line);
        assertThat(after.getInteger("allotmentsused")).isEqualTo(45);
        assertThat(after.getInteger("allotmentsremaining")).isEqualTo(75);
        UUID second = newCase(account, line);
        resolve(second, 90);
        after = lineOf(line);
        assertThat(after.getInteger("allotmentsused")).isEqualTo(135);
        assertThat(after.getInteger("allotmentsremaining")).isZero();
        assertThat(after.getInteger("allotmentsoverage")).isEqualTo(15);
        assertThatThrownBy(() -> newCase(account, line)).hasMessageContaining("has no minutes left (135 of 120 used)");
    }

    @Test
    void theJobExpiresEndedContractsAndDraftExpiredOrOtherCustomersLinesAreRefused() throws Exception {
        UUID account = account("Adatum");
        UUID other = account("Litware");
        UUID ended = contract(account, 3, today.minusDays(30), today.minusDays(1));
        UUID endedLine = line(ended, 0);
        csr.execute(new SetStateRequest(new EntityReference("contract", ended), 1, 2));
        contractJob();
        assertThat(csr.retrieve("contract", ended, ColumnSet.of("statecode", "statuscode")).getInteger("statecode"))
                .isEqualTo(5);
        assertThat(lineOf(endedLine).getInteger("statecode")).isEqualTo(3);
        assertThatThrownBy(() -> newCase(account, endedLine)).hasMessageContaining("is Expired");

        UUID draft = contract(account, 1, today, today.plusDays(10));
        UUID draftLine = line(draft, 5);
        assertThatThrownBy(() -> newCase(other, draftLine))
                .hasMessageContaining("is Draft; a case can name only an active contract")
                .hasMessageContaining("belongs to another customer")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BUSINESS_RULE));
        assertThat(casesOf(account) + casesOf(other)).isZero();
        assertThat(lineOf(draftLine).getInteger("allotmentsremaining")).isEqualTo(5);
        assertThatThrownBy(() -> line(draft, 0)).hasMessageContaining("positive total of cases");
        assertThatThrownBy(() -> csr.execute(new SetStateRequest(new EntityReference("contract", ended), 2, 3)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION));
    }

    @Test
    void contractsAreCanceledClonedAndRenewed() throws Exception {
        UUID account = account("Tailspin");
        UUID contract = contract(account, 1, today.minusDays(1), today.plusDays(29));
        UUID line = line(contract, 4);
        invoiceAndActivate(contract);

        Entity renewed = (Entity) csr.execute(new ActionRequest(ServiceMessages.RENEW_CONTRACT,
                new EntityReference("contract", contract), Map.of(ServiceMessages.STATUS, 1,
                ServiceMessages.INCLUDE_CANCELED_LINES, false))).output(ActionDefinition.RETURNED_ENTITY);
        assertThat(renewed.getInteger("statecode")).isZero();
        assertThat(renewed.getReference("originatingcontract").id()).isEqualTo(contract);
        assertThat(renewed.get("activeon")).isEqualTo(today.plusDays(30));
        assertThat(renewed.get("expireson")).isEqualTo(today.plusDays(60));
        List<Entity> renewedLines = csr.retrieveMultiple(QueryExpression.from("contractdetail")
                .select("totalallotments", "allotmentsremaining", "activeon").where(Condition.eq("contractid",
                renewed.id())).build()).entities();
        assertThat(renewedLines).singleElement().satisfies(l -> {
            assertThat(l.getInteger("totalallotments")).isEqualTo(4);
            assertThat(l.getInteger("allotmentsremaining")).isEqualTo(4);
            assertThat(l.get("activeon")).isEqualTo(today.plusDays(30));
        });

        csr.execute(new ActionRequest(ServiceMessages.CANCEL_CONTRACT, new EntityReference("contract", contract),
                Map.of(ServiceMessages.CANCEL_DATE, today, ServiceMessages.STATUS, 5)));
        Entity canceled = csr.retrieve("contract", contract, ColumnSet.of("statecode", "statuscode", "cancelon"));
        assertThat(canceled.getInteger("statecode")).isEqualTo(4);
        assertThat(canceled.get("cancelon")).isEqualTo(today);
        assertThat(lineOf(line).getInteger("statecode")).isEqualTo(2);
        assertThatThrownBy(() -> csr.execute(new ActionRequest(ServiceMessages.CANCEL_CONTRACT,
                new EntityReference("contract", contract), Map.of(ServiceMessages.CANCEL_DATE, today,
                ServiceMessages.STATUS, 5)))).hasMessageContaining("is Canceled");

        Entity clone = (Entity) csr.execute(new ActionRequest(ServiceMessages.CLONE_CONTRACT,
                new EntityReference("contract", contract), Map.of(ServiceMessages.INCLUDE_CANCELED_LINES, true)))
                .output(ActionDefinition.RETURNED_ENTITY);
        assertThat(clone.getInteger("statecode")).isZero();
        assertThat(clone.get("activeon")).isEqualTo(today.minusDays(1));
        assertThat(clone.getString("contractnumber")).isNotEqualTo(renewed.getString("contractnumber"));
        assertThat(csr.retrieveMultiple(QueryExpression.from("contractdetail").columns(ColumnSet.none())
                .where(Condition.eq("contractid", clone.id())).build()).entities()).hasSize(1);
    }
}
