package io.rapport.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Entitlements as a Customer Service Representative (built-in role only) works with them: the customer's default
 * entitlement with channel terms is applied to a new case and goes down on creation (the phone channel too); an
 * entitlement in hours goes down by the time spent on resolution; a restricting entitlement with nothing left refuses.
 */
abstract class EntitlementsTest {

    @OnH2
    static class H2 extends EntitlementsTest {
    }

    @OnPostgres
    static class Postgres extends EntitlementsTest {
    }

    @Autowired
    OrganizationService org;

    OrganizationService csr;
    String run;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void representative() {
        Principals people = new Principals(org);
        run = people.run();
        csr = people.as(people.user("csr", people.businessUnit("Entitlement desk", people.rootUnit()),
                "Customer Service Representative"));
    }

    private UUID entitlement(UUID account, int allocation, int decreaseOn, String total, boolean restrict) {
        return csr.create(new Entity("entitlement").set("name", "Support " + run)
                .set("customerid", new EntityReference("account", account)).set("isdefault", true)
                .set("allocationtypecode", allocation).set("decreaseremainingon", decreaseOn)
                .set("totalterms", new BigDecimal(total)).set("restrictcasecreation", restrict)
                .set("startdate", today.minusDays(1)).set("enddate", today.plusDays(60)));
    }

    private UUID newCase(UUID account, int origin) {
        return csr.create(new Entity("incident").set("title", "Case " + run).set("caseorigincode", origin)
                .set("customerid", new EntityReference("account", account)));
    }

    private BigDecimal remaining(String entity, UUID id) {
        return csr.retrieve(entity, id, ColumnSet.of("remainingterms")).getDecimal("remainingterms");
    }

    @Test
    void theDefaultEntitlementWithChannelTermsIsAppliedAndGoesDownOnCreation() {
        UUID account = csr.create(new Entity("account").set("name", "Fourth Coffee " + run));
        UUID entitlement = entitlement(account, 0, 1, "10", false);
        UUID phone = org.create(new Entity("entitlementchannel").set("name", "Phone").set("channel", 1)
                .set("entitlementid", new EntityReference("entitlement", entitlement))
                .set("totalterms", new BigDecimal("2")));
        UUID email = org.create(new Entity("entitlementchannel").set("name", "Email").set("channel", 2)
                .set("entitlementid", new EntityReference("entitlement", entitlement))
                .set("totalterms", new BigDecimal("5")));
        assertThat(remaining("entitlement", entitlement)).isEqualByComparingTo("10");

        UUID incident = newCase(account, 1);
        assertThat(csr.retrieve("incident", incident, ColumnSet.of("entitlementid")).getReference("entitlementid")
                .id()).isEqualTo(entitlement);
        assertThat(remaining("entitlement", entitlement)).isEqualByComparingTo("9");
        assertThat(remaining("entitlementchannel", phone)).isEqualByComparingTo("1");
        assertThat(remaining("entitlementchannel", email)).isEqualByComparingTo("5");
        newCase(account, 2);
        assertThat(remaining("entitlement", entitlement)).isEqualByComparingTo("8");
        assertThat(remaining("entitlementchannel", email)).isEqualByComparingTo("4");
    }

    @Test
    void anEntitlementInHoursGoesDownByTheTimeSpentOnResolution() {
        UUID account = csr.create(new Entity("account").set("name", "Alpine Ski " + run));
        UUID entitlement = entitlement(account, 1, 0, "10", false);
        UUID incident = newCase(account, 3);
        assertThat(remaining("entitlement", entitlement)).isEqualByComparingTo("10");
        csr.execute(new ActionRequest(ServiceMessages.CLOSE_INCIDENT, Map.of(ServiceMessages.INCIDENT_RESOLUTION,
                new Entity("incidentresolution").set("incidentid", new EntityReference("incident", incident))
                        .set("subject", "Waxed").set("timespent", 90), ServiceMessages.STATUS, 5)));
        assertThat(remaining("entitlement", entitlement)).isEqualByComparingTo("8.5");
    }

    @Test
    void aRestrictingEntitlementWithNothingLeftRefusesACase() {
        UUID account = csr.create(new Entity("account").set("name", "Wingtip " + run));
        entitlement(account, 0, 1, "1", true);
        newCase(account, 1);
        assertThatThrownBy(() -> newCase(account, 1)).hasMessageContaining("has no terms left");
    }

    /**
     * Where the node keeps which customers have a default entitlement (PostgreSQL), an entitlement made or unmade the
     * customer's default is seen by the next case.
     */
    @Test
    void aDefaultEntitlementAddedOrRemovedIsSeenByTheNextCase() {
        UUID account = csr.create(new Entity("account").set("name", "Lamna " + run));
        assertThat(entitlementOf(newCase(account, 1))).as("no entitlement yet").isNull();
        UUID entitlement = entitlement(account, 0, 0, "10", false);
        assertThat(entitlementOf(newCase(account, 1))).as("a new default entitlement").isEqualTo(entitlement);
        org.update(new Entity("entitlement", entitlement).set("isdefault", false));
        assertThat(entitlementOf(newCase(account, 1))).as("no longer the default").isNull();
        org.update(new Entity("entitlement", entitlement).set("isdefault", true));
        assertThat(entitlementOf(newCase(account, 1))).as("the default again").isEqualTo(entitlement);
    }

    private UUID entitlementOf(UUID incident) {
        EntityReference ref = csr.retrieve("incident", incident, ColumnSet.of("entitlementid"))
                .getReference("entitlementid");
        return ref == null ? null : ref.id();
    }
}
