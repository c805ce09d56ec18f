package io.rapport.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
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
 * Cases worked from queues by two Customer Service Representatives (built-in role only): added, listed as available,
 * picked (and refused to the second while the first works on it), released, routed to another queue and to a user,
 * removed; the two views "Items available to work on" and "Items I am working on" as queries.
 */
abstract class QueuesTest {

    @OnH2
    static class H2 extends QueuesTest {
    }

    @OnPostgres
    static class Postgres extends QueuesTest {
    }

    @Autowired
    OrganizationService org;

    OrganizationService ann;
    OrganizationService bob;
    UUID annId;
    UUID bobId;
    String run;

    @BeforeEach
    void representatives() {
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Queue desk", people.rootUnit());
        annId = people.user("ann", unit, "Customer Service Representative");
        bobId = people.user("bob", unit, "Customer Service Representative");
        ann = people.as(annId);
        bob = people.as(bobId);
    }

    private UUID queue(String name) {
        return ann.create(new Entity("queue").set("name", name + " " + run));
    }

    private UUID caseFor(String title) {
        UUID account = ann.create(new Entity("account").set("name", "Queue customer " + run));
        return ann.create(new Entity("incident").set("title", title + " " + run)
                .set("customerid", new EntityReference("account", account)));
    }

    private UUID add(UUID queue, UUID incident) {
        return (UUID) ann.execute(new ActionRequest(ServiceMessages.ADD_TO_QUEUE, new EntityReference("queue", queue),
                Map.of(ServiceMessages.TARGET, new EntityReference("incident", incident))))
                .output(ServiceMessages.QUEUE_ITEM_ID);
    }

    private void pick(OrganizationService as, UUID item, UUID user, boolean remove) {
        as.execute(new ActionRequest(ServiceMessages.PICK_FROM_QUEUE, new EntityReference("queueitem", item),
                Map.of(ServiceMessages.SYSTEM_USER, new EntityReference("systemuser", user),
                        ServiceMessages.REMOVE_QUEUE_ITEM, remove)));
    }

    private List<Entity> available(OrganizationService as, UUID queue) {
        return as.retrieveMultiple(QueryExpression.from("queueitem").select("title", "objectid")
                .where(Condition.eq("queueid", queue)).where(Condition.eq("statecode", 0))
                .where(Condition.of("workerid", ConditionOperator.NULL)).build()).entities();
    }

    private List<Entity> mine(OrganizationService as) {
        return as.retrieveMultiple(QueryExpression.from("queueitem").select("title")
                .where(Condition.of("workerid", ConditionOperator.EQUAL_USER_ID))
                .where(Condition.of("title", ConditionOperator.LIKE, "%" + run + "%")).build()).entities();
    }

    @Test
    void aCaseIsPickedReleasedRoutedAndRemoved() {
        UUID tier1 = queue("Tier 1");
        UUID tier2 = queue("Tier 2");
        UUID incident = caseFor("Router down");
        UUID item = add(tier1, incident);
        assertThat(add(tier1, incident)).isEqualTo(item);
        assertThat(available(bob, tier1)).singleElement().satisfies(i -> {
            assertThat(i.getString("title")).isEqualTo("Router down " + run);
            assertThat(i.getReference("objectid").id()).isEqualTo(incident);
        });

        pick(bob, item, bobId, false);
        assertThat(available(ann, tier1)).isEmpty();
        assertThat(mine(bob)).extracting(e -> e.getString("title")).containsExactly("Router down " + run);
        assertThat(mine(ann)).isEmpty();
        assertThatThrownBy(() -> pick(ann, item, annId, false)).hasMessageContaining("already being worked on")
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.BUSINESS_RULE));
        assertThat(org.retrieve("queueitem", item, ColumnSet.of("workerid")).getReference("workerid").id())
                .isEqualTo(bobId);

        bob.execute(new ActionRequest(ServiceMessages.RELEASE_TO_QUEUE, new EntityReference("queueitem", item),
                Map.of()));
        assertThat(available(ann, tier1)).hasSize(1);
        assertThat(mine(bob)).isEmpty();

        ann.execute(new ActionRequest(ServiceMessages.ROUTE_TO, new EntityReference("queueitem", item),
                Map.of(ServiceMessages.TARGET, new EntityReference("queue", tier2))));
        assertThat(available(ann, tier1)).isEmpty();
        assertThat(available(ann, tier2)).hasSize(1);
        ann.execute(new ActionRequest(ServiceMessages.ROUTE_TO, new EntityReference("queueitem", item),
                Map.of(ServiceMessages.TARGET, new EntityReference("systemuser", annId))));
        assertThat(mine(ann)).hasSize(1);
        assertThatThrownBy(() -> ann.execute(new ActionRequest(ServiceMessages.ROUTE_TO,
                new EntityReference("queueitem", item), Map.of(ServiceMessages.TARGET,
                new EntityReference("account", UUID.randomUUID()))))).hasMessageContaining("not a account");

        ann.execute(new ActionRequest(ServiceMessages.REMOVE_FROM_QUEUE, new EntityReference("queueitem", item),
                Map.of()));
        assertThat(available(ann, tier2)).isEmpty();
        assertThat(mine(ann)).isEmpty();
    }

    @Test
    void aCaseMovesFromItsSourceQueueAndPickingCanTakeItOut() {
        UUID tier1 = queue("Inbox");
        UUID tier2 = queue("Escalations");
        UUID incident = caseFor("Billing question");
        UUID item = add(tier1, incident);
        UUID moved = (UUID) ann.execute(new ActionRequest(ServiceMessages.ADD_TO_QUEUE,
                new EntityReference("queue", tier2), Map.of(ServiceMessages.TARGET,
                new EntityReference("incident", incident), ServiceMessages.SOURCE_QUEUE,
                new EntityReference("queue", tier1)))).output(ServiceMessages.QUEUE_ITEM_ID);
        assertThat(moved).isEqualTo(item);
        assertThat(available(ann, tier1)).isEmpty();
        assertThat(available(ann, tier2)).hasSize(1);

        pick(bob, item, bobId, true);
        assertThat(available(ann, tier2)).isEmpty();
        assertThat(org.retrieveMultiple(QueryExpression.from("queueitem").columns(ColumnSet.none())
                .where(Condition.eq("objectid", incident)).build()).entities()).isEmpty();
        assertThatThrownBy(() -> ann.execute(new ActionRequest(ServiceMessages.ADD_TO_QUEUE,
                new EntityReference("queue", tier1), Map.of(ServiceMessages.TARGET,
                new EntityReference("account", UUID.randomUUID()))))).hasMessageContaining("cannot be put in a queue");
    }
}
