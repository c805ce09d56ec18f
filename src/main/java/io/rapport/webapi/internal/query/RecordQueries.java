package io.rapport.webapi.internal.query;

import io.rapport.error.RapportException;
import io.rapport.error.ErrorCode;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Messages.RetrieveMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.query.QueryLimits;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.webapi.internal.json.RecordWriter.Row;
import io.rapport.webapi.internal.json.RecordWriter;
import io.rapport.webapi.internal.query.QueryOptions.Expand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the queries behind a GET of records: one statement for the page, with single-valued $expand done as
 * joins, and one more statement per collection-valued $expand for the whole page (an IN filter on the page's
 * ids), never one per record.
 */
public final class RecordQueries {

    /** The rows of one page and whether more exist. */
    public record Page(List<Row> rows, boolean more, long total) {
    }

    private final OrganizationService org;
    private final MetadataSnapshot snapshot;
    private final QueryLimits limits;
    private final boolean formattedValues;
    private int aliasCounter;

    /** @param formattedValues whether the records are read with their formatted values (the client asked for them) */
    public RecordQueries(OrganizationService org, MetadataSnapshot snapshot, QueryLimits limits,
            boolean formattedValues) {
        this.org = org;
        this.snapshot = snapshot;
        this.limits = limits;
        this.formattedValues = formattedValues;
    }

    /** A page of records of {@code e} matching the options and {@code extra}; top or paging as given. */
    public Page page(EntityMetadata e, QueryOptions o, Filter extra, Integer top, PagingInfo paging) {
        // Dataverse allows 15 $expand options per query, nested ones included: each one is a join or a query
        limits.checkLinks(o.expandCount(limits.maxLinkEntities()));
        return page(e, o, extra, null, top, paging, null);
    }

    private Page page(EntityMetadata e, QueryOptions o, Filter extra, LinkEntity extraLink, Integer top,
            PagingInfo paging, QueryExpression.TopPerValue perParent) {
        QueryExpression.Builder b = QueryExpression.from(e.logicalName()).columns(o.columns(e));
        if (extraLink != null) {
            b.link(extraLink);
        }
        if (o.filter() != null && !o.filter().isBlank()) {
            b.where(FilterParser.parse(snapshot, e, o.filter(), o.aliases(), limits));
        }
        if (extra != null) {
            b.where(extra);
        }
        o.orders(e).forEach(b::orderBy);
        List<Expand> expands = o.expands(snapshot, e);
        List<SingleLink> singles = singleLinks(expands);
        singles.forEach(l -> b.link(l.link()));
        b.top(top).paging(paging).topPerValue(perParent);
        EntityCollection result = org.execute(new RetrieveMultipleRequest(b.build(), formattedValues)).entities();
        List<Row> rows = new ArrayList<>();
        for (Entity entity : result.entities()) {
            Row row = new Row(entity);
            for (SingleLink l : singles) {
                // the owner's links (one per kind of owner) share the navigation name: the one that found a record
                Row child = extract(row.entity(), l);
                if (child != null || !row.expanded().containsKey(l.navigation().name())) {
                    row.expanded().put(l.navigation().name(), child);
                }
            }
            rows.add(row);
        }
        for (Expand x : expands) {
            if (x.navigation().isCollection()) {
                loadCollection(rows, x);
            }
        }
        return new Page(rows, result.moreRecords(), result.totalRecordCount());
    }

    private record SingleLink(Navigation navigation, String alias, LinkEntity link, List<SingleLink> children) {
    }

    private List<SingleLink> singleLinks(List<Expand> expands) {
        List<SingleLink> links = new ArrayList<>();
        for (Expand x : expands) {
            if (x.navigation().isCollection()) {
                continue;
            }
            List<Navigation> kinds = x.navigation().principals(snapshot);
            if (kinds.size() > 1) {
                links.addAll(principalLinks(x, kinds));
                continue;
            }
            EntityMetadata target = x.navigation().target();
            String alias = "x" + (++aliasCounter);
            ColumnSet columns = x.options().columns(target);
            if (!columns.allColumns()) {
                List<String> list = new ArrayList<>(columns.columns());
                list.add(target.primaryIdAttribute());
                list.add("versionnumber");
                columns = ColumnSet.of(list.stream().distinct().toList());
            }
            List<SingleLink> children = singleLinks(x.options().expands(snapshot, target));
            LinkEntity link = new LinkEntity(target.logicalName(), target.primaryIdAttribute(),
                    x.navigation().lookupAttribute(), alias, JoinType.LEFT_OUTER, columns, null,
                    children.stream().map(SingleLink::link).toList());
            links.add(new SingleLink(x.navigation(), alias, link, children));
        }
        return links;
    }

