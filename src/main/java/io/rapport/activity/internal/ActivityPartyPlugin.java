package io.rapport.activity.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Activity parties: the activity may be given as the typed record (an email) and is stored as its pointer;
 * the participation type must make sense for the kind of activity (an email has senders and recipients, an
 * appointment an organizer and attendees, a phone call a caller and a callee).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "activityparty", stage = Stage.PRE_VALIDATION)
class ActivityPartyPlugin implements Plugin {

    private static final Map<String, Set<Integer>> ALLOWED = Map.of(
            "email", Set.of(1, 2, 3, 4), "phonecall", Set.of(1, 2), "appointment", Set.of(5, 6, 7),
            "task", Set.of(), "opportunityclose", Set.of());
    /** Owner, regarding, resource and customer parties fit every activity. */
    private static final Set<Integer> ANY = Set.of(8, 9, 10, 11);

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (target.get("activityid") instanceof EntityReference activity
                && PointerSync.isActivity(context, activity.logicalName())) {
            target.set("activityid", new EntityReference(PointerSync.POINTER, activity.id()));
        }
        Object mask = context.valueAfter("participationtypemask");
        if (!(context.valueAfter("activityid") instanceof EntityReference activity)
                || !(mask instanceof Integer participation) || ANY.contains(participation)) {
            return;
        }
        String type = context.service().retrieveMultiple(QueryExpression.from(PointerSync.POINTER)
                        .columns(ColumnSet.of("activitytypecode")).where(Condition.eq("activityid", activity.id()))
                        .top(1).build()).entities().stream().findFirst().map(p -> p.getString("activitytypecode"))
                .orElseThrow(() -> RapportException.notFound(PointerSync.POINTER, activity.id()));
        Set<Integer> allowed = ALLOWED.get(type);
        if (allowed != null && !allowed.contains(participation)) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "A " + type + " cannot have a party with "
                    + "participation type " + participation + ".", "participationtypemask");
        }
    }
}
