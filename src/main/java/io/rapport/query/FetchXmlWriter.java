package io.rapport.query;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the filter of a query as FetchXML that {@link FetchXmlParser} reads back to the same filter: and/or
 * groups, conditions, and exists-tests (link-type any, not any, all, not all). Used to store a query for later
 * (a dynamic marketing list, a quick campaign over a view); columns, orders and paging are not part of it.
 */
public final class FetchXmlWriter {

    private static final Map<ConditionOperator, String> NAMES = Map.ofEntries(
            Map.entry(ConditionOperator.EQUAL, "eq"), Map.entry(ConditionOperator.NOT_EQUAL, "ne"),
            Map.entry(ConditionOperator.GREATER_THAN, "gt"), Map.entry(ConditionOperator.GREATER_EQUAL, "ge"),
            Map.entry(ConditionOperator.LESS_THAN, "lt"), Map.entry(ConditionOperator.LESS_EQUAL, "le"),
            Map.entry(ConditionOperator.UNDER_OR_EQUAL, "eq-or-under"),
            Map.entry(ConditionOperator.ABOVE_OR_EQUAL, "eq-or-above"),
            Map.entry(ConditionOperator.EQUAL_USER_ID, "eq-userid"),
            Map.entry(ConditionOperator.NOT_EQUAL_USER_ID, "ne-userid"),
            Map.entry(ConditionOperator.EQUAL_BUSINESS_ID, "eq-businessid"),
            Map.entry(ConditionOperator.NOT_EQUAL_BUSINESS_ID, "ne-businessid"),
            Map.entry(ConditionOperator.OLDER_THAN_X_DAYS, "olderthan-x-days"),
            Map.entry(ConditionOperator.OLDER_THAN_X_MONTHS, "olderthan-x-months"));

    private FetchXmlWriter() {
    }

    /** The query's entity and filter as a fetch; a negated group (which FetchXML cannot say) is refused. */
    public static String write(QueryExpression query) {
        StringBuilder b = new StringBuilder("<fetch><entity name=\"").append(esc(query.entityName())).append("\">");
        if (query.criteria() != null) {
            filter(b, query.criteria(), true);
        }
        return b.append("</entity></fetch>").toString();
    }

    private static void filter(StringBuilder b, Filter f, boolean wrap) {
        if (f instanceof Filter.Group g) {
            if (g.negated()) {
                throw new IllegalArgumentException("FetchXML cannot express a negated filter group");
            }
            b.append("<filter type=\"").append(g.operator() == Filter.Logical.OR ? "or" : "and").append("\">");
            g.children().forEach(c -> filter(b, c, false));
            b.append("</filter>");
        } else if (f instanceof Condition c) {
            if (wrap) {
                b.append("<filter>");
            }
            condition(b, c);
            if (wrap) {
                b.append("</filter>");
            }
        } else if (f instanceof LinkFilter l) {
            if (wrap) {
                b.append("<filter>");
            }
            b.append("<link-entity name=\"").append(esc(l.entityName())).append("\" from=\"")
                    .append(esc(l.attribute())).append("\" to=\"").append(esc(l.parentAttribute()))
                    .append("\" link-type=\"").append(l.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("\">");
            if (l.filter() != null) {
                filter(b, l.filter(), true);
            }
            b.append("</link-entity>");
            if (wrap) {
                b.append("</filter>");
            }
        }
    }

    private static void condition(StringBuilder b, Condition c) {
        String op = NAMES.getOrDefault(c.operator(), c.operator().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        b.append("<condition");
        if (c.entityAlias() != null) {
            b.append(" entityname=\"").append(esc(c.entityAlias())).append('"');
        }
        b.append(" attribute=\"").append(esc(c.attribute())).append("\" operator=\"").append(op).append('"');
        if (c.values().size() == 1 && c.operator().arity() == 1) {
            b.append(" value=\"").append(esc(value(c.values().get(0)))).append("\"/>");
            return;
        }
        b.append('>');
        for (Object v : c.values()) {
            b.append("<value>").append(esc(value(v))).append("</value>");
        }
        b.append("</condition>");
    }

    private static String value(Object v) {
        if (v instanceof Boolean flag) {
            return flag ? "1" : "0";
        }
        if (v instanceof Instant instant) {
            return instant.toString();
        }
        return String.valueOf(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
