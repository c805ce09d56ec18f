package io.rapport.store.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.Aggregate;
import io.rapport.query.ColumnSet;
import io.rapport.query.GroupBy;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.store.RowSecuritySql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.GroupField;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Translates one {@link QueryExpression} into one SQL statement (and a count statement when asked): joins for
 * linked entities and for lookup display names, the filter tree, row access, order, paging and grouping.
 * One compiler instance compiles one query.
 */
final class QueryCompiler {

    static final int DEFAULT_PAGE_SIZE = PagingInfo.MAX_PAGE_SIZE;
    static final String ROOT = "r";

    /** The statements and readers of a compiled query. */
    record Compiled(Select<Record> select, Select<? extends Record> count, List<ColumnReader> readers,
            Field<UUID> id, Field<Long> version, int pageSize, boolean aggregate) {
    }

    private final MetadataSnapshot snapshot;
    private final QueryContext ctx;
    private final DSLContext dsl;
    private final FilterCompiler filters;
    private final Map<String, Scope> scopes = new LinkedHashMap<>();
    private final Map<String, Field<String>> nameFields = new HashMap<>();
    private final Map<LinkEntity, Scope> linkScopes = new IdentityHashMap<>();
    private final List<SelectField<?>> select = new ArrayList<>();
    private final List<ColumnReader> readers = new ArrayList<>();
    private Table<?> from;
    private int counter;
    private boolean lookupNames = true;

    QueryCompiler(MetadataSnapshot snapshot, QueryContext ctx, DSLContext dsl, RowSecuritySql rowSecurity) {
        this.snapshot = snapshot;
        this.ctx = ctx;
        this.dsl = dsl;
        this.filters = new FilterCompiler(snapshot, ctx, scopes, this::nextAlias, rowSecurity);
    }

    Compiled compile(QueryExpression q) {
        lookupNames = q.lookupNames();
        EntityMetadata root = snapshot.entity(q.entityName());
        Scope rootScope = new Scope(root, ROOT);
        scopes.put(ROOT, rootScope);
        from = Sql.table(root.logicalName(), ROOT);
        for (LinkEntity link : q.links()) {
            join(rootScope, link);
        }
        Condition where = filters.access(rootScope);
        Condition criteria = q.criteria() != null ? filters.compile(q.criteria(), rootScope) : DSL.noCondition();
        where = where.and(criteria);
        Table<?> countFrom = from;
        Field<UUID> id = Sql.id(ROOT, root);
        Field<Long> version = null;
        List<GroupField> groups = new ArrayList<>();
        if (q.isAggregate()) {
            compileAggregates(q, groups);
        } else {
            select.add(id.as("c_id"));
            id = DSL.field(DSL.name("c_id"), UUID.class);
            if (root.hasAttribute("versionnumber")) {
                select.add(Sql.column(ROOT, "versionnumber", Long.class).as("c_version"));
                version = DSL.field(DSL.name("c_version"), Long.class);
            }
            addColumns(rootScope, q.columns(), "");
            for (LinkEntity link : q.links()) {
                addLinkColumns(link);
            }
        }
        List<SortKey> keys = sortKeys(q);
        List<SortField<?>> sorts = new ArrayList<>();
        keys.forEach(k -> sorts.add(k.sort(k.field())));
        if (!q.isAggregate()) {
            sorts.add(DSL.field(DSL.name("c_id")).asc());
        }
        Field<UUID> rawId = Sql.id(ROOT, root);
        if (q.topPerValue() != null) {
            // each value's first N rows, numbered in the query's order in one window, then cut in the outer query
            QueryExpression.TopPerValue per = q.topPerValue();
            Scope scope = scopeOf(per.entityAlias());
            Field<Object> partition = Sql.field(scope.alias(), Sql.queryable(scope.entity(), per.attribute()));
            List<SortField<?>> windowSorts = new ArrayList<>(sorts.subList(0, sorts.size() - 1));
            windowSorts.add(rawId.asc());
            select.add(partition.as("c_part"));
            select.add(DSL.rowNumber().over(DSL.partitionBy(partition).orderBy(windowSorts)).as("c_rn"));
            Table<?> numbered = dsl.select(select).from(from).where(where).asTable("w");
            Field<Integer> rn = DSL.field(DSL.name("w", "c_rn"), Integer.class);
            @SuppressWarnings("unchecked")
            Select<Record> statement = (Select<Record>) (Select<?>) dsl.select(numbered.fields()).from(numbered)
                    .where(rn.le(per.count()))
                    .orderBy(DSL.field(DSL.name("w", "c_part")).asc(), rn.asc())
                    .limit(0, DEFAULT_PAGE_SIZE + 1);
            return new Compiled(statement, null, readers, id, version, DEFAULT_PAGE_SIZE, false);
        }
        var base = q.distinct() ? dsl.selectDistinct(select).from(from).where(where)
                : dsl.select(select).from(from).where(where);
        var grouped = groups.isEmpty() ? base : base.groupBy(groups);
        int pageSize;
        int offset = 0;
        if (q.topCount() != null) {
            pageSize = q.topCount();
        } else if (q.paging() != null) {
            pageSize = q.paging().count();
            offset = (q.paging().pageNumber() - 1) * pageSize;
        } else {
            pageSize = DEFAULT_PAGE_SIZE;
        }
        List<Condition> parts = accessParts(q, rootScope);
        @SuppressWarnings("unchecked")
        // a first page (a keyset page of change tracking among them) has no OFFSET clause at all
        Select<Record> statement = !parts.isEmpty() ? merged(parts, criteria, keys, rawId, offset, pageSize)
                : (Select<Record>) (Select<?>) (offset == 0 ? grouped.orderBy(sorts).limit(pageSize + 1)
                        : grouped.orderBy(sorts).limit(offset, pageSize + 1));
        Select<? extends Record> count = null;
        if (q.paging() != null && q.paging().returnTotalRecordCount()) {
            count = q.distinct() || q.isAggregate()
                    ? dsl.selectCount().from(grouped.asTable("q"))
                    : dsl.selectCount().from(countFrom).where(where);
        }
        return new Compiled(statement, count, readers, id, version, pageSize, q.isAggregate());
    }

