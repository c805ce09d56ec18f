package io.rapport.webapi.internal.query;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.ColumnSet;
import io.rapport.query.Order;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OData system query options of one (possibly nested) query: $select, $filter, $orderby, $top, $count,
 * $expand and $apply, as given; {@link #columns}, {@link #orders} and {@link #expands} parse them against an entity.
 */
public record QueryOptions(String select, String filter, String orderby, String top, String count, String expand,
        String apply, Map<String, String> aliases) {

    static final List<String> KNOWN = List.of("$select", "$filter", "$orderby", "$top", "$count", "$expand", "$apply",
            "$skiptoken", "fetchXml", "$format", "$skip", "$search", "$deltatoken");

    public static QueryOptions of(Map<String, String> query) {
        for (String key : query.keySet()) {
            if (key.startsWith("$") && !KNOWN.contains(key)) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query parameter '" + key
                        + "' is not supported.");
            }
        }
        if (query.containsKey("$search")) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query parameter $search is not supported. "
                    + "Use $filter with contains, or FetchXML with a like condition.");
        }
        String format = query.get("$format");
        if (format != null && !format.trim().toLowerCase(Locale.ROOT).matches("json|application/json(;.*)?")) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $format '" + format + "' is not "
                    + "supported; the Web API answers JSON.");
        }
        if (query.containsKey("$skip")) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The query parameter $skip is not supported. "
                    + "Use Prefer: odata.maxpagesize and @odata.nextLink to page.");
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (k.startsWith("@")) {
                aliases.put(k, v);
            }
        });
        return new QueryOptions(query.get("$select"), query.get("$filter"), query.get("$orderby"), query.get("$top"),
                query.get("$count"), query.get("$expand"), query.get("$apply"), aliases);
    }

    /** Options nested in an $expand item, {@code $select=a,b;$filter=...;$top=5}. */
    static QueryOptions nested(String text, Map<String, String> aliases) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : Splitter.topLevel(text, ';')) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The nested option '" + part
                        + "' needs a value.");
            }
            map.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        map.putAll(aliases);
        return of(map);
    }

    boolean countRequested() {
        return count != null && count.trim().equalsIgnoreCase("true");
    }

    public Integer topCount() {
        if (top == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(top.trim());
            if (n < 1 || n > 5000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The value '" + top + "' of $top must be a "
                    + "whole number between 1 and 5000.");
        }
    }

    /** The selected attributes; all attributes when $select is absent. */
    public ColumnSet columns(EntityMetadata e) {
        if (select == null || select.isBlank()) {
            return ColumnSet.all();
        }
        List<String> columns = new ArrayList<>();
        for (String name : select.split(",")) {
            String logical = attribute(e, name.trim()).logicalName();
            if (!columns.contains(logical)) {
                columns.add(logical);
            }
        }
        return ColumnSet.of(columns);
    }

    List<Order> orders(EntityMetadata e) {
        List<Order> orders = new ArrayList<>();
        if (orderby == null || orderby.isBlank()) {
            return orders;
        }
        for (String part : orderby.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words[0].startsWith("@") && aliases.containsKey(words[0])) {
                // a parameter alias names the property, as Dataverse allows ($orderby=@p4 asc&@p4=fullname)
                words[0] = aliases.get(words[0]).trim();
            }
            if (words.length > 2 || words.length == 2 && !words[1].toLowerCase(Locale.ROOT).matches("asc|desc")) {
                throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $orderby item '" + part.trim()
                        + "' must be '<property> [asc|desc]'.");
            }
            boolean descending = words.length == 2 && words[1].equalsIgnoreCase("desc");
            orders.add(new Order(null, attribute(e, words[0]).logicalName(), descending));
        }
        return orders;
    }

    /** The $expand items: navigation property name and its nested options. */
    List<Expand> expands(MetadataSnapshot snapshot, EntityMetadata e) {
        List<Expand> result = new ArrayList<>();
        if (expand == null || expand.isBlank()) {
            return result;
        }
        for (String item : Splitter.topLevel(expand, ',')) {
            String text = item.trim();
            int open = text.indexOf('(');
            String name = open < 0 ? text : text.substring(0, open).trim();
            QueryOptions options = nested(inner(text), aliases);
            Navigation nav = Navigation.find(snapshot, e, name).orElseThrow(() -> new RapportException(
                    ErrorCode.ATTRIBUTE_NOT_FOUND, "Could not find a property named '" + name + "' on type "
                    + "'Microsoft.Dynamics.CRM." + e.logicalName() + "'.", name));
            result.add(new Expand(nav, options));
        }
        return result;
    }

    /**
     * How many $expand options the query has, nested ones included, counted on the text before anything is
     * resolved; counting stops past {@code max}, so a deeply nested $expand is refused without recursing into it.
     */
    int expandCount(int max) {
        int n = 0;
        for (String item : Splitter.topLevel(expand, ',')) {
            if (++n > max) {
                return n;
            }
            n += nested(inner(item.trim()), aliases).expandCount(max - n);
        }
        return n;
    }

    /** The nested options of an $expand item {@code name(...)}, or "" when it has none. */
    private static String inner(String item) {
        int open = item.indexOf('(');
        if (open < 0) {
            return "";
        }
        if (!item.endsWith(")")) {
            throw new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, "The $expand item '" + item
                    + "' must end with ')'.");
        }
        return item.substring(open + 1, item.length() - 1);
    }

    /** One $expand item. */
    record Expand(Navigation navigation, QueryOptions options) {
    }

    /** An attribute by its Web API property name ({@code name}, {@code _parentaccountid_value}). */
    public static AttributeMetadata attribute(EntityMetadata e, String property) {
        String logical = property.startsWith("_") && property.endsWith("_value")
                ? property.substring(1, property.length() - "_value".length()) : property;
        if (Navigation.owningProperties().containsKey(logical) && e.findAttribute(logical).isEmpty()
                && e.findAttribute("ownerid").isPresent()) {
            logical = "ownerid"; // _owninguser_value / _owningteam_value are read from the owner
        }
        return e.findAttribute(logical).orElseThrow(() -> new RapportException(ErrorCode.ATTRIBUTE_NOT_FOUND,
                "Could not find a property named '" + property + "' on type 'Microsoft.Dynamics.CRM."
                        + e.logicalName() + "'.", property));
    }
}
