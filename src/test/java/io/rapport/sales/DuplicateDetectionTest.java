package io.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Duplicate detection rules as data, applied on request, by RetrieveDuplicates and before qualifying a lead. */
abstract class DuplicateDetectionTest {

    @OnH2
    static class H2 extends DuplicateDetectionTest {
    }

    @OnPostgres
    static class Postgres extends DuplicateDetectionTest {
    }

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static final Map<String, Object> DETECT = Map.of(Messages.SUPPRESS_DUPLICATE_DETECTION, false);

    private static RapportException duplicate(Throwable e) {
        assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.DUPLICATE_RECORD);
        return (RapportException) e;
    }

    @Test
    void builtInRulesFindDuplicatesOnRequestIgnoringCaseAndBlanks() {
        UUID peter = org.create(new Entity("contact").set("lastname", "Parker").set("emailaddress1", "peter." + run + "@wipro.example"));
        org.create(new Entity("contact").set("lastname", "Nobody"));

        Entity same = new Entity("contact").set("lastname", "Parker").set("emailaddress1", "PETER." + run + "@Wipro.example");
        assertThatThrownBy(() -> org.execute(new CreateRequest(same, DETECT)))
                .satisfies(e -> assertThat(duplicate(e).details().get(SalesMessages.DUPLICATES_DETAIL).toString())
                        .contains(peter.toString()))
                .hasMessageContaining("Contacts with the same e-mail address");
        UUID twin = org.create(same);
        assertThatThrownBy(() -> org.execute(new UpdateRequest(new Entity("contact", twin).set("lastname", "Twin"), null,
                DETECT))).satisfies(DuplicateDetectionTest::duplicate);
        // blank values never match, and a record is not its own duplicate
        UUID blank = org.execute(new CreateRequest(new Entity("contact").set("lastname", "Blank"), DETECT)).id();
        org.execute(new UpdateRequest(new Entity("contact", peter).set("jobtitle", "Buyer"), null,
                Map.of(Messages.SUPPRESS_DUPLICATE_DETECTION, true)));

        EntityCollection found = retrieveDuplicates(new Entity("contact").set("emailaddress1", "Peter." + run
                + "@wipro.example"), "contact");
        assertThat(found.entities()).extracting(Entity::id).containsExactlyInAnyOrder(peter, twin);
        assertThat(found.entities()).allSatisfy(e -> assertThat(e.getString("fullname")).isEqualTo("Parker"));
        assertThat(retrieveDuplicates(new Entity("contact", blank), "contact").entities()).isEmpty();
    }

    @Test
    void rulesAreDataWithFirstCharactersAndInactiveRulesIgnored() {
        UUID rule = org.create(new Entity("duplicaterule").set("name", "Accounts with the same start " + run)
                .set("baseentityname", "account").set("matchingentityname", "account"));
        org.create(new Entity("duplicaterulecondition").set("regardingobjectid", new EntityReference("duplicaterule", rule))
                .set("baseattributename", "accountnumber").set("matchingattributename", "accountnumber")
                .set("operatorcode", 1).set("operatorparam", 6));
        try {
            UUID existing = org.create(new Entity("account").set("name", "Tata " + run).set("accountnumber", run + "-01"));
            Entity candidate = new Entity("account").set("name", "Other " + run).set("accountnumber", run.substring(0, 6)
                    + "zz-99");
            assertThat(retrieveDuplicates(candidate, "account").entities()).extracting(Entity::id).containsExactly(existing);
            org.execute(new Messages.SetStateRequest(new EntityReference("duplicaterule", rule), 1, -1));
            assertThat(retrieveDuplicates(candidate, "account").entities()).isEmpty();
        } finally {
            org.delete("duplicaterule", rule);
        }
    }

    @Test
    void qualifyingReportsDuplicatesFirstUnlessSuppressed() {
        String company = "Wipro Dup " + run;
        UUID existing = org.create(new Entity("account").set("name", company));
        UUID lead = org.create(new Entity("lead").set("subject", "Laptops " + run).set("lastname", "Parker")
                .set("companyname", company.toUpperCase()));

        assertThatThrownBy(() -> qualify(lead, false))
                .satisfies(e -> assertThat(duplicate(e).details().get(SalesMessages.DUPLICATES_DETAIL).toString())
                        .contains(existing.toString()));
        assertThat(org.retrieve("lead", lead, ColumnSet.of("statecode")).get("statecode")).isEqualTo(0);
        assertThat(org.retrieveMultiple(QueryExpression.from("contact").columns(ColumnSet.none())
                .where(Condition.eq("originatingleadid", lead)).build()).entities()).isEmpty();

        List<Entity> created = qualify(lead, true);
        assertThat(created).hasSize(3);
    }

    @Test
    void attributeMapsAreEditableData() {
        assertThatThrownBy(() -> org.create(new Entity("attributemap").set("sourceentityname", "lead")
                .set("targetentityname", "contact").set("sourceattributename", "revenue")
                .set("targetattributename", "lastname")))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        UUID map = org.create(new Entity("attributemap").set("sourceentityname", "lead").set("targetentityname", "contact")
                .set("sourceattributename", "companyname").set("targetattributename", "department"));
        try {
            UUID lead = org.create(new Entity("lead").set("subject", "Mapped " + run).set("lastname", "Banner")
                    .set("companyname", "Gamma " + run));
            Map<String, Object> contactOnly = new HashMap<>(LeadToWonOpportunityTest.qualifyAll());
            contactOnly.put(SalesMessages.CREATE_ACCOUNT, false);
            contactOnly.put(SalesMessages.CREATE_OPPORTUNITY, false);
            List<Entity> created = ((EntityCollection) org.execute(new ActionRequest(SalesMessages.QUALIFY_LEAD,
                    new EntityReference("lead", lead), contactOnly)).output(SalesMessages.CREATED_ENTITIES)).entities();
            assertThat(created).extracting(Entity::logicalName).containsExactly("contact");
            assertThat(org.retrieve("contact", created.get(0).id(), ColumnSet.of("department")).getString("department"))
                    .isEqualTo("Gamma " + run);
        } finally {
            org.delete("attributemap", map);
        }
    }

    private List<Entity> qualify(UUID lead, boolean suppress) {
        Map<String, Object> parameters = new HashMap<>(LeadToWonOpportunityTest.qualifyAll());
        parameters.put(SalesMessages.SUPPRESS_DUPLICATE_DETECTION, suppress);
        return ((EntityCollection) org.execute(new ActionRequest(SalesMessages.QUALIFY_LEAD,
                new EntityReference("lead", lead), parameters)).output(SalesMessages.CREATED_ENTITIES)).entities();
    }

    private EntityCollection retrieveDuplicates(Entity record, String matching) {
        return (EntityCollection) org.execute(new ActionRequest(SalesMessages.RETRIEVE_DUPLICATES, Map.of(
                SalesMessages.BUSINESS_ENTITY, record, SalesMessages.MATCHING_ENTITY_NAME, matching)))
                .output(SalesMessages.DUPLICATE_COLLECTION);
    }
}
