package io.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.activity.ActivityMessages;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The seed walk-through of issue 5: a lead with follow-ups is qualified into contact, account and opportunity,
 * another lead is disqualified and still found, the opportunity is won and the account shows the revenue; and
 * the operations that must fail do so clearly, changing nothing.
 */
abstract class LeadToWonOpportunityTest {

    @OnH2
    static class H2 extends LeadToWonOpportunityTest {
    }

    @OnPostgres
    static class Postgres extends LeadToWonOpportunityTest {
    }

    @Autowired
    OrganizationService org;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    static Map<String, Object> qualifyAll() {
        return Map.of(SalesMessages.CREATE_ACCOUNT, true, SalesMessages.CREATE_CONTACT, true,
                SalesMessages.CREATE_OPPORTUNITY, true, SalesMessages.STATUS, 3);
    }

    private List<Entity> qualify(UUID lead, Map<String, Object> parameters) {
        return ((EntityCollection) org.execute(new ActionRequest(SalesMessages.QUALIFY_LEAD,
                new EntityReference("lead", lead), parameters)).output(SalesMessages.CREATED_ENTITIES)).entities();
    }

    private void win(UUID opportunity, String revenue) {
        Entity close = new Entity("opportunityclose").set("opportunityid", new EntityReference("opportunity", opportunity))
                .set("actualrevenue", new BigDecimal(revenue)).set("description", "Best price and delivery time");
        org.execute(new ActionRequest(SalesMessages.WIN_OPPORTUNITY, Map.of(SalesMessages.OPPORTUNITY_CLOSE, close,
                SalesMessages.STATUS, 3)));
    }

    private static ErrorCode code(Throwable e) {
        return ((RapportException) e).code();
    }

    private UUID only(List<Entity> created, String entity) {
        return created.stream().filter(e -> e.logicalName().equals(entity)).findFirst().orElseThrow().id();
    }

