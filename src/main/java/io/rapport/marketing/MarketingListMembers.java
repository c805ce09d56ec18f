package io.rapport.marketing;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.FetchXmlParser;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.query.QueryLimits;
import io.rapport.record.Entity;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The members of a list as a query over its member entity: a static list's listmember rows, or what a dynamic
 * list's FetchXML selects now. Members are read page by page in primary-key order (seeking past the last id), so
 * a list of any size is never held in memory; reads go through the service they are given (the caller's, so a
 * user only ever reaches the members they may read).
 */
public final class MarketingListMembers {

    /** The page size member reads use. */
    public static final int PAGE = 1000;
    /** The columns a list's rules need. */
    public static final String[] LIST_COLUMNS = {"listname", "createdfromcode", "type", "lockstatus", "statecode",
            "membercount", "query", "ownerid"};

    private MarketingListMembers() {
    }

    /** Whether the list is dynamic (its members are what its query returns). */
    public static boolean dynamic(Entity list) {
        return Boolean.TRUE.equals(list.get("type"));
    }

    /** The list's member entity (account, contact or lead); a 400 when it has none. */
    public static String memberEntity(Entity list) {
        return MarketingLists.memberEntity(list.getInteger("createdfromcode")).orElseThrow(() ->
                new RapportException(ErrorCode.BUSINESS_RULE, "The marketing list '" + list.getString("listname")
                        + "' has no member type (createdfromcode).", "createdfromcode"));
    }

    /** The filter selecting the list's members of its member entity (no columns, order or paging). */
    public static QueryExpression query(Entity list) {
        String entity = memberEntity(list);
        if (!dynamic(list)) {
            return QueryExpression.from(entity).where(new LinkFilter(LinkFilter.Kind.ANY, "listmember", "entityid",
                    entity + "id", Condition.eq("listid", list.id()))).build();
        }
        return dynamicQuery(list.getString("query"), entity, list.getString("listname"));
    }

    /** A dynamic list's FetchXML as a query over the member entity; anything else is refused with a 400. */
    public static QueryExpression dynamicQuery(String fetchXml, String entity, String listName) {
        if (fetchXml == null || fetchXml.isBlank()) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "The dynamic marketing list '" + listName
                    + "' needs a query (FetchXML) over " + entity + " records.", "query");
        }
        QueryExpression q = FetchXmlParser.parse(fetchXml, QueryLimits.defaults()).query();
        if (!entity.equals(q.entityName()) || q.isAggregate()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The query of the marketing list '" + listName
                    + "' must select " + entity + " records (it selects " + q.entityName() + ").", "query");
        }
        return new QueryExpression(entity, ColumnSet.none(), q.criteria(), q.links(), List.of(), null, null, false,
                List.of(), List.of(), false);
    }

    /** Runs {@code page} for each page of the query's records, in primary-key order, with the given columns. */
    public static void forEachPage(OrganizationService service, QueryExpression base, ColumnSet columns, int size,
            Consumer<List<Entity>> page) {
        forEachPage(service, base, columns, size, null, page);
    }

    /** As above, starting after the record {@code start} (null: from the first). */
    public static void forEachPage(OrganizationService service, QueryExpression base, ColumnSet columns, int size,
            UUID start, Consumer<List<Entity>> page) {
        String id = base.entityName() + "id";
        UUID last = start;
        while (true) {
            Filter criteria = base.criteria();
            if (last != null) {
                Condition after = Condition.of(id, ConditionOperator.GREATER_THAN, last);
                criteria = criteria == null ? after : Filter.and(criteria, after);
            }
            List<Entity> rows = service.retrieveMultiple(new QueryExpression(base.entityName(), columns, criteria,
                    base.links(), List.of(new Order(null, id, false)), size, null, false, List.of(), List.of(),
                    base.lookupNames())).entities();
            if (rows.isEmpty()) {
                return;
            }
            page.accept(rows);
            if (rows.size() < size) {
                return;
            }
            last = rows.get(rows.size() - 1).id();
        }
    }
}
