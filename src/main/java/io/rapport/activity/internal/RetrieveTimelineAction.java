package io.rapport.activity.internal;

import static io.rapport.activity.ActivityMessages.PAGE_SIZE;
import static io.rapport.activity.ActivityMessages.PAGING_COOKIE;
import static io.rapport.activity.ActivityMessages.TARGET;
import static io.rapport.activity.ActivityMessages.TIMELINE;

import io.rapport.activity.ActivityMessages;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The timeline of a record: its activities and notes (for an account, also its contacts' and opportunities'),
 * newest first, one page at a time. Each page is two queries of at most one page plus one row (activities,
 * notes), merged by creation time; the paging cookie remembers where each source stopped, so deep pages cost
 * the same as the first. The caller's row access applies to every record shown.
 */
@Component
class RetrieveTimelineAction implements ActionHandler {

    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 250;

    private static final ActionDefinition DEFINITION = new ActionDefinition(ActivityMessages.RETRIEVE_TIMELINE, null,
            true, List.of(Parameter.entity(TARGET, "EntityReference", null, false),
                    Parameter.optional(PAGE_SIZE, "Int32"), Parameter.optional(PAGING_COOKIE, "String")),
            List.of(Parameter.entity(TIMELINE, "EntityCollection", null, false)));

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    /** The record's timeline is part of the record: the caller needs Read on it. */
    @Override
    public java.util.List<io.rapport.pipeline.AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return request.parameter(TARGET) instanceof EntityReference record && record.id() != null
                ? java.util.List.of(io.rapport.pipeline.AccessDemand.reference(record,
                        io.rapport.pipeline.Privilege.READ))
                : java.util.List.of();
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        if (!(request.parameter(TARGET) instanceof EntityReference record) || record.id() == null) {
            throw RapportException.invalid("The parameter Target (the record whose timeline to read) is required.");
        }
        context.snapshot().entity(record.logicalName());
        int size = request.parameter(PAGE_SIZE) instanceof Integer n ? n : DEFAULT_PAGE_SIZE;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw RapportException.invalid("PageSize must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        TimelineCursor cursor = TimelineCursor.parse((String) request.parameter(PAGING_COOKIE));
        List<Entity> activities = context.service().retrieveMultiple(
                TimelineQueries.activities(record, cursor.activities(), size + 1)).entities();
        List<Entity> notes = context.service().retrieveMultiple(
                TimelineQueries.notes(record, cursor.notes(), size + 1)).entities();
        List<Entity> page = new ArrayList<>(size);
        int a = 0;
        int n = 0;
        while (page.size() < size && (a < activities.size() || n < notes.size())) {
            boolean takeActivity = n >= notes.size() || a < activities.size()
                    && !created(activities.get(a)).isBefore(created(notes.get(n)));
            page.add(takeActivity ? activities.get(a++) : notes.get(n++));
        }
        boolean more = a < activities.size() || n < notes.size();
        TimelineCursor next = new TimelineCursor(position(activities, a, cursor.activities()),
                position(notes, n, cursor.notes()));
        return new ActionResponse(Map.of(TIMELINE, new EntityCollection(null, page, more, -1,
                more ? next.format() : null)));
    }

    private static Instant created(Entity e) {
        return e.getInstant("createdon");
    }

    private static TimelineCursor.Position position(List<Entity> taken, int count, TimelineCursor.Position before) {
        if (count == 0) {
            return before;
        }
        Entity last = taken.get(count - 1);
        return new TimelineCursor.Position(created(last), last.id());
    }
}
