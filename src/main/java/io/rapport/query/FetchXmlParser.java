package io.rapport.query;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Translates FetchXML into the query model: attributes and all-attributes, nested filters and conditions with
 * Dataverse's operator names, link-entity (inner, outer, and any/not any/all/not all as exists-tests), order,
 * top, count/page, distinct and aggregates with groupby and dategrouping.
 */
public final class FetchXmlParser {

    /** A parsed fetch: the query and the paging it asked for. */
    /** The page size of a fetch that names none (Dataverse: 5,000). */
    public static final int DEFAULT_PAGE_SIZE = 5000;

    public record Fetch(QueryExpression query, int page, Integer count, boolean returnTotal) {
    }

    private final QueryLimits limits;
    private boolean aggregate;
    private final List<GroupBy> groups = new ArrayList<>();
    private final List<Aggregate> aggregates = new ArrayList<>();
    private int linkCounter;
    private int links;
    private int conditions;
    private int depth;

    private FetchXmlParser(QueryLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses a FetchXML query. Dataverse's limits apply while reading: at most {@code maxLinkEntities}
     * link-entity elements, {@code maxConditions} conditions and link-entities, and nesting no deeper than
     * {@code maxDepth}, so an oversized query is refused before it is built, let alone run.
     */
    public static Fetch parse(String xml, QueryLimits limits) {
        return new FetchXmlParser(limits).fetch(document(xml));
    }

    /** The DOM is built without recursion; the depth is checked while the elements are read into the query. */
    private static Element document(String xml) {
        if (xml == null || xml.isBlank()) {
            throw invalid("The fetchXml parameter is empty.");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (org.xml.sax.SAXException e) {
            throw invalid("The FetchXML is not well-formed XML: " + e.getMessage());
        } catch (java.io.IOException | javax.xml.parsers.ParserConfigurationException e) {
            throw invalid("The FetchXML could not be read: " + e.getMessage());
        }
    }

    private void descend() {
        if (limits.tooDeep(++depth)) {
            throw invalid("The FetchXML is not valid: " + limits.depthMessage() + ".");
        }
    }

    private void countLink() {
        limits.checkLinks(++links);
        limits.checkConditions(links + conditions);
    }

    private void countCondition() {
        limits.checkConditions(links + ++conditions);
    }

    private Fetch fetch(Element root) {
        if (!root.getTagName().equals("fetch")) {
            throw invalid("The FetchXML root element must be <fetch>, not <" + root.getTagName() + ">.");
        }
        aggregate = "true".equalsIgnoreCase(root.getAttribute("aggregate"));
        Element entity = child(root, "entity");
        if (entity == null || entity.getAttribute("name").isEmpty()) {
            throw invalid("The FetchXML needs an <entity name=\"...\"> element.");
        }
        QueryExpression.Builder b = QueryExpression.from(entity.getAttribute("name"));
        b.columns(columns(entity, null));
        List<Filter> filters = new ArrayList<>();
        for (Element e : children(entity)) {
            switch (e.getTagName()) {
                case "filter" -> filters.add(filter(e));
                case "order" -> b.orderBy(order(e));
                case "link-entity" -> link(e, b::link, filters::add);
                case "attribute", "all-attributes" -> {
                }
                default -> throw invalid("The element <" + e.getTagName() + "> is not valid in <entity>.");
            }
        }
        filters.forEach(b::where);
        b.distinct("true".equalsIgnoreCase(root.getAttribute("distinct")));
        groups.forEach(b::groupBy);
        aggregates.forEach(b::aggregate);
        if (aggregate && aggregates.isEmpty()) {
            throw invalid("An aggregate FetchXML needs at least one attribute with an aggregate.");
        }
        Integer top = integer(root, "top");
        Integer count = integer(root, "count");
        int page = integer(root, "page") == null ? 1 : integer(root, "page");
        boolean total = "true".equalsIgnoreCase(root.getAttribute("returntotalrecordcount"));
        if (top != null && (count != null || root.hasAttribute("page"))) {
            throw invalid("The top attribute cannot be combined with count or page.");
        }
        if (top != null) {
            b.top(top);
        } else {
            b.paging(new PagingInfo(page, count == null ? DEFAULT_PAGE_SIZE : count, null, total));
        }
        return new Fetch(b.build(), page, count, total);
    }

    private ColumnSet columns(Element entity, String alias) {
        if (child(entity, "all-attributes") != null) {
            return ColumnSet.all();
        }
        List<String> names = new ArrayList<>();
        for (Element a : children(entity)) {
            if (!a.getTagName().equals("attribute")) {
                continue;
            }
            String name = a.getAttribute("name");
            if (aggregate) {
                aggregateColumn(a, name, alias);
            } else {
                names.add(name);
            }
        }
        return ColumnSet.of(names);
    }

    private void aggregateColumn(Element a, String name, String entityAlias) {
        String alias = a.getAttribute("alias");
        if (alias.isEmpty()) {
            throw invalid("Every attribute of an aggregate FetchXML needs an alias (" + name + ").");
        }
        if ("true".equalsIgnoreCase(a.getAttribute("groupby"))) {
            String grouping = a.getAttribute("dategrouping");
            groups.add(new GroupBy(entityAlias, name, alias, grouping.isEmpty() ? null : dateGrouping(grouping)));
            return;
        }
        String fn = a.getAttribute("aggregate").toLowerCase(Locale.ROOT);
        Aggregate.Function function = switch (fn) {
            case "count" -> Aggregate.Function.COUNT;
            case "countcolumn" -> Aggregate.Function.COUNT_COLUMN;
            case "sum" -> Aggregate.Function.SUM;
            case "avg" -> Aggregate.Function.AVG;
            case "min" -> Aggregate.Function.MIN;
            case "max" -> Aggregate.Function.MAX;
            default -> throw invalid("The aggregate '" + fn + "' of " + name + " is not one of count, countcolumn, "
                    + "sum, avg, min, max.");
        };
        aggregates.add(new Aggregate(function, entityAlias, name, alias,
                "true".equalsIgnoreCase(a.getAttribute("distinct"))));
    }

    private interface Sink<T> {
        void accept(T value);
    }

    private static GroupBy.DateGrouping dateGrouping(String grouping) {
        String name = grouping.toUpperCase(Locale.ROOT).replace("FISCAL-", "");
        for (GroupBy.DateGrouping g : GroupBy.DateGrouping.values()) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        throw invalid("The dategrouping '" + grouping + "' is not one of day, week, month, quarter, year, "
                + "fiscal-year.");
    }

    private void link(Element e, Sink<LinkEntity> joins, Sink<Filter> exists) {
        countLink();
        descend();
        try {
            linkBody(e, joins, exists);
        } finally {
            depth--;
        }
    }

    private void linkBody(Element e, Sink<LinkEntity> joins, Sink<Filter> exists) {
        String type = e.getAttribute("link-type").toLowerCase(Locale.ROOT);
        String name = e.getAttribute("name");
        String from = e.getAttribute("from");
        String to = e.getAttribute("to");
        if (name.isEmpty() || from.isEmpty() || to.isEmpty()) {
            throw invalid("A <link-entity> needs name, from and to.");
        }
        List<Filter> filters = new ArrayList<>();
        List<LinkEntity> links = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "filter" -> filters.add(filter(c));
                case "link-entity" -> link(c, links::add, filters::add);
                case "attribute", "all-attributes", "order" -> {
                }
                default -> throw invalid("The element <" + c.getTagName() + "> is not valid in <link-entity>.");
            }
        }
        Filter filter = filters.isEmpty() ? null : filters.size() == 1 ? filters.get(0)
                : new Filter.Group(Filter.Logical.AND, filters, false);
        LinkFilter.Kind kind = switch (type) {
            case "any" -> LinkFilter.Kind.ANY;
            case "not any" -> LinkFilter.Kind.NOT_ANY;
            case "all" -> LinkFilter.Kind.ALL;
            case "not all" -> LinkFilter.Kind.NOT_ALL;
            default -> null;
        };
        if (kind != null) {
            exists.accept(new LinkFilter(kind, name, from, to, filter));
            return;
        }
        String alias = e.getAttribute("alias").isEmpty() ? name + (++linkCounter) : e.getAttribute("alias");
        JoinType join = switch (type) {
            case "", "inner" -> JoinType.INNER;
            case "outer" -> JoinType.LEFT_OUTER;
            default -> throw invalid("The link-type '" + type + "' is not one of inner, outer, any, not any, all, "
                    + "not all.");
        };
        joins.accept(new LinkEntity(name, from, to, alias, join, columns(e, alias), filter, links));
    }

