package io.rapport.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.service.ServiceMessages;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SLA timing on the database, through the timer job's pass: a resolve-by KPI of 8 business hours
 * (09:00-17:00 UTC, Monday to Friday, the following Monday a holiday) on a case from Friday 15:00 fails on Tuesday at
 * 15:00 and creates a task for the owner; an hour On Hold moves that to 16:00. And on a case worked now by a Customer
 * Service Representative: the KPI starts with the case, pauses On Hold, resumes, and succeeds when resolved.
 */
abstract class SlaTimersTest {

    @OnH2
    static class H2 extends SlaTimersTest {
    }

    @OnPostgres
    static class Postgres extends SlaTimersTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    SlaTimers timers;

    @Autowired
    SlaCalendars calendars;

    @Autowired
    CallerProvider callers;

    OrganizationService csr;
    OrganizationService system;
    String run;
    UUID calendar;
    UUID sla;

    @BeforeEach
    void slaOfEightBusinessHours() {
        Principals people = new Principals(org);
        run = people.run();
        csr = people.as(people.user("csr", people.businessUnit("SLA desk", people.rootUnit()),
                "Customer Service Representative"));
        system = org.as(callers.system());
        calendar = org.create(new Entity("calendar").set("name", "Office hours " + run));
        org.create(new Entity("calendarrule").set("calendarid", new EntityReference("calendar", calendar))
                .set("name", "Weekdays").set("pattern", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR").set("offset", 540)
                .set("duration", 480));
        org.create(new Entity("calendarrule").set("calendarid", new EntityReference("calendar", calendar))
                .set("name", "Holiday").set("starttime", LocalDate.of(2026, 12, 7)));
        sla = org.create(new Entity("sla").set("name", "Standard " + run)
                .set("businesshoursid", new EntityReference("calendar", calendar)));
        org.create(new Entity("slaitem").set("name", "Resolve by").set("slaid", new EntityReference("sla", sla))
                .set("relatedfield", 2).set("failureafter", 480).set("warnafter", 420).set("failureaction", 2));
        org.execute(new SetStateRequest(new EntityReference("sla", sla), 1, 2));
    }

    private static Instant at(int day, int hour) {
        return LocalDateTime.of(2026, 12, day, hour, 0).atZone(ZoneOffset.UTC).toInstant();
    }

    private UUID caseWithoutSla(String title) {
        UUID account = csr.create(new Entity("account").set("name", "SLA customer " + run));
        return csr.create(new Entity("incident").set("title", title + " " + run)
                .set("customerid", new EntityReference("account", account)));
    }

    private Entity kpi(UUID incident) {
        List<Entity> found = org.retrieveMultiple(QueryExpression.from("slakpiinstance").select("status",
                "failuretime", "warningtime", "elapsedpausedminutes", "applicablefromvalue", "succeededon")
                .where(Condition.eq("regarding", incident)).build()).entities();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private List<Entity> tasks(UUID incident) {
        return org.retrieveMultiple(QueryExpression.from("task").select("subject", "ownerid")
                .where(Condition.eq("regardingobjectid", incident)).build()).entities();
    }

    @Test
    void eightBusinessHoursFromFridayFailOnTuesdayAtThreeAndAnHourOnHoldMovesItToFour() {
        UUID first = caseWithoutSla("Down on Friday");
        org.update(new Entity("incident", first).set("slaid", new EntityReference("sla", sla)));
        timers.start(system, first, at(4, 15));
        assertThat(kpi(first).getInstant("failuretime")).isEqualTo(at(8, 15));
        assertThat(kpi(first).getInstant("warningtime")).isEqualTo(at(8, 14));

        UUID second = caseWithoutSla("Down on Friday, on hold");
        org.update(new Entity("incident", second).set("slaid", new EntityReference("sla", sla)));
        timers.start(system, second, at(4, 15));
        timers.pause(system, second, at(4, 15).plus(Duration.ofMinutes(30)));
        assertThat(kpi(second).getInteger("status")).isEqualTo(SlaTimers.PAUSED);
        timers.resume(system, second, at(4, 16).plus(Duration.ofMinutes(30)));
        Entity resumed = kpi(second);
        assertThat(resumed.getInteger("elapsedpausedminutes")).isEqualTo(60);
        assertThat(resumed.getInstant("failuretime")).isEqualTo(at(8, 16));
        assertThat(org.retrieve("incident", second, ColumnSet.of("resolveby")).getInstant("resolveby"))
                .isEqualTo(at(8, 16));

        timers.pass(system, at(8, 15).minusSeconds(1));
        assertThat(kpi(first).getInteger("status")).isEqualTo(SlaTimers.NEARING);
        assertThat(kpi(second).getInteger("status")).isEqualTo(SlaTimers.IN_PROGRESS);
        timers.pass(system, at(8, 15));
        assertThat(kpi(first).getInteger("status")).isEqualTo(SlaTimers.NONCOMPLIANT);
        assertThat(kpi(second).getInteger("status")).isEqualTo(SlaTimers.NEARING);
        assertThat(tasks(first)).singleElement().satisfies(t ->
                assertThat(t.getString("subject")).startsWith("SLA failed: Resolve by"));
        assertThat(tasks(second)).isEmpty();
        timers.pass(system, at(8, 16).minusSeconds(1));
        assertThat(kpi(second).getInteger("status")).isEqualTo(SlaTimers.NEARING);
        timers.pass(system, at(8, 16));
        assertThat(kpi(second).getInteger("status")).isEqualTo(SlaTimers.NONCOMPLIANT);
        assertThat(tasks(second)).hasSize(1);
    }

    @Test
    void aCaseWorkedNowStartsPausesResumesAndSucceeds() {
        UUID account = csr.create(new Entity("account").set("name", "Live " + run));
        UUID incident = csr.create(new Entity("incident").set("title", "Live " + run)
                .set("customerid", new EntityReference("account", account))
                .set("slaid", new EntityReference("sla", sla)));
        Entity started = kpi(incident);
        BusinessHours hours = calendars.of(system, new EntityReference("calendar", calendar));
        assertThat(started.getInteger("status")).isEqualTo(SlaTimers.IN_PROGRESS);
        assertThat(started.getInstant("failuretime"))
                .isEqualTo(hours.plus(started.getInstant("applicablefromvalue"), Duration.ofMinutes(480)));

        csr.update(new Entity("incident", incident).set("statuscode", 2));
        assertThat(kpi(incident).getInteger("status")).isEqualTo(SlaTimers.PAUSED);
        csr.update(new Entity("incident", incident).set("statuscode", 1));
        Entity resumed = kpi(incident);
        assertThat(resumed.getInteger("status")).isEqualTo(SlaTimers.IN_PROGRESS);
        assertThat(resumed.getInstant("failuretime")).isEqualTo(hours.plus(started.getInstant("applicablefromvalue"),
                Duration.ofMinutes(480 + resumed.getInteger("elapsedpausedminutes"))));

        csr.execute(new ActionRequest(ServiceMessages.CLOSE_INCIDENT, Map.of(ServiceMessages.INCIDENT_RESOLUTION,
                new Entity("incidentresolution").set("incidentid", new EntityReference("incident", incident))
                        .set("subject", "Done"), ServiceMessages.STATUS, 5)));
        Entity done = kpi(incident);
        assertThat(done.getInteger("status")).isEqualTo(SlaTimers.SUCCEEDED);
        assertThat(done.getInstant("succeededon")).isNotNull();
    }

    @Test
    void aMadridCalendarCountsNineToFiveInMadridAcrossBothSummerTimeChanges() {
        UUID madrid = org.create(new Entity("calendar").set("name", "Madrid office " + run));
        org.create(new Entity("calendarrule").set("calendarid", new EntityReference("calendar", madrid))
                .set("name", "Weekdays").set("pattern", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR").set("offset", 540)
                .set("duration", 480).set("timezonecode", 105));
        BusinessHours hours = calendars.of(system, new EntityReference("calendar", madrid));
        // Friday 23 October 2026, 15:00 in Madrid is 13:00 UTC (summer time, which ends on Sunday the 25th): two
        // hours that day, six on Monday from 09:00 winter time (08:00 UTC), failing at 15:00 in Madrid, 14:00 UTC
        Instant friday = Instant.parse("2026-10-23T13:00:00Z");
        assertThat(hours.plus(friday, Duration.ofHours(8))).isEqualTo(Instant.parse("2026-10-26T14:00:00Z"));
        assertThat(hours.between(friday, Instant.parse("2026-10-26T09:00:00Z"))).isEqualTo(Duration.ofHours(3));
        assertThat(hours.plus(friday, Duration.ofHours(2))).isEqualTo(Instant.parse("2026-10-23T15:00:00Z"));
        // Friday 27 March 2026, 15:00 in Madrid is 14:00 UTC; summer time starts on the 29th: Monday opens at 07:00 UTC
        assertThat(hours.plus(Instant.parse("2026-03-27T14:00:00Z"), Duration.ofHours(8)))
                .isEqualTo(Instant.parse("2026-03-30T13:00:00Z"));

        UUID sla = org.create(new Entity("sla").set("name", "Madrid " + run)
                .set("businesshoursid", new EntityReference("calendar", madrid)));
        org.create(new Entity("slaitem").set("name", "Resolve by").set("slaid", new EntityReference("sla", sla))
                .set("relatedfield", 2).set("failureafter", 480));
        org.execute(new SetStateRequest(new EntityReference("sla", sla), 1, 2));
        UUID incident = caseWithoutSla("Madrid on Friday");
        org.update(new Entity("incident", incident).set("slaid", new EntityReference("sla", sla)));
        timers.start(system, incident, friday);
        assertThat(kpi(incident).getInstant("failuretime")).isEqualTo(Instant.parse("2026-10-26T14:00:00Z"));

        assertThatThrownBy(() -> org.create(new Entity("calendarrule").set("calendarid",
                new EntityReference("calendar", madrid)).set("pattern", "FREQ=WEEKLY;BYDAY=MO").set("timezonecode", 999)))
                .isInstanceOfSatisfying(RapportException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("999").contains("105 (Romance Standard Time)");
                });
    }

    @Test
    void anItemAppliesOnlyToTheCasesItsConditionSelectsIncludingTheCustomersCategory() {
        UUID sla = org.create(new Entity("sla").set("name", "Conditional " + run));
        org.create(new Entity("slaitem").set("name", "Phone response").set("slaid", new EntityReference("sla", sla))
                .set("relatedfield", 1).set("failureafter", 60).set("applicablewhenxml", "<fetch><entity "
                        + "name=\"incident\"><filter><condition attribute=\"caseorigincode\" operator=\"eq\" "
                        + "value=\"1\"/></filter></entity></fetch>"));
        org.create(new Entity("slaitem").set("name", "Preferred resolve").set("slaid", new EntityReference("sla", sla))
                .set("relatedfield", 2).set("failureafter", 480).set("applicablewhenxml", "<fetch><entity "
                        + "name=\"incident\"><link-entity name=\"account\" from=\"accountid\" to=\"customerid\">"
                        + "<filter><condition attribute=\"accountcategorycode\" operator=\"eq\" value=\"1\"/>"
                        + "</filter></link-entity></entity></fetch>"));
        org.execute(new SetStateRequest(new EntityReference("sla", sla), 1, 2));
        UUID standard = csr.create(new Entity("account").set("name", "Standard " + run).set("accountcategorycode", 2));
        UUID preferred = csr.create(new Entity("account").set("name", "Preferred " + run)
                .set("accountcategorycode", 1));

        assertThat(kpiNames(caseFor(standard, 1, sla))).containsExactly("Phone response");
        assertThat(kpiNames(caseFor(preferred, 2, sla))).containsExactly("Preferred resolve");
        assertThat(kpiNames(caseFor(preferred, 1, sla))).containsExactly("Phone response", "Preferred resolve");
        assertThat(kpiNames(caseFor(standard, 3, sla))).isEmpty();

        assertThatThrownBy(() -> org.create(new Entity("slaitem").set("name", "Wrong entity")
                .set("slaid", new EntityReference("sla", sla)).set("relatedfield", 2).set("failureafter", 60)
                .set("applicablewhenxml", "<fetch><entity name=\"account\"/></fetch>")))
                .isInstanceOfSatisfying(RapportException.class, e ->
                        assertThat(e.getMessage()).contains("must select incident records"));
        assertThatThrownBy(() -> org.create(new Entity("slaitem").set("name", "Unknown field")
                .set("slaid", new EntityReference("sla", sla)).set("relatedfield", 2).set("failureafter", 60)
                .set("applicablewhenxml", "<fetch><entity name=\"incident\"><filter><condition "
                        + "attribute=\"nosuchfield\" operator=\"eq\" value=\"1\"/></filter></entity></fetch>")))
                .isInstanceOfSatisfying(RapportException.class, e ->
                        assertThat(e.code().httpStatus()).isEqualTo(400));
    }

    private UUID caseFor(UUID account, int origin, UUID sla) {
        return csr.create(new Entity("incident").set("title", "Conditional " + origin + " " + run)
                .set("customerid", new EntityReference("account", account)).set("caseorigincode", origin)
                .set("slaid", new EntityReference("sla", sla)));
    }

    private List<String> kpiNames(UUID incident) {
        return org.retrieveMultiple(QueryExpression.from("slakpiinstance").select("name")
                .where(Condition.eq("regarding", incident)).orderBy(io.rapport.query.Order.asc("name")).build())
                .entities().stream().map(e -> e.getString("name")).toList();
    }
}
