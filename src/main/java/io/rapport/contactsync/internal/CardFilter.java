package io.rapport.contactsync.internal;

import io.rapport.contactsync.internal.DavXml.Name;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The {@code CARDDAV:filter} of an {@code addressbook-query} REPORT (RFC 6352 §10.5): prop-filters on vCard properties
 * (FN, EMAIL, TEL, ORG, any X- property...) combined by {@code test="anyof"} (the default) or {@code allof}, each with
 * {@code is-not-defined}, text-matches ({@code equals}, {@code contains}, {@code starts-with}, {@code ends-with}, negated
 * or not, in the collations {@code i;unicode-casemap} (the default), {@code i;ascii-casemap} and {@code i;octet}) and
 * param-filters (TYPE=work...). A card is matched on its text as served, so every property it carries can be filtered
 * on, the ones Rapport keeps for the client included.
 */
final class CardFilter {

    /** A filter the server does not support: answered 403 with the named precondition. */
    static final class Unsupported extends RuntimeException {
        final transient Name condition;

        Unsupported(Name condition, String message) {
            super(message);
            this.condition = condition;
        }
    }

    /** The contact columns a mapped property is written from (FN: the full name, else first and last name). */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "FN", List.of("fullname"),
            "EMAIL", List.of("emailaddress1", "emailaddress2", "emailaddress3"),
            "TEL", List.of("telephone1", "telephone2", "mobilephone", "fax"));

    /**
     * What the database narrows the address book to before cards are matched: contacts whose columns meet
     * {@code columns}, and contacts whose stored card (the client's, with the properties Rapport keeps) holds one of
     * {@code texts}, or null for every text. Every card the filter matches is among them; the cards are then matched
     * exactly.
     */
    record Narrowing(Filter columns, List<String> texts) {
    }

    private record TextMatch(String text, String collation, String matchType, boolean negate) {
        /** The condition on a text column that holds whenever the property's value matches (case-insensitive). */
        Filter condition(String column) {
            ConditionOperator op = switch (matchType) {
                case "equals" -> ConditionOperator.EQUAL;
                case "starts-with" -> ConditionOperator.BEGINS_WITH;
                case "ends-with" -> ConditionOperator.ENDS_WITH;
                default -> ConditionOperator.CONTAINS;
            };
            return Condition.of(column, op, text);
        }

        boolean matches(String value) {
            String v = fold(value);
            String t = fold(text);
            boolean found = switch (matchType) {
                case "equals" -> v.equals(t);
                case "starts-with" -> v.startsWith(t);
                case "ends-with" -> v.endsWith(t);
                default -> v.contains(t);
            };
            return found != negate;
        }

        private String fold(String s) {
            return switch (collation) {
                case "i;octet" -> s;
                case "i;ascii-casemap" -> asciiLower(s);
                default -> s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            };
        }

        private static String asciiLower(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            return b.toString();
        }
    }

    private record ParamFilter(String name, boolean notDefined, TextMatch match) {
        boolean matches(Property p) {
            List<String> values = p.params(name);
            if (notDefined) {
                return values == null;
            }
            if (values == null) {
                return false;
            }
            return match == null || values.stream().anyMatch(match::matches);
        }
    }

    private record PropFilter(String name, boolean allOf, boolean notDefined, List<TextMatch> texts,
            List<ParamFilter> params) {

        /**
         * A condition on the contact's columns that holds for every card with a property this filter matches in a
         * mapped slot, or null when the columns cannot tell (no text to match, a negated or parameter test that
         * alone could match, a property Rapport does not map).
         */
        Filter columns() {
            List<String> columns = COLUMNS.get(name);
            if (columns == null || notDefined || texts.isEmpty() || !allOf && !params.isEmpty()) {
                return null;
            }
            List<Filter> tests = new ArrayList<>();
            for (TextMatch t : texts) {
                if (t.negate() || t.text().isEmpty()) {
                    if (!allOf) {
                        return null;
                    }
                    continue;
                }
                List<Filter> any = new ArrayList<>(columns.stream().map(t::condition).toList());
                if (name.equals("FN")) {
                    // without a full name the card's FN is the first and last name
                    any.add(Condition.of("fullname", ConditionOperator.NULL));
                }
                tests.add(Filter.or(any.toArray(Filter[]::new)));
            }
            if (tests.isEmpty()) {
                return null;
            }
            return allOf ? Filter.and(tests.toArray(Filter[]::new)) : Filter.or(tests.toArray(Filter[]::new));
        }

        List<String> needles() {
            return texts.stream().filter(t -> !t.negate() && !t.text().isEmpty()).map(TextMatch::text).toList();
        }

        boolean matches(List<Property> properties) {
            List<Property> named = properties.stream().filter(p -> p.name().equals(name)).toList();
            if (notDefined) {
                return named.isEmpty();
            }
            if (texts.isEmpty() && params.isEmpty()) {
                return !named.isEmpty();
            }
            for (Property p : named) {
                List<Boolean> tests = new ArrayList<>();
                texts.forEach(t -> tests.add(t.matches(p.value())));
                params.forEach(f -> tests.add(f.matches(p)));
                if (allOf ? !tests.contains(false) : tests.contains(true)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One content line of a card: name (upper case, group dropped), parameters and unescaped value. */
    record Property(String name, List<String[]> parameters, String value) {
        /** The values of a parameter (TYPE=work,home gives both), or null when it is absent. */
        List<String> params(String param) {
            List<String> values = null;
            for (String[] p : parameters) {
                if (p[0].equalsIgnoreCase(param)) {
                    values = values == null ? new ArrayList<>() : values;
                    for (String v : splitUnquoted(p[1], ',')) {
                        values.add(unquote(v));
                    }
                }
            }
            return values;
        }
    }

    private final boolean allOf;
    private final List<PropFilter> filters;

    private CardFilter(boolean allOf, List<PropFilter> filters) {
        this.allOf = allOf;
        this.filters = filters;
    }

    /** The filter of a query ({@code CARDDAV:filter}; absent or empty: every card). */
    static CardFilter parse(Element filter) {
        if (filter == null) {
            return new CardFilter(false, List.of());
        }
        List<PropFilter> props = new ArrayList<>();
        for (Element e : DavXml.children(filter)) {
            if (!DavXml.is(e, DavXml.CARDDAV, "prop-filter")) {
                throw unsupported("The filter element " + e.getLocalName() + " is not a prop-filter.");
            }
            props.add(propFilter(e));
        }
        return new CardFilter(allOf(filter), props);
    }

    /**
     * How the database can narrow the address book for this filter, or null when every card must be matched: with
     * anyof, every prop-filter must have a condition on the columns; with allof, one is enough (the others are
     * matched on the cards).
     */
    Narrowing narrowing() {
        List<Filter> conditions = new ArrayList<>();
        List<String> needles = new ArrayList<>();
        for (PropFilter f : filters) {
            Filter c = f.columns();
            if (c == null) {
                if (!allOf) {
                    return null;
                }
                continue;
            }
            conditions.add(c);
            needles.addAll(f.needles());
        }
        if (conditions.isEmpty()) {
            return null;
        }
        Filter columns = allOf ? Filter.and(conditions.toArray(Filter[]::new))
                : Filter.or(conditions.toArray(Filter[]::new));
        // a stored card's text escapes these characters, so a text holding one is not searched for in it
        boolean plain = needles.stream().noneMatch(n -> n.chars().anyMatch(ch -> ch == '\\'
                || ch == ',' || ch == ';' || ch == '\n' || ch == '\r'));
        return new Narrowing(columns, plain ? List.copyOf(needles) : null);
    }

    boolean matches(String cardText) {
        if (filters.isEmpty()) {
            return true;
        }
        List<Property> properties = properties(cardText);
        for (PropFilter f : filters) {
            boolean m = f.matches(properties);
            if (m && !allOf) {
                return true;
            }
            if (!m && allOf) {
                return false;
            }
        }
        return allOf;
    }

    private static PropFilter propFilter(Element e) {
        String name = required(e, "name").toUpperCase(Locale.ROOT);
        boolean notDefined = false;
        List<TextMatch> texts = new ArrayList<>();
        List<ParamFilter> params = new ArrayList<>();
        for (Element c : DavXml.children(e)) {
            if (DavXml.is(c, DavXml.CARDDAV, "is-not-defined")) {
                notDefined = true;
            } else if (DavXml.is(c, DavXml.CARDDAV, "text-match")) {
                texts.add(textMatch(c));
            } else if (DavXml.is(c, DavXml.CARDDAV, "param-filter")) {
                params.add(paramFilter(c));
            } else {
                throw unsupported("The prop-filter element " + c.getLocalName() + " is not supported.");
            }
        }
        return new PropFilter(name, allOf(e), notDefined, texts, params);
    }

    private static ParamFilter paramFilter(Element e) {
        String name = required(e, "name");
        boolean notDefined = false;
        TextMatch match = null;
        for (Element c : DavXml.children(e)) {
            if (DavXml.is(c, DavXml.CARDDAV, "is-not-defined")) {
                notDefined = true;
            } else if (DavXml.is(c, DavXml.CARDDAV, "text-match")) {
                match = textMatch(c);
            } else {
                throw unsupported("The param-filter element " + c.getLocalName() + " is not supported.");
            }
        }
        return new ParamFilter(name, notDefined, match);
    }

    private static TextMatch textMatch(Element e) {
        String collation = e.hasAttribute("collation") ? e.getAttribute("collation") : "i;unicode-casemap";
        if (!List.of("i;unicode-casemap", "i;ascii-casemap", "i;octet").contains(collation)) {
            throw new Unsupported(Name.card("supported-collation"), "The collation " + collation
                    + " is not supported.");
        }
        String matchType = e.hasAttribute("match-type") ? e.getAttribute("match-type") : "contains";
        if (!List.of("equals", "contains", "starts-with", "ends-with").contains(matchType)) {
            throw unsupported("The match-type " + matchType + " is not supported.");
        }
        String negate = e.hasAttribute("negate-condition") ? e.getAttribute("negate-condition") : "no";
        if (!negate.equals("yes") && !negate.equals("no")) {
            throw unsupported("negate-condition is yes or no.");
        }
        return new TextMatch(e.getTextContent(), collation, matchType, negate.equals("yes"));
    }

    private static boolean allOf(Element e) {
        String test = e.hasAttribute("test") ? e.getAttribute("test") : "anyof";
        if (!test.equals("anyof") && !test.equals("allof")) {
            throw unsupported("test is anyof or allof.");
        }
        return test.equals("allof");
    }

    private static String required(Element e, String attribute) {
        if (!e.hasAttribute(attribute) || e.getAttribute(attribute).isBlank()) {
            throw unsupported("A " + e.getLocalName() + " needs a " + attribute + ".");
        }
        return e.getAttribute(attribute);
    }

    private static Unsupported unsupported(String message) {
        return new Unsupported(Name.card("supported-filter"), message);
    }

    /** The content lines of a card's text, unfolded. */
    static List<Property> properties(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n|\n")) {
            if (!lines.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
            } else if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        List<Property> result = new ArrayList<>(lines.size());
        for (String line : lines) {
            int colon = indexUnquoted(line, ':');
            if (colon < 0) {
                continue;
            }
            List<String> head = splitUnquoted(line.substring(0, colon), ';');
            String name = head.get(0);
            name = name.substring(name.indexOf('.') + 1).toUpperCase(Locale.ROOT);
            List<String[]> params = new ArrayList<>();
            for (String p : head.subList(1, head.size())) {
                int eq = p.indexOf('=');
                // vCard 2.1-style bare parameters (;WORK) are TYPE values
                params.add(eq < 0 ? new String[] {"TYPE", p} : new String[] {p.substring(0, eq), p.substring(eq + 1)});
            }
            result.add(new Property(name, params, unescape(line.substring(colon + 1))));
        }
        return result;
    }

    private static int indexUnquoted(String s, char c) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '"') {
                quoted = !quoted;
            } else if (x == c && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitUnquoted(String s, char c) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '"') {
                quoted = !quoted;
            } else if (x == c && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String unescape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char n = value.charAt(++i);
                b.append(n == 'n' || n == 'N' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