    @Test
    void leadIsQualifiedIntoLinkedRecordsAndTheWonOpportunityShowsOnTheAccount() {
        UUID lead = org.create(new Entity("lead").set("subject", "100 laptops required by Peter from Wipro")
                .set("lastname", "Parker"));
        UUID call = org.create(new Entity("phonecall").set("subject", "Call Peter about the laptops")
                .set("regardingobjectid", new EntityReference("lead", lead)));
        org.update(new Entity("lead", lead).set("firstname", "Peter").set("companyname", "Wipro " + run)
                .set("emailaddress1", "peter." + run + "@wipro.example").set("telephone1", "+91 80 2844 0011")
                .set("jobtitle", "Procurement Manager").set("estimatedamount", new BigDecimal("60000"))
                .set("leadsourcecode", 7).set("address1_city", "Bengaluru"));
        UUID email = org.create(new Entity("email").set("subject", "Laptop specifications")
                .set("regardingobjectid", new EntityReference("lead", lead)));

        List<Entity> created = qualify(lead, qualifyAll());
        assertThat(created).extracting(Entity::logicalName).containsExactly("account", "contact", "opportunity");
        UUID account = only(created, "account");
        UUID contact = only(created, "contact");
        UUID opportunity = only(created, "opportunity");

        Entity a = org.retrieve("account", account, ColumnSet.all());
        assertThat(a.getString("name")).isEqualTo("Wipro " + run);
        assertThat(a.getString("telephone1")).isEqualTo("+91 80 2844 0011");
        assertThat(a.getString("address1_city")).isEqualTo("Bengaluru");
        assertThat(a.getReference("originatingleadid").id()).isEqualTo(lead);
        assertThat(a.getReference("primarycontactid").id()).isEqualTo(contact);
        Entity c = org.retrieve("contact", contact, ColumnSet.all());
        assertThat(c.getString("fullname")).isEqualTo("Peter Parker");
        assertThat(c.getString("emailaddress1")).isEqualTo("peter." + run + "@wipro.example");
        assertThat(c.getString("jobtitle")).isEqualTo("Procurement Manager");
        assertThat(c.getReference("parentcustomerid").id()).isEqualTo(account);
        assertThat(c.getReference("originatingleadid").id()).isEqualTo(lead);
        Entity o = org.retrieve("opportunity", opportunity, ColumnSet.all());
        assertThat(o.getString("name")).isEqualTo("100 laptops required by Peter from Wipro");
        assertThat(o.getDecimal("estimatedvalue")).isEqualByComparingTo("60000");
        assertThat(o.getReference("customerid").id()).isEqualTo(account);
        assertThat(o.getReference("parentaccountid").id()).isEqualTo(account);
        assertThat(o.getReference("parentcontactid").id()).isEqualTo(contact);
        assertThat(o.getReference("originatingleadid").id()).isEqualTo(lead);
        Entity l = org.retrieve("lead", lead, ColumnSet.all());
        assertThat(l.get("statecode")).isEqualTo(1);
        assertThat(l.get("statuscode")).isEqualTo(3);
        assertThat(l.getReference("qualifyingopportunityid").id()).isEqualTo(opportunity);
        assertThat(l.getReference("parentaccountid").id()).isEqualTo(account);
        assertThat(l.getReference("parentcontactid").id()).isEqualTo(contact);
        assertThat(org.retrieve("account", account, ColumnSet.of("opendeals", "openrevenue")).getDecimal("openrevenue"))
                .isEqualByComparingTo("60000");

        // the follow-ups stay on the lead's timeline
        EntityCollection timeline = (EntityCollection) org.execute(new ActionRequest(ActivityMessages.RETRIEVE_TIMELINE,
                Map.of(ActivityMessages.TARGET, new EntityReference("lead", lead)))).output(ActivityMessages.TIMELINE);
        assertThat(timeline.entities()).extracting(Entity::id).containsExactlyInAnyOrder(call, email);

        // a qualified lead is read-only and cannot be qualified again
        assertThatThrownBy(() -> org.update(new Entity("lead", lead).set("subject", "changed")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RECORD_READ_ONLY));
        assertThatThrownBy(() -> qualify(lead, qualifyAll()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION))
                .hasMessageContaining("already Qualified");
        assertThat(org.retrieveMultiple(QueryExpression.from("account").columns(ColumnSet.none())
                .where(Condition.eq("originatingleadid", lead)).build()).entities()).hasSize(1);

        win(opportunity, "58000");
        o = org.retrieve("opportunity", opportunity, ColumnSet.all());
        assertThat(o.get("statecode")).isEqualTo(1);
        assertThat(o.get("statuscode")).isEqualTo(3);
        assertThat(o.getDecimal("actualvalue")).isEqualByComparingTo("58000");
        assertThat(o.get("actualclosedate")).isInstanceOf(LocalDate.class);
        List<Entity> closes = closesOf(opportunity);
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0).getDecimal("actualrevenue")).isEqualByComparingTo("58000");
        assertThat(closes.get(0).getString("description")).isEqualTo("Best price and delivery time");
        Entity rollups = org.retrieve("account", account, ColumnSet.of("wonrevenue", "opendeals", "openrevenue"));
        assertThat(rollups.getDecimal("wonrevenue")).isEqualByComparingTo("58000");
        assertThat(rollups.get("opendeals")).isEqualTo(0);

        // winning a closed opportunity fails and changes nothing
        assertThatThrownBy(() -> win(opportunity, "1"))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION))
                .hasMessageContaining("already closed");
        assertThat(closesOf(opportunity)).hasSize(1);
        assertThat(org.retrieve("opportunity", opportunity, ColumnSet.of("actualvalue")).getDecimal("actualvalue"))
                .isEqualByComparingTo("58000");
        assertThatThrownBy(() -> org.update(new Entity("opportunity", opportunity).set("name", "changed")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RECORD_READ_ONLY));

        // reopened and lost to a competitor: the won revenue goes away
        org.execute(new SetStateRequest(new EntityReference("opportunity", opportunity), 0, -1));
        UUID competitor = org.create(new Entity("competitor").set("name", "Rival " + run));
        org.execute(new ActionRequest(SalesMessages.LOSE_OPPORTUNITY, Map.of(SalesMessages.OPPORTUNITY_CLOSE,
                new Entity("opportunityclose").set("opportunityid", new EntityReference("opportunity", opportunity))
                        .set("competitorid", new EntityReference("competitor", competitor)),
                SalesMessages.STATUS, 5)));
        assertThat(org.retrieve("opportunity", opportunity, ColumnSet.of("statecode")).get("statecode")).isEqualTo(2);
        assertThat(org.retrieve("account", account, ColumnSet.of("wonrevenue")).getDecimal("wonrevenue"))
                .isEqualByComparingTo("0");
        assertThat(closesOf(opportunity)).extracting(e -> e.getReference("competitorid"))
                .contains(null, new EntityReference("competitor", competitor));

        // the whole chain can still be deleted: the account takes its contacts, opportunities and their activities
        org.delete("account", account);
        assertThat(closesOf(opportunity)).isEmpty();
        assertThat(org.retrieve("lead", lead, ColumnSet.of("qualifyingopportunityid", "parentaccountid"))
                .attributes()).containsEntry("qualifyingopportunityid", null).containsEntry("parentaccountid", null);
        org.delete("lead", lead);
    }

    @Test
    void aLeadWithoutCompanyCannotBecomeAnAccountAndNothingIsCreated() {
        UUID lead = org.create(new Entity("lead").set("subject", "Just a person " + run).set("lastname", "Doe"));
        assertThatThrownBy(() -> qualify(lead, qualifyAll()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.REQUIRED_ATTRIBUTE_MISSING))
                .hasMessageContaining("company name");
        assertThat(org.retrieveMultiple(QueryExpression.from("contact").columns(ColumnSet.none())
                .where(Condition.eq("originatingleadid", lead)).build()).entities()).isEmpty();
        Map<String, Object> noAccount = new java.util.HashMap<>(qualifyAll());
        noAccount.put(SalesMessages.CREATE_ACCOUNT, false);
        List<Entity> created = qualify(lead, noAccount);
        Entity opportunity = org.retrieve("opportunity", only(created, "opportunity"), ColumnSet.of("customerid"));
        assertThat(opportunity.getReference("customerid").id()).isEqualTo(only(created, "contact"));
    }

    @Test
    void disqualifiedLeadStaysSearchableAndCanBeReactivated() {
        UUID lead = org.create(new Entity("lead").set("subject", "Printers " + run).set("lastname", "Stark")
                .set("leadsourcecode", 11));
        org.execute(new SetStateRequest(new EntityReference("lead", lead), 2, 6));
        var found = org.retrieveMultiple(QueryExpression.from("lead").select("subject", "statuscode")
                .where(Condition.eq("statecode", 2)).where(Condition.eq("subject", "Printers " + run)).build());
        assertThat(found.entities()).extracting(Entity::id).containsExactly(lead);
        assertThat(found.entities().get(0).formattedValues()).containsEntry("statuscode", "No Longer Interested");
        assertThatThrownBy(() -> org.update(new Entity("lead", lead).set("subject", "changed")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RECORD_READ_ONLY));
        assertThatThrownBy(() -> qualify(lead, qualifyAll())).hasMessageContaining("already Disqualified");
        assertThatThrownBy(() -> org.execute(new SetStateRequest(new EntityReference("lead", lead), 2, 3)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION));

        org.execute(new SetStateRequest(new EntityReference("lead", lead), 0, -1));
        org.update(new Entity("lead", lead).set("subject", "Printers again " + run));
        Entity l = org.retrieve("lead", lead, ColumnSet.of("statecode", "statuscode", "subject"));
        assertThat(l.get("statecode")).isEqualTo(0);
        assertThat(l.get("statuscode")).isEqualTo(1);
    }

    private List<Entity> closesOf(UUID opportunity) {
        return org.retrieveMultiple(QueryExpression.from("opportunityclose")
                .where(Condition.eq("opportunityid", opportunity)).build()).entities();
    }
}
