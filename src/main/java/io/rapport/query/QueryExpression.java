package io.rapport.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A query over one entity: columns, a filter tree, joined entities, sort order, and either a top count or a
 * page. With aggregates it becomes a grouped query whose rows carry the group and aggregate aliases.
 * Every query is translated to one SQL statement (plus one count when asked); nothing is filtered in memory.
 *
 * @param lookupNames whether lookups come back with the display name of the record they point at (a join per
 *     lookup target); platform reads that only need ids turn it off
 * @param topPerValue at most that many rows (in the query's order) for each value of one column, or {@code null}:
 *     the related records of many parents in one statement, each parent's first N ({@code $expand} with a nested
 *     {@code $top}); the rows come back grouped by that column
 */
public record QueryExpression(String entityName, ColumnSet columns, Filter criteria, List<LinkEntity> links,
        List<Order> orders, Integer topCount, PagingInfo paging, boolean distinct, List<GroupBy> groupBy,
        List<Aggregate> aggregates, boolean lookupNames, TopPerValue topPerValue) {

    /**
     * The first {@code count} rows for each value of {@code attribute} (of the root entity when {@code entityAlias}
     * is null, else of the linked entity with that alias).
     */
    public record TopPerValue(String entityAlias, String attribute, int count) {

        public TopPerValue {
            if (count < 1) {
                throw new IllegalArgumentException("A top per value must be at least 1");
            }
        }
    }

    /** A query without a top per value. */
    public QueryExpression(String entityName, ColumnSet columns, Filter criteria, List<LinkEntity> links,
            List<Order> orders, Integer topCount, PagingInfo paging, boolean distinct, List<GroupBy> groupBy,
            List<Aggregate> aggregates, boolean lookupNames) {
        this(entityName, columns, criteria, links, orders, topCount, paging, distinct, groupBy, aggregates,
                lookupNames, null);
    }

    public QueryExpression {
        columns = columns == null ? ColumnSet.all() : columns;
        links = links == null ? List.of() : List.copyOf(links);
        orders = orders == null ? List.of() : List.copyOf(orders);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        aggregates = aggregates == null ? List.of() : List.copyOf(aggregates);
        if (topCount != null && paging != null) {
            throw new IllegalArgumentException("A query takes a top count or paging, not both");
        }
        if (topPerValue != null && (!aggregates.isEmpty() || distinct)) {
            throw new IllegalArgumentException("A top per value applies to plain (not aggregate or distinct) queries");
        }
    }

    public boolean isAggregate() {
        return !aggregates.isEmpty();
    }

    public static Builder from(String entityName) {
        return new Builder(entityName);
    }

    public Builder toBuilder() {
        Builder b = new Builder(entityName);
        b.columns = columns;
        b.criteria = criteria;
        b.links.addAll(links);
        b.orders.addAll(orders);
        b.topCount = topCount;
        b.paging = paging;
        b.distinct = distinct;
        b.groupBy.addAll(groupBy);
        b.aggregates.addAll(aggregates);
        b.lookupNames = lookupNames;
        b.topPerValue = topPerValue;
        return b;
    }

    /** Fluent construction of a query. */
    public static final class Builder {
        private final String entityName;
        private ColumnSet columns = ColumnSet.all();
        private Filter criteria;
        private final List<LinkEntity> links = new ArrayList<>();
        private final List<Order> orders = new ArrayList<>();
        private Integer topCount;
        private PagingInfo paging;
        private TopPerValue topPerValue;
        private boolean distinct;
        private final List<GroupBy> groupBy = new ArrayList<>();
        private final List<Aggregate> aggregates = new ArrayList<>();
        private boolean lookupNames = true;

        private Builder(String entityName) {
            this.entityName = entityName;
        }

        public Builder select(String... attributes) {
            this.columns = ColumnSet.of(attributes);
            return this;
        }

        public Builder columns(ColumnSet columnSet) {
            this.columns = columnSet;
            return this;
        }

        /** Adds a filter; several calls are combined with and. */
        public Builder where(Filter filter) {
            this.criteria = criteria == null ? filter : Filter.and(criteria, filter);
            return this;
        }

        public Builder link(LinkEntity link) {
            links.add(link);
            return this;
        }

        public Builder orderBy(Order order) {
            orders.add(order);
            return this;
        }

        public Builder top(Integer count) {
            this.topCount = count;
            return this;
        }

        public Builder page(int pageNumber, int count) {
            this.paging = PagingInfo.page(pageNumber, count);
            return this;
        }

        public Builder paging(PagingInfo info) {
            this.paging = info;
            return this;
        }

        public Builder distinct(boolean value) {
            this.distinct = value;
            return this;
        }

        public Builder groupBy(GroupBy group) {
            groupBy.add(group);
            return this;
        }

        public Builder aggregate(Aggregate aggregate) {
            aggregates.add(aggregate);
            return this;
        }

        /** At most {@code count} rows for each value of an attribute (see {@link QueryExpression#topPerValue}). */
        public Builder topPerValue(TopPerValue value) {
            this.topPerValue = value;
            return this;
        }

        /** Whether lookups carry display names (default true). */
        public Builder lookupNames(boolean value) {
            this.lookupNames = value;
            return this;
        }

        public QueryExpression build() {
            return new QueryExpression(entityName, columns, criteria, links, orders, topCount, paging, distinct,
                    groupBy, aggregates, lookupNames, topPerValue);
        }
    }
}
