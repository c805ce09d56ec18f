package io.rapport.web.internal.list;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.web.internal.layout.ViewDefinition;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a view and the user's list state into one paged query: the view's filter, quick find over the entity's
 * searchable attributes, the column filters and the sort. Nothing is filtered or sorted in memory.
 */
public final class ListQueryBuilder {

    private ListQueryBuilder() {
    }

    /** The attributes shown as columns: the state's or the view's, those that exist and can be listed. */
    public static List<String> columns(EntityMetadata e, ViewDefinition view, ListState state) {
        List<String> result = new ArrayList<>();
        for (String c : state.columnsOr(view.columns())) {
            if (readable(e, c) && !result.contains(c)) {
                result.add(c);
            }
        }
        if (result.isEmpty()) {
            result.add(e.primaryNameAttribute());
        }
        return result;
    }

    public static QueryExpression.Builder query(MetadataSnapshot s, EntityMetadata e, ViewDefinition view,
            ListState state) {
        List<String> columns = columns(e, view, state);
        Set<String> select = new LinkedHashSet<>(columns);
        select.add(e.primaryNameAttribute());
        if (e.hasAttribute("transactioncurrencyid")) {
            select.add("transactioncurrencyid");
        }
        if (e.hasStateCode()) {
            select.add("statecode");
        }
        QueryExpression.Builder q = QueryExpression.from(e.logicalName()).columns(ColumnSet.of(List.copyOf(select)));
        for (ViewDefinition.ViewCondition c : view.filter()) {
            if (e.hasAttribute(c.attribute())) {
                q.where(new Condition(null, c.attribute(), ConditionOperator.valueOf(c.operator()), c.values()));
            }
        }
        if (state.quickFind() != null) {
            quickFind(e, state.quickFind()).ifPresent(q::where);
        }
        for (Map.Entry<String, String> f : state.filters().entrySet()) {
            e.findAttribute(f.getKey()).filter(AttributeMetadata::isReadable)
                    .flatMap(a -> columnFilter(s, a, f.getValue())).ifPresent(q::where);
        }
        String sort = state.sort() != null && readable(e, state.sort()) ? state.sort() : null;
        if (sort != null) {
            q.orderBy(new Order(null, sort, state.descending()));
        } else {
            view.orders().stream().filter(o -> readable(e, o.attribute()))
                    .forEach(o -> q.orderBy(new Order(null, o.attribute(), o.descending())));
        }
        return q;
    }

    /**
     * Quick find: any searchable text attribute begins with the text (as Dataverse does), or contains it when
     * the text starts with {@code *}.
     */
    public static java.util.Optional<Filter> quickFind(EntityMetadata e, String text) {
        boolean contains = text.startsWith("*");
        String value = contains ? text.substring(1) : text;
        List<Filter> any = new ArrayList<>();
        for (AttributeMetadata a : e.attributes()) {
            if (a.searchable() && a.type().isText()) {
                any.add(Condition.of(a.logicalName(), contains ? ConditionOperator.CONTAINS
                        : ConditionOperator.BEGINS_WITH, value));
            }
        }
        if (any.isEmpty()) {
            any.add(Condition.of(e.primaryNameAttribute(), ConditionOperator.BEGINS_WITH, value));
        }
        return value.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(new Filter.Group(Filter.Logical.OR, any, false));
    }

    /**
     * One column's filter by the kind of filter the attribute's type offers (contains, equals, at least, on or
     * after); a value that does not parse adds no filter.
     */
    static java.util.Optional<Filter> columnFilter(MetadataSnapshot s, AttributeMetadata a, String value) {
        try {
            Filter f = switch (a.type().filterKind()) {
                case "text" -> a.type().isLookup() ? lookupNameContains(s, a, value)
                        : Condition.of(a.logicalName(), ConditionOperator.CONTAINS, value);
                case "select" -> Condition.eq(a.logicalName(), a.type().parseInput(value, ZoneOffset.UTC));
                case "number" -> Condition.of(a.logicalName(), ConditionOperator.GREATER_EQUAL,
                        a.type().parseInput(value, ZoneOffset.UTC));
                case "date" -> Condition.of(a.logicalName(), ConditionOperator.ON_OR_AFTER, LocalDate.parse(value));
                default -> null;
            };
            return java.util.Optional.ofNullable(f);
        } catch (NumberFormatException | DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The lookup points at a record (of any of its targets) whose primary name contains the text. */
    private static Filter lookupNameContains(MetadataSnapshot s, AttributeMetadata a, String value) {
        List<Filter> any = new ArrayList<>();
        for (String name : a.targets()) {
            s.findEntity(name).ifPresent(target -> any.add(new LinkFilter(LinkFilter.Kind.ANY, target.logicalName(),
                    target.primaryIdAttribute(), a.logicalName(), Condition.of(target.primaryNameAttribute(),
                    ConditionOperator.CONTAINS, value))));
        }
        if (any.isEmpty()) {
            return null;
        }
        return any.size() == 1 ? any.get(0) : new Filter.Group(Filter.Logical.OR, any, false);
    }

    static boolean filterable(AttributeMetadata a) {
        return a.isReadable() && !"none".equals(a.type().filterKind());
    }

    /** An attribute a list can show, filter and sort on: one that exists and is not write-only (a password). */
    static boolean readable(EntityMetadata e, String attribute) {
        return e.findAttribute(attribute).filter(AttributeMetadata::isReadable).isPresent();
    }
}