    /**
     * Issue 19: the disjoint parts of the caller's row access when the query is a page of a user-owned entity sorted
     * by its primary name on PostgreSQL (where the {@code (ownerid, lower(name))} index reads each owner's rows in
     * that order); empty when the page is read with the plain access condition.
     */
    private List<Condition> accessParts(QueryExpression q, Scope rootScope) {
        EntityMetadata root = rootScope.entity();
        if (q.isAggregate() || q.distinct() || q.topPerValue() != null || !q.links().isEmpty() || q.orders().isEmpty()
                || !Sql.ownerNameIndexed(dsl.dialect(), root)) {
            return List.of();
        }
        Order first = q.orders().get(0);
        if (first.entityAlias() != null && !first.entityAlias().equals(ROOT)
                || !first.attribute().equals(root.primaryNameAttribute())) {
            return List.of();
        }
        List<Condition> parts = filters.accessParts(rootScope);
        return parts.size() < 2 ? List.of() : parts;
    }

    /**
     * The page as one statement over the union of the access parts: each part is the whole query (its columns,
     * lookup names, criteria) limited to the rows of that part, in the page's order and cut after the page; the
     * parts are disjoint, so merging them in that order (a Merge Append) and cutting once gives the page of the
     * plain query, every row read once.
     */
    private Select<Record> merged(List<Condition> parts, Condition criteria, List<SortKey> keys, Field<UUID> rawId,
            int offset, int pageSize) {
        List<SelectField<?>> fields = new ArrayList<>(select);
        List<SortField<?>> partSorts = new ArrayList<>();
        List<SortField<?>> pageSorts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            SortKey k = keys.get(i);
            // each sort key a column of the parts, so the merged rows are ordered by name
            String alias = "c_o" + (i + 1);
            fields.add(k.field().as(alias));
            partSorts.add(k.sort(k.field()));
            pageSorts.add(k.sort(DSL.field(DSL.name(alias), k.field().getType())));
        }
        partSorts.add(rawId.asc());
        pageSorts.add(DSL.field(DSL.name("c_id")).asc());
        Select<Record> union = null;
        for (Condition part : parts) {
            Select<Record> branch = dsl.select(fields).from(from).where(criteria.and(part)).orderBy(partSorts)
                    .limit(offset + pageSize + 1);
            union = union == null ? branch : union.unionAll(branch);
        }
        List<Field<?>> columns = new ArrayList<>();
        for (SelectField<?> f : select) {
            columns.add(DSL.field(DSL.name(f.getName()), ((Field<?>) f).getType()));
        }
        var page = dsl.select(columns).from(union.asTable("m")).orderBy(pageSorts);
        return offset == 0 ? page.limit(pageSize + 1) : page.limit(offset, pageSize + 1);
    }

    private String nextAlias(String prefix) {
        return prefix + (++counter);
    }

    private void join(Scope parent, LinkEntity link) {
        EntityMetadata e = snapshot.entity(link.entityName());
        String alias = link.alias() != null ? link.alias() : nextAlias(e.logicalName());
        if (scopes.containsKey(alias)) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The alias '" + alias + "' is used twice.");
        }
        Scope scope = new Scope(e, alias);
        scopes.put(alias, scope);
        linkScopes.put(link, scope);
        Condition on = filters.joinCondition(parent, link.parentAttribute(), scope, link.attribute());
        if (link.filter() != null) {
            on = on.and(filters.compile(link.filter(), scope));
        }
        on = on.and(filters.access(scope));
        Table<?> table = Sql.table(e.logicalName(), alias);
        from = link.joinType() == JoinType.INNER ? from.join(table).on(on) : from.leftOuterJoin(table).on(on);
        for (LinkEntity child : link.links()) {
            join(scope, child);
        }
    }

    private void addLinkColumns(LinkEntity link) {
        Scope scope = linkScopes.get(link);
        addColumns(scope, link.columns(), scope.alias() + ".");
        for (LinkEntity child : link.links()) {
            addLinkColumns(child);
        }
    }

    private void addColumns(Scope scope, ColumnSet columns, String keyPrefix) {
        List<AttributeMetadata> attributes = columns.allColumns() ? scope.entity().attributes()
                : columns.columns().stream().map(scope.entity()::attribute).toList();
        for (AttributeMetadata a : attributes) {
            // write-only values (passwords) are not selected: never in "all columns", and by name only for the
            // system jobs that ask for them (ColumnSet.secrets, which the pipeline allows to no one else)
            if (!a.isReadable() && (columns.allColumns() || !columns.secrets())) {
                continue;
            }
            if (keyPrefix.isEmpty() && (a.logicalName().equals(scope.entity().primaryIdAttribute())
                    || a.logicalName().equals("versionnumber"))) {
                continue;
            }
            readers.add(reader(scope, a, keyPrefix + a.logicalName()));
        }
    }

    private ColumnReader reader(Scope scope, AttributeMetadata a, String key) {
        Field<?> value = add(Sql.field(scope.alias(), a));
        Field<?> type = a.isPolymorphic() ? add(Sql.typeField(scope.alias(), a)) : null;
        Field<?> name = a.type().isLookup() && lookupNames ? add(nameOf(scope, a)) : null;
        return new ColumnReader(key, a, value, type, name);
    }

    private Field<?> add(Field<?> field) {
        String alias = "c" + (select.size() + 1);
        select.add(field.as(alias));
        return DSL.field(DSL.name(alias), field.getType());
    }

    /** The display name of a lookup's target, joined once per lookup and query. */
    Field<String> nameOf(Scope scope, AttributeMetadata a) {
        String key = scope.alias() + "." + a.logicalName();
        Field<String> cached = nameFields.get(key);
        if (cached != null) {
            return cached;
        }
        List<Field<String>> names = new ArrayList<>();
        for (String t : a.targets()) {
            EntityMetadata target = snapshot.entity(t);
            String alias = nextAlias("n");
            Condition on = Sql.id(alias, target).eq(Sql.column(scope.alias(), a.logicalName(), UUID.class));
            if (a.isPolymorphic()) {
                on = on.and(Sql.typeField(scope.alias(), a).eq(t));
            }
            from = from.leftOuterJoin(Sql.table(t, alias)).on(on);
            names.add(Sql.column(alias, target.primaryNameAttribute(), String.class));
        }
        Field<String> name = names.size() == 1 ? names.get(0)
                : DSL.coalesce(names.get(0), names.subList(1, names.size()).toArray(new Field<?>[0]));
        nameFields.put(key, name);
        return name;
    }

    private Scope scopeOf(String alias) {
        Scope s = scopes.get(alias == null ? ROOT : alias);
        if (s == null) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "No linked entity has the alias '" + alias + "'.");
        }
        return s;
    }

    private void compileAggregates(QueryExpression q, List<GroupField> groups) {
        for (GroupBy g : q.groupBy()) {
            Scope scope = scopeOf(g.entityAlias());
            AttributeMetadata a = Sql.queryable(scope.entity(), g.attribute());
            Field<?> f = Sql.field(scope.alias(), a);
            if (g.dateGrouping() != null) {
                f = datePart(f, g.dateGrouping());
                groups.add(f);
                select.add(f.as(g.alias()));
                readers.add(new ColumnReader(g.alias(), null, DSL.field(DSL.name(g.alias()), f.getType()), null, null));
                continue;
            }
            groups.add(f);
            select.add(f.as(g.alias()));
            Field<?> type = null;
            Field<?> name = null;
            if (a.isPolymorphic()) {
                Field<String> tf = Sql.typeField(scope.alias(), a);
                groups.add(tf);
                type = add(tf);
            }
            if (a.type().isLookup()) {
                Field<String> nf = nameOf(scope, a);
                groups.add(nf);
                name = add(nf);
            }
            readers.add(new ColumnReader(g.alias(), a, DSL.field(DSL.name(g.alias()), f.getType()), type, name));
        }
        for (Aggregate agg : q.aggregates()) {
            Field<?> f;
            if (agg.function() == Aggregate.Function.COUNT) {
                f = DSL.count();
            } else {
                Scope scope = scopeOf(agg.entityAlias());
                AttributeMetadata a = Sql.queryable(scope.entity(), agg.attribute());
                Field<Object> col = Sql.field(scope.alias(), a);
                if (agg.function() != Aggregate.Function.COUNT_COLUMN && !a.type().isNumeric()
                        && agg.function() != Aggregate.Function.MIN && agg.function() != Aggregate.Function.MAX) {
                    throw new RapportException(ErrorCode.QUERY_INVALID, "The aggregate " + agg.function()
                            + " needs a numeric attribute; '" + a.logicalName() + "' is " + a.type().dataverseName()
                            + ".");
                }
                f = switch (agg.function()) {
                    case COUNT_COLUMN -> agg.distinct() ? DSL.countDistinct(col) : DSL.count(col);
                    case SUM -> DSL.sum(col.coerce(java.math.BigDecimal.class));
                    case AVG -> DSL.avg(col.coerce(java.math.BigDecimal.class));
                    case MIN -> DSL.min(col);
                    case MAX -> DSL.max(col);
                    default -> throw new IllegalStateException();
                };
            }
            select.add(f.as(agg.alias()));
            readers.add(new ColumnReader(agg.alias(), null, DSL.field(DSL.name(agg.alias()), f.getType()), null,
                    null));
        }
    }

    private static Field<Integer> datePart(Field<?> f, GroupBy.DateGrouping grouping) {
        return switch (grouping) {
            case DAY -> DSL.extract(f, DatePart.DAY);
            case WEEK -> DSL.extract(f, DatePart.WEEK);
            case MONTH -> DSL.extract(f, DatePart.MONTH);
            case QUARTER -> DSL.extract(f, DatePart.QUARTER);
            case YEAR -> DSL.extract(f, DatePart.YEAR);
        };
    }

    /** One key of the query's order: the value sorted on and its direction (the row id comes last, apart). */
    private record SortKey(Field<?> field, boolean descending) {

        SortField<?> sort(Field<?> f) {
            // PostgreSQL's default null placement, made explicit so H2 sorts the same way
            return descending ? f.desc().nullsFirst() : f.asc().nullsLast();
        }
    }

    private List<SortKey> sortKeys(QueryExpression q) {
        List<SortKey> keys = new ArrayList<>();
        for (Order o : q.orders()) {
            Field<?> f;
            if (q.isAggregate()) {
                f = DSL.field(DSL.name(o.attribute()));
            } else {
                Scope scope = scopeOf(o.entityAlias());
                AttributeMetadata a = Sql.queryable(scope.entity(), o.attribute());
                // text sorts case-insensitively, as in Dataverse (and as the lower(column) indexes are ordered)
                f = a.type().isLookup() ? nameOf(scope, a) : a.type().isText()
                        ? DSL.lower(DSL.field(Sql.field(scope.alias(), a).getQualifiedName(), String.class))
                        : Sql.field(scope.alias(), a);
                if (q.distinct()) {
                    f = add(f);
                }
            }
            keys.add(new SortKey(f, o.descending()));
        }
        return keys;
    }
}
