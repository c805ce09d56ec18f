package io.rapport.activity.internal;

import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The two queries of a timeline page: activity pointers by {@code regardingobjectid} and notes by
 * {@code objectid}, each newest first from its cursor. For an account, records regarding its contacts and its
 * opportunities count too: exists-tests on the contact and opportunity tables, all in one SQL statement.
 */
final class TimelineQueries {

    static final List<String> ACTIVITY_COLUMNS = List.of("subject", "activitytypecode", "regardingobjectid",
            "statecode", "statuscode", "prioritycode", "scheduledstart", "scheduledend", "actualend", "ownerid",
            "createdon");
    static final List<String> NOTE_COLUMNS = List.of("subject", "notetext", "objectid", "isdocument", "filename",
            "mimetype", "filesize", "ownerid", "createdon");

    private TimelineQueries() {
    }

    static QueryExpression activities(EntityReference record, TimelineCursor.Position after, int count) {
        return query(PointerSync.POINTER, "activityid", "regardingobjectid", ACTIVITY_COLUMNS, record, after, count);
    }

    static QueryExpression notes(EntityReference record, TimelineCursor.Position after, int count) {
        return query("annotation", "annotationid", "objectid", NOTE_COLUMNS, record, after, count);
    }

    private static QueryExpression query(String entity, String idAttribute, String regarding, List<String> columns,
            EntityReference record, TimelineCursor.Position after, int count) {
        List<Filter> about = new ArrayList<>(List.of(Condition.eq(regarding, record.id())));
        if ("account".equals(record.logicalName())) {
            about.add(new LinkFilter(LinkFilter.Kind.ANY, "contact", "contactid", regarding,
                    Condition.eq("parentcustomerid", record.id())));
            about.add(new LinkFilter(LinkFilter.Kind.ANY, "opportunity", "opportunityid", regarding,
                    Filter.or(Condition.eq("parentaccountid", record.id()), Condition.eq("customerid", record.id()))));
        }
        var q = QueryExpression.from(entity).columns(ColumnSet.of(columns))
                .where(Filter.or(about.toArray(new Filter[0])))
                .orderBy(Order.desc("createdon")).orderBy(Order.desc(idAttribute)).top(count);
        if (after != null) {
            q.where(Filter.or(Condition.of("createdon", ConditionOperator.LESS_THAN, after.createdOn()),
                    Filter.and(Condition.eq("createdon", after.createdOn()),
                            Condition.of(idAttribute, ConditionOperator.LESS_THAN, after.id()))));
        }
        return q.build();
    }
}
