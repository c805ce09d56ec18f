package io.rapport.webapi.internal.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.query.Aggregate;
import io.rapport.query.GroupBy;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.webapi.internal.json.Json;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.routing.ApiContext;
import io.rapport.webapi.internal.routing.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * GET with {@code $apply}: {@code filter(...)}, {@code groupby((a,b),aggregate(...))} and
 * {@code aggregate(x with sum as total, $count as n)} (sum, average, min, max, countdistinct) translated into one
 * grouped query; $orderby may sort by the result's aliases, $top limits the groups.
 */
@Component
public class ApplyHandler {

    private static final String HIDDEN_COUNT = "rapport_groupcount";
    private static final Pattern AGGREGATE = Pattern.compile(
            "(\\$count|[A-Za-z_][\\w]*)(?:\\s+with\\s+(\\w+))?\\s+as\\s+(\\w+)");

    public ApiResponse handle(ApiContext ctx, EntityMetadata e) {
        return handle(ctx, e, null);
    }

    /**
     * The $apply over the records of {@code e}, restricted to those related to another record when
     * {@code restriction} is given ({@code accounts(id)/contact_customer_accounts?$apply=aggregate(...)}).
     */
    public ApiResponse handle(ApiContext ctx, EntityMetadata e, io.rapport.query.Filter restriction) {
        String apply = ctx.request().option("$apply");
        QueryOptions o = QueryOptions.of(ctx.request().query());
        QueryExpression.Builder b = QueryExpression.from(e.logicalName());
        if (restriction != null) {
            b.where(restriction);
        }
        List<String> aliases = new ArrayList<>();
        boolean grouped = false;
        List<String> steps = Splitter.topLevel(apply, '/');
        if (ctx.limits().tooDeep(steps.size())) {
            // every step nests the ones before it
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $apply has " + steps.size()
                    + " transformations; " + ctx.limits().depthMessage() + ".");
        }
        for (String step : steps) {
            String name = step.contains("(") ? step.substring(0, step.indexOf('(')).trim() : step;
            String inner = inner(step);
            switch (name) {
                case "filter" -> b.where(FilterParser.parse(ctx.snapshot(), e, inner, o.aliases(), ctx.limits()));
                case "groupby" -> {
                    grouped = true;
                    groupBy(e, inner, b, aliases);
                }
                case "aggregate" -> aggregates(e, inner, b, aliases);
                default -> throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $apply transformation '"
                        + name + "' is not supported; use filter, groupby or aggregate.");
            }
        }
        if (o.filter() != null) {
            b.where(FilterParser.parse(ctx.snapshot(), e, o.filter(), o.aliases(), ctx.limits()));
        }
        QueryExpression q = b.top(o.topCount()).build();
        if (!q.isAggregate()) {
            if (!grouped) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $apply '" + apply + "' neither groups "
                        + "nor aggregates.");
            }
            q = q.toBuilder().aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, HIDDEN_COUNT, false))
                    .build();
        }
        q = withOrders(q, o, aliases);
        EntityCollection result = ctx.org().retrieveMultiple(q);
        ObjectNode body = Json.object();
        body.put("@odata.context", ctx.context(e.entitySetName() + "(" + String.join(",", aliases) + ")"));
        ArrayNode values = body.putArray("value");
        for (Entity row : result.entities()) {
            ObjectNode out = values.addObject();
            for (Map.Entry<String, Object> en : row.attributes().entrySet()) {
                if (!en.getKey().equals(HIDDEN_COUNT) && !en.getKey().equals("versionnumber")) {
                    RecordWriter.put(out, en.getKey(), en.getValue());
                }
            }
        }
        return ApiResponse.json(200, Json.write(body));
    }

    private static QueryExpression withOrders(QueryExpression q, QueryOptions o, List<String> aliases) {
        if (o.orderby() == null || o.orderby().isBlank()) {
            return q;
        }
        QueryExpression.Builder b = q.toBuilder();
        for (String part : o.orderby().split(",")) {
            String[] words = part.trim().split("\\s+");
            if (!aliases.contains(words[0])) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "With $apply, $orderby can only use the "
                        + "grouped properties and aggregate aliases " + aliases + ", not '" + words[0] + "'.");
            }
            b.orderBy(new Order(null, words[0], words.length > 1 && words[1].equalsIgnoreCase("desc")));
        }
        return b.build();
    }

    private static String inner(String step) {
        int open = step.indexOf('(');
        if (open < 0 || !step.endsWith(")")) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $apply step '" + step + "' is not "
                    + "well formed.");
        }
        return step.substring(open + 1, step.length() - 1).trim();
    }

    private static void groupBy(EntityMetadata e, String inner, QueryExpression.Builder b, List<String> aliases) {
        List<String> parts = Splitter.topLevel(inner, ',');
        if (parts.isEmpty() || !parts.get(0).startsWith("(")) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "groupby takes a list of properties in "
                    + "parentheses, e.g. groupby((statuscode),aggregate($count as count)).");
        }
        for (String property : Splitter.topLevel(inner(" " + parts.get(0)), ',')) {
            AttributeMetadata a = QueryOptions.attribute(e, property);
            b.groupBy(new GroupBy(null, a.logicalName(), property, null));
            aliases.add(property);
        }
        for (String rest : parts.subList(1, parts.size())) {
            if (!rest.startsWith("aggregate(")) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "Inside groupby only aggregate(...) may "
                        + "follow the grouped properties, not '" + rest + "'.");
            }
            aggregates(e, inner(rest), b, aliases);
        }
    }

    private static void aggregates(EntityMetadata e, String inner, QueryExpression.Builder b, List<String> aliases) {
        for (String part : Splitter.topLevel(inner, ',')) {
            Matcher m = AGGREGATE.matcher(part.trim());
            if (!m.matches()) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The aggregate '" + part + "' must be "
                        + "'<property> with <sum|average|min|max|countdistinct> as <alias>' or '$count as <alias>'.");
            }
            String alias = m.group(3);
            if (m.group(1).equals("$count")) {
                b.aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, alias, false));
            } else {
                String with = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
                Aggregate.Function fn = switch (with) {
                    case "sum" -> Aggregate.Function.SUM;
                    case "average" -> Aggregate.Function.AVG;
                    case "min" -> Aggregate.Function.MIN;
                    case "max" -> Aggregate.Function.MAX;
                    case "countdistinct" -> Aggregate.Function.COUNT_COLUMN;
                    default -> throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The aggregation method '"
                            + with + "' is not one of sum, average, min, max, countdistinct.");
                };
                b.aggregate(new Aggregate(fn, null, QueryOptions.attribute(e, m.group(1)).logicalName(), alias,
                        fn == Aggregate.Function.COUNT_COLUMN));
            }
            aliases.add(alias);
        }
    }
}