    private Filter filter(Element e) {
        descend();
        try {
            return filterBody(e);
        } finally {
            depth--;
        }
    }

    private Filter filterBody(Element e) {
        String type = e.getAttribute("type").isEmpty() ? "and" : e.getAttribute("type").toLowerCase(Locale.ROOT);
        if (!type.equals("and") && !type.equals("or")) {
            throw invalid("The filter type '" + type + "' is not and or or.");
        }
        List<Filter> parts = new ArrayList<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "condition" -> parts.add(condition(c));
                case "filter" -> parts.add(filter(c));
                case "link-entity" -> link(c, l -> {
                    throw invalid("A <link-entity> inside a <filter> must have link-type any, not any, all or "
                            + "not all.");
                }, parts::add);
                default -> throw invalid("The element <" + c.getTagName() + "> is not valid in <filter>.");
            }
        }
        return new Filter.Group(type.equals("and") ? Filter.Logical.AND : Filter.Logical.OR, parts, false);
    }

    private Condition condition(Element c) {
        countCondition();
        String attribute = c.getAttribute("attribute");
        String op = c.getAttribute("operator");
        if (attribute.isEmpty() || op.isEmpty()) {
            throw invalid("A <condition> needs attribute and operator.");
        }
        List<Object> values = new ArrayList<>();
        if (c.hasAttribute("value")) {
            values.add(c.getAttribute("value"));
        }
        for (Element v : children(c)) {
            if (v.getTagName().equals("value")) {
                values.add(v.getTextContent());
            }
        }
        String entity = c.getAttribute("entityname");
        return new Condition(entity.isEmpty() ? null : entity, attribute, operator(op), values);
    }

    static ConditionOperator operator(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "eq" -> ConditionOperator.EQUAL;
            case "ne", "neq" -> ConditionOperator.NOT_EQUAL;
            case "gt" -> ConditionOperator.GREATER_THAN;
            case "ge" -> ConditionOperator.GREATER_EQUAL;
            case "lt" -> ConditionOperator.LESS_THAN;
            case "le" -> ConditionOperator.LESS_EQUAL;
            case "eq-or-under" -> ConditionOperator.UNDER_OR_EQUAL;
            case "eq-or-above" -> ConditionOperator.ABOVE_OR_EQUAL;
            case "eq-userid" -> ConditionOperator.EQUAL_USER_ID;
            case "ne-userid" -> ConditionOperator.NOT_EQUAL_USER_ID;
            case "eq-businessid" -> ConditionOperator.EQUAL_BUSINESS_ID;
            case "ne-businessid" -> ConditionOperator.NOT_EQUAL_BUSINESS_ID;
            case "olderthan-x-days" -> ConditionOperator.OLDER_THAN_X_DAYS;
            case "olderthan-x-months" -> ConditionOperator.OLDER_THAN_X_MONTHS;
            default -> {
                try {
                    yield ConditionOperator.valueOf(n.toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    throw invalid("The condition operator '" + name + "' is not valid.");
                }
            }
        };
    }

    private static Order order(Element e) {
        boolean descending = "true".equalsIgnoreCase(e.getAttribute("descending"));
        String alias = e.getAttribute("alias");
        return new Order(null, alias.isEmpty() ? e.getAttribute("attribute") : alias, descending);
    }

    private static Integer integer(Element e, String name) {
        if (!e.hasAttribute(name)) {
            return null;
        }
        try {
            int v = Integer.parseInt(e.getAttribute(name).trim());
            if (v < 1 || v > 5000) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException ex) {
            throw invalid("The " + name + " attribute of <fetch> must be a whole number from 1 to 5000.");
        }
    }

    private static Element child(Element e, String tag) {
        return children(e).stream().filter(c -> c.getTagName().equals(tag)).findFirst().orElse(null);
    }

    private static List<Element> children(Element e) {
        List<Element> list = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                list.add(el);
            }
        }
        return list;
    }

    static RapportException invalid(String message) {
        return new RapportException(ErrorCode.QUERY_INVALID, message);
    }
}