    /**
     * The links of an expanded owner (Dataverse's principal): one left join per kind of owner, each with the
     * selected columns that kind has; a column neither has is refused as a property of principal.
     */
    private List<SingleLink> principalLinks(Expand x, List<Navigation> kinds) {
        List<String> selected = x.options().select() == null || x.options().select().isBlank() ? null
                : Splitter.topLevel(x.options().select(), ',').stream().map(String::trim).toList();
        if (x.options().expand() != null && !x.options().expand().isBlank()) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The owner '" + x.navigation().name()
                    + "' cannot take a nested $expand; expand owninguser or owningteam instead.");
        }
        if (selected != null) {
            for (String name : selected) {
                if (!name.equals("ownerid") && kinds.stream().noneMatch(k -> k.target().findAttribute(name).isPresent())) {
                    throw new RapportException(ErrorCode.ATTRIBUTE_NOT_FOUND, "Could not find a property named '"
                            + name + "' on type 'Microsoft.Dynamics.CRM.principal'.", name);
                }
            }
        }
        List<SingleLink> links = new ArrayList<>();
        for (Navigation kind : kinds) {
            EntityMetadata target = kind.target();
            ColumnSet columns = ColumnSet.all();
            if (selected != null) {
                List<String> list = new ArrayList<>(selected.stream().filter(n -> target.findAttribute(n).isPresent())
                        .toList());
                list.add(target.primaryIdAttribute());
                list.add("versionnumber");
                columns = ColumnSet.of(list.stream().distinct().toList());
            }
            String alias = "x" + (++aliasCounter);
            LinkEntity link = new LinkEntity(target.logicalName(), target.primaryIdAttribute(), kind.lookupAttribute(),
                    alias, JoinType.LEFT_OUTER, columns, null, List.of());
            links.add(new SingleLink(kind, alias, link, List.of()));
        }
        return links;
    }

    /** Moves the joined columns of a single-valued expansion out of the parent into their own row. */
    private static Row extract(Entity parent, SingleLink l) {
        EntityMetadata target = l.navigation().target();
        String prefix = l.alias() + ".";
        Object id = parent.attributes().remove(prefix + target.primaryIdAttribute());
        Entity child = new Entity(target.logicalName(), id instanceof UUID u ? u : null);
        for (String key : new ArrayList<>(parent.attributes().keySet())) {
            if (key.startsWith(prefix)) {
                String attribute = key.substring(prefix.length());
                child.set(attribute, parent.attributes().remove(key));
                String formatted = parent.formattedValues().remove(key);
                if (formatted != null) {
                    child.formattedValues().put(attribute, formatted);
                }
            }
        }
        Row row = new Row(child);
        l.children().forEach(c -> row.expanded().put(c.navigation().name(), extract(parent, c)));
        return child.id() == null ? null : row;
    }

    /** One query for the related records of every row of the page, grouped back to their parents. */
    private void loadCollection(List<Row> rows, Expand x) {
        Navigation nav = x.navigation();
        List<Object> ids = rows.stream().map(r -> (Object) r.entity().id()).distinct().toList();
        Map<UUID, List<Row>> byParent = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            EntityMetadata target = nav.target();
            QueryOptions o = x.options();
            Filter extra;
            String parentKey;
            List<String> extraColumns = new ArrayList<>();
            if (nav.kind() == Navigation.Kind.ONE_TO_MANY) {
                parentKey = nav.oneToMany().referencingAttribute();
                extra = new Condition(null, parentKey, ConditionOperator.IN, ids);
                extraColumns.add(parentKey);
            } else {
                parentKey = "mm." + nav.sourceIntersectAttribute();
                extra = null;
            }
            QueryOptions unlimited = new QueryOptions(o.select(), o.filter(), o.orderby(), null, null, o.expand(),
                    null, o.aliases());
            // a nested $top is cut per parent in SQL (a window over the parent column), not after loading them all
            Integer perParent = o.topCount();
            QueryExpression.TopPerValue per = perParent == null ? null
                    : nav.kind() == Navigation.Kind.ONE_TO_MANY
                            ? new QueryExpression.TopPerValue(null, parentKey, perParent)
                            : new QueryExpression.TopPerValue("mm", nav.sourceIntersectAttribute(), perParent);
            Page page = childPage(target, unlimited, extra, extraColumns, nav, ids, per);
            for (Row child : page.rows()) {
                Object parent = nav.kind() == Navigation.Kind.ONE_TO_MANY ? child.entity().get(parentKey)
                        : child.entity().attributes().remove(parentKey);
                UUID parentId = parent instanceof io.rapport.record.EntityReference ref ? ref.id() : (UUID) parent;
                byParent.computeIfAbsent(parentId, k -> new ArrayList<>()).add(child);
            }
        }
        Integer top = x.options().topCount();
        for (Row row : rows) {
            List<Row> related = byParent.getOrDefault(row.entity().id(), new ArrayList<>());
            row.expanded().put(nav.name(), top == null || related.size() <= top ? related : related.subList(0, top));
        }
    }

    private Page childPage(EntityMetadata target, QueryOptions o, Filter extra, List<String> extraColumns,
            Navigation nav, List<Object> ids, QueryExpression.TopPerValue per) {
        ColumnSet columns = o.columns(target);
        if (!columns.allColumns() && !extraColumns.isEmpty()) {
            List<String> list = new ArrayList<>(columns.columns());
            list.addAll(extraColumns);
            o = new QueryOptions(String.join(",", list.stream().distinct().toList()), o.filter(), o.orderby(), null,
                    null, o.expand(), null, o.aliases());
        }
        if (nav.kind() == Navigation.Kind.ONE_TO_MANY) {
            return page(target, o, extra, null, null, null, per);
        }
        LinkEntity intersect = new LinkEntity(nav.manyToMany().intersectEntityName(), nav.targetIntersectAttribute(),
                target.primaryIdAttribute(), "mm", JoinType.INNER, ColumnSet.of(nav.sourceIntersectAttribute()),
                new Condition(null, nav.sourceIntersectAttribute(), ConditionOperator.IN, ids), List.of());
        return page(target, o, null, intersect, null, null, per);
    }
}
