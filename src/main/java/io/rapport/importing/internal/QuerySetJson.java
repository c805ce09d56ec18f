package io.rapport.importing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code QueryExpression} complex type of Dataverse's Web API (as BulkDelete's {@code QuerySet} carries it) read
 * into the pipeline's query: {@code EntityName}, and {@code Criteria} with its {@code FilterOperator} ("And", "Or"),
 * {@code Conditions} ({@code AttributeName}, {@code Operator} by its Dataverse name, {@code Values} as plain values or
 * {@code {"Value":..., "Type":...}} objects) and nested {@code Filters}. Columns, orders and paging do not matter for
 * a deletion and are not read; link entities are refused rather than dropped. Every problem comes back at once.
 */
final class QuerySetJson {

    /** Dataverse names that do not follow from the enum's by changing case. */
    private static final Map<String, ConditionOperator> SPECIAL = Map.of(
            "last7days", ConditionOperator.LAST_SEVEN_DAYS, "next7days", ConditionOperator.NEXT_SEVEN_DAYS,
            "doesnotbeginwith", ConditionOperator.NOT_BEGIN_WITH, "doesnotendwith", ConditionOperator.NOT_END_WITH,
            "doesnotcontain", ConditionOperator.NOT_CONTAIN, "doesnotcontainvalues",
            ConditionOperator.NOT_CONTAIN_VALUES, "notunder", ConditionOperator.NOT_UNDER);

    private QuerySetJson() {
    }

    /** The queries of a {@code QuerySet} array, or a 400 naming every problem. */
    static List<QueryExpression> read(JsonNode set) {
        List<String> problems = new ArrayList<>();
        List<QueryExpression> queries = new ArrayList<>();
        if (set == null || !set.isArray() || set.isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "QuerySet must be an array of one or more "
                    + "QueryExpression objects, each with an EntityName and Criteria.");
        }
        for (int i = 0; i < set.size(); i++) {
            JsonNode q = set.get(i);
            String where = "QuerySet[" + i + "]";
            String entity = q.path("EntityName").asText("");
            if (entity.isBlank()) {
                problems.add(where + " needs an EntityName.");
            }
            if (q.path("LinkEntities").isArray() && !q.path("LinkEntities").isEmpty()) {
                problems.add(where + ": LinkEntities are not supported in a bulk deletion query; filter on the "
                        + "entity's own columns.");
            }
            Filter criteria = q.hasNonNull("Criteria") ? filter(q.get("Criteria"), where + ".Criteria", problems)
                    : null;
            if (!entity.isBlank()) {
                queries.add(QueryExpression.from(entity).columns(ColumnSet.none()).where(criteria).build());
            }
        }
        RapportException.throwIfAny(ErrorCode.INVALID_ARGUMENT, problems);
        return queries;
    }

    private static Filter filter(JsonNode f, String where, List<String> problems) {
        String op = f.path("FilterOperator").asText("And");
        boolean or = switch (op.toLowerCase(Locale.ROOT)) {
            case "or", "1" -> true;
            case "and", "0" -> false;
            default -> {
                problems.add(where + ".FilterOperator must be And or Or, not '" + RapportException.quote(op) + "'.");
                yield false;
            }
        };
        List<Filter> children = new ArrayList<>();
        JsonNode conditions = f.path("Conditions");
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = condition(conditions.get(i), where + ".Conditions[" + i + "]", problems);
            if (c != null) {
                children.add(c);
            }
        }
        JsonNode filters = f.path("Filters");
        for (int i = 0; i < filters.size(); i++) {
            Filter child = filter(filters.get(i), where + ".Filters[" + i + "]", problems);
            if (child != null) {
                children.add(child);
            }
        }
        if (children.isEmpty()) {
            return null;
        }
        Filter[] array = children.toArray(Filter[]::new);
        return or ? Filter.or(array) : Filter.and(array);
    }

    private static Condition condition(JsonNode c, String where, List<String> problems) {
        String attribute = c.path("AttributeName").asText("");
        if (attribute.isBlank()) {
            problems.add(where + " needs an AttributeName.");
        }
        ConditionOperator operator = operator(c.path("Operator"));
        if (operator == null) {
            problems.add(where + ": '" + RapportException.quote(c.path("Operator").asText(c.path("Operator")
                    .toString())) + "' is not a condition operator (Equal, NotEqual, Like, In, Null, "
                    + "OlderThanXDays...).");
        }
        List<Object> values = new ArrayList<>();
        if (!c.path("Values").isMissingNode() && !c.path("Values").isNull() && !c.path("Values").isArray()) {
            problems.add(where + ": Values must be an array.");
        }
        for (JsonNode v : c.path("Values")) {
            JsonNode value = v.isObject() && v.has("Value") ? v.get("Value") : v;
            if (value.isContainerNode()) {
                problems.add(where + ": a value must be a string, number or boolean.");
            } else if (!value.isNull()) {
                values.add(value.isBoolean() ? value.booleanValue() : value.asText());
            }
        }
        if (operator != null && !attribute.isBlank()) {
            int arity = operator.arity();
            if (arity >= 0 && values.size() != arity || arity < 0 && values.isEmpty()) {
                problems.add(where + ": " + c.path("Operator").asText() + " takes " + (arity < 0 ? "one or more"
                        : arity) + " value" + (arity == 1 ? "" : "s") + ", not " + values.size() + ".");
                return null;
            }
            return Condition.of(attribute.toLowerCase(Locale.ROOT), operator, values.toArray());
        }
        return null;
    }

    private static ConditionOperator operator(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String name = node.asText().replace("_", "").toLowerCase(Locale.ROOT);
        if (SPECIAL.containsKey(name)) {
            return SPECIAL.get(name);
        }
        for (ConditionOperator o : ConditionOperator.values()) {
            if (o.name().replace("_", "").toLowerCase(Locale.ROOT).equals(name)) {
                return o;
            }
        }
        return null;
    }
}
