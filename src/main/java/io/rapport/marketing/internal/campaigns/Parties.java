package io.rapport.marketing.internal.campaigns;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The activity parties of the activities campaigns create. Parties have no privileges of their own in Dataverse:
 * they go with their activity, which the caller has just been allowed to create; so they are written and read here
 * through the message's nested service acting as the system user.
 */
@Component
class Parties {

    private final CallerProvider callers;

    Parties(CallerProvider callers) {
        this.callers = callers;
    }

    private OrganizationService system(PluginContext context) {
        return context.service().as(callers.system());
    }

    void add(PluginContext context, EntityReference activity, EntityReference party, int participation) {
        system(context).create(new Entity("activityparty").set("activityid", activity).set("partyid", party)
                .set("participationtypemask", participation));
    }

    /** The account, contact and lead parties of an activity with one of the participation types. */
    List<EntityReference> of(PluginContext context, UUID activity, Object... participation) {
        return system(context).retrieveMultiple(QueryExpression.from("activityparty").select("partyid")
                .where(Condition.eq("activityid", activity))
                .where(Condition.of("participationtypemask", ConditionOperator.IN, participation)).top(50).build())
                .entities().stream().map(p -> p.getReference("partyid"))
                .filter(p -> p != null && !"systemuser".equals(p.logicalName()))
                .map(p -> new EntityReference(p.logicalName(), p.id())).toList();
    }

    boolean has(PluginContext context, UUID activity, int participation) {
        return !system(context).retrieveMultiple(QueryExpression.from("activityparty").columns(ColumnSet.none())
                .where(Condition.eq("activityid", activity)).where(Condition.eq("participationtypemask", participation))
                .top(1).build()).entities().isEmpty();
    }
}
