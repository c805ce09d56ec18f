package io.rapport.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages.ExecuteTransactionRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.LeadQualified;
import io.rapport.sales.OpportunityLost;
import io.rapport.sales.OpportunityWon;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reaction in another module to the sales module's events: a follow-up task once a lead is qualified or an
 * opportunity won, written after the sale committed (in a transaction of its own); nothing for a sale rolled back.
 */
abstract class SalesEventReactionTest {

    @OnH2
    @Import(SalesEventReactionTest.FollowUpConfig.class)
    static class H2 extends SalesEventReactionTest {
    }

    @OnPostgres
    @Import(SalesEventReactionTest.FollowUpConfig.class)
    static class Postgres extends SalesEventReactionTest {
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FollowUpConfig {
        @Bean
        FollowUps followUps(OrganizationService org, CallerProvider callers, PlatformTransactionManager tm) {
            return new FollowUps(org, callers, tm);
        }
    }

    /** Creates follow-up tasks regarding the opportunity; records what it saw of the committed sale. */
    static final class FollowUps {
        final List<Object> events = new ArrayList<>();
        final List<Integer> opportunityStates = new ArrayList<>();
        private final OrganizationService org;
        private final CallerProvider callers;
        private final TransactionTemplate requiresNew;

        FollowUps(OrganizationService org, CallerProvider callers, PlatformTransactionManager tm) {
            this.org = org;
            this.callers = callers;
            this.requiresNew = new TransactionTemplate(tm);
            requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }

        @TransactionalEventListener
        void on(LeadQualified e) {
            followUp(e, e.opportunityId(), "Welcome the new customer");
        }

        @TransactionalEventListener
        void on(OpportunityWon e) {
            followUp(e, e.opportunityId(), "Send a thank-you");
        }

        @TransactionalEventListener
        void on(OpportunityLost e) {
            followUp(e, e.opportunityId(), "Ask why we lost");
        }

        private synchronized void followUp(Object event, UUID opportunity, String subject) {
            events.add(event);
            requiresNew.executeWithoutResult(s -> {
                OrganizationService system = org.as(callers.system());
                opportunityStates.add(system.retrieve("opportunity", opportunity, ColumnSet.of("statecode"))
                        .getInteger("statecode"));
                system.create(new Entity("task").set("subject", subject)
                        .set("regardingobjectid", new EntityReference("opportunity", opportunity)));
            });
        }
    }

    @Autowired
    OrganizationService org;

    @Autowired
    FollowUps followUps;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void qualifyingALeadPublishesLeadQualifiedAfterCommit() {
        UUID lead = org.create(new Entity("lead").set("subject", "Events " + run).set("lastname", "Ev " + run)
                .set("companyname", "Events Co " + run));
        org.execute(new ActionRequest("QualifyLead", new EntityReference("lead", lead), Map.of("CreateAccount", true,
                "CreateContact", true, "CreateOpportunity", true, "Status", 3)));
        LeadQualified event = only(LeadQualified.class, e -> e.leadId().equals(lead));
        Entity opportunity = org.retrieve("opportunity", event.opportunityId(), ColumnSet.of("originatingleadid"));
        assertThat(opportunity.getReference("originatingleadid").id()).isEqualTo(lead);
        assertThat(event.accountId()).isNotNull();
        assertThat(event.contactId()).isNotNull();
        assertThat(tasksAbout(event.opportunityId())).containsExactly("Welcome the new customer");
    }

    @Test
    void winningPublishesOpportunityWonThatSeesTheCommittedState() {
        UUID opportunity = opportunity();
        org.execute(new ActionRequest("WinOpportunity", Map.of("OpportunityClose", new Entity("opportunityclose")
                .set("opportunityid", new EntityReference("opportunity", opportunity))
                .set("actualrevenue", new BigDecimal("1200")), "Status", 3)));
        OpportunityWon event = only(OpportunityWon.class, e -> e.opportunityId().equals(opportunity));
        assertThat(event.actualRevenue()).isEqualByComparingTo("1200");
        assertThat(event.status()).isEqualTo(3);
        int index = followUps.events.indexOf(event);
        assertThat(followUps.opportunityStates.get(index)).as("the reaction sees the opportunity won").isEqualTo(1);
        assertThat(tasksAbout(opportunity)).containsExactly("Send a thank-you");
    }

    @Test
    void aSaleRolledBackPublishesNothing() {
        UUID opportunity = opportunity();
        assertThatThrownBy(() -> org.execute(new ExecuteTransactionRequest(List.of(
                new ActionRequest("LoseOpportunity", Map.of("OpportunityClose", new Entity("opportunityclose")
                        .set("opportunityid", new EntityReference("opportunity", opportunity)), "Status", 4)),
                new UpdateRequest(new Entity("account", UUID.randomUUID()).set("name", "missing"))))))
                .isInstanceOf(RapportException.class);
        assertThat(followUps.events).noneMatch(e -> e instanceof OpportunityLost l
                && l.opportunityId().equals(opportunity));
        assertThat(org.retrieve("opportunity", opportunity, ColumnSet.of("statecode")).get("statecode")).isEqualTo(0);
        assertThat(tasksAbout(opportunity)).isEmpty();
    }

    private UUID opportunity() {
        UUID account = org.create(new Entity("account").set("name", "Events " + run));
        return org.create(new Entity("opportunity").set("name", "Deal " + run)
                .set("customerid", new EntityReference("account", account)));
    }

    private <T> T only(Class<T> type, java.util.function.Predicate<T> filter) {
        List<T> found = followUps.events.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private List<String> tasksAbout(UUID opportunity) {
        return org.retrieveMultiple(QueryExpression.from("task").columns(ColumnSet.of("subject"))
                .where(Condition.eq("regardingobjectid", opportunity)).build()).entities().stream()
                .map(e -> e.getString("subject")).toList();
    }
}
