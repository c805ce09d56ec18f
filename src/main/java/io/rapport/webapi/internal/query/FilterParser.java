package io.rapport.webapi.internal.query;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import io.rapport.query.QueryLimits;
import io.rapport.webapi.internal.query.FilterLexer.Token;
import io.rapport.webapi.internal.query.FilterLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * A recursive-descent parser for OData $filter into the query model's filter tree: comparisons, and/or/not,
 * parentheses, contains/startswith/endswith, {@code in}, lambda any/all over collection-valued navigation
 * properties, paths through single-valued navigation properties and the {@code Microsoft.Dynamics.CRM.*} query
 * functions. Nothing is evaluated here; the store turns the tree into SQL.
 */
public final class FilterParser {

    private final MetadataSnapshot snapshot;
    private final String source;
    private final Map<String, String> aliases;
    private final QueryLimits limits;
    private final List<Token> tokens;
    private int pos;
    private int depth;
    private int conditions;

    private FilterParser(MetadataSnapshot snapshot, String source, Map<String, String> aliases, QueryLimits limits) {
        this.snapshot = snapshot;
        this.source = source;
        this.aliases = aliases;
        this.limits = limits;
        this.tokens = substituted(FilterLexer.tokens(source), aliases);
    }

    private static final java.util.regex.Pattern PROPERTY_PATH =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*");

    /**
     * Parameter aliases anywhere in the expression, as Dataverse takes them ({@code contains(@p1,'x') and @p2 eq
     * @p3} with {@code @p1=fullname&@p2=statecode&@p3=0}): an alias whose value is a property path stands for that
     * property, any other value is a literal.
     */
    private static List<Token> substituted(List<Token> tokens, Map<String, String> aliases) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            String value = t.type() == Type.NAME && t.text().startsWith("@") ? aliases.get(t.text()) : null;
            if (value == null) {
                out.add(t);
                continue;
            }
            String v = value.trim();
            if (PROPERTY_PATH.matcher(v).matches() && !v.matches("true|false|null")) {
                out.add(new Token(Type.NAME, v, null, t.position()));
            } else {
                out.add(new Token(Type.LITERAL, v, Literals.parse(v), t.position()));
            }
        }
        return out;
    }

    /**
     * Parses {@code source} as a filter on {@code entity}; {@code aliases} are the query's {@code @p} options.
     * The nesting depth and the number of conditions are checked against {@code limits} while parsing.
     */
    public static Filter parse(MetadataSnapshot snapshot, EntityMetadata entity, String source, Map<String, String> aliases,
            QueryLimits limits) {
        FilterParser p = new FilterParser(snapshot, source, aliases, limits);
        Filter f = p.or(new Scope(entity, null));
        if (p.peek().type() != Type.END) {
            throw p.error(p.peek(), "unexpected '" + p.peek().text() + "'");
        }
        return f;
    }

    /** One level deeper (parenthesis, not, lambda); refused past the limit before the stack runs out. */
    private void descend(Token at) {
        if (limits.tooDeep(++depth)) {
            throw error(at, limits.depthMessage());
        }
    }

    /** Counts a condition (or an exists-test over a navigation property) against the limit. */
    private void counted() {
        limits.checkConditions(++conditions);
    }

    /** The entity expressions refer to, and the lambda variable that prefixes its paths (or null). */
    private record Scope(EntityMetadata entity, String variable) {
    }

    private Filter or(Scope s) {
        List<Filter> parts = new ArrayList<>(List.of(and(s)));
        while (peek().isWord("or")) {
            pos++;
            parts.add(and(s));
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.Group(Filter.Logical.OR, parts, false);
    }

    private Filter and(Scope s) {
        List<Filter> parts = new ArrayList<>(List.of(not(s)));
        while (peek().isWord("and")) {
            pos++;
            parts.add(not(s));
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.Group(Filter.Logical.AND, parts, false);
    }

    private Filter not(Scope s) {
        if (peek().isWord("not")) {
            descend(next());
            Filter inner = Filter.not(not(s));
            depth--;
            return inner;
        }
        return primary(s);
    }

    private Filter primary(Scope s) {
        Token t = next();
        if (t.type() == Type.OPEN) {
            descend(t);
            Filter inner = or(s);
            expect(Type.CLOSE, "')'");
            depth--;
            return inner;
        }
        if (t.type() == Type.NAME && peek().type() == Type.OPEN) {
            if (t.text().endsWith("/any") || t.text().endsWith("/all")) {
                return lambda(s, t);
            }
            return function(s, t);
        }
        if (t.type() == Type.LITERAL && peek().type() == Type.NAME) {
            Token op = next();
            Token path = expectName();
            return comparison(s, path, reverse(op), t);
        }
        if (t.type() != Type.NAME) {
            throw error(t, "expected a property name, a function or '(' but found '" + t.text() + "'");
        }
        Token op = next();
        if (op.isWord("in")) {
            Token first = next();
            Token list = first;
            if (first.type() != Type.LITERAL || !(first.value() instanceof List<?>)) {
                pos--;
                list = parenthesisedList();
            }
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) list.value();
            return on(s, t, (entity, a) -> new Condition(null, a.logicalName(), ConditionOperator.IN, values));
        }
        Token value = next();
        return comparison(s, t, op, value);
    }

    private Token parenthesisedList() {
        Token open = expect(Type.OPEN, "'(' or '['");
        List<Object> values = new ArrayList<>();
        do {
            values.add(literal(next()));
        } while (peek().type() == Type.COMMA && next() != null);
        expect(Type.CLOSE, "')'");
        return new Token(Type.LITERAL, "(...)", values, open.position());
    }

    private Filter comparison(Scope s, Token path, Token op, Token valueToken) {
        ConditionOperator operator = switch (op.type() == Type.NAME ? op.text() : "") {
            case "eq" -> ConditionOperator.EQUAL;
            case "ne" -> ConditionOperator.NOT_EQUAL;
            case "gt" -> ConditionOperator.GREATER_THAN;
            case "ge" -> ConditionOperator.GREATER_EQUAL;
            case "lt" -> ConditionOperator.LESS_THAN;
            case "le" -> ConditionOperator.LESS_EQUAL;
            default -> throw error(op, "expected a comparison operator (eq, ne, gt, ge, lt, le, in) but found '"
                    + op.text() + "'");
        };
        Object value = literal(valueToken);
        return on(s, path, (entity, a) -> {
            if (value == null) {
                if (operator != ConditionOperator.EQUAL && operator != ConditionOperator.NOT_EQUAL) {
                    throw error(valueToken, "null can only be compared with eq or ne");
                }
                return Condition.of(a.logicalName(), operator == ConditionOperator.EQUAL ? ConditionOperator.NULL
                        : ConditionOperator.NOT_NULL);
            }
            return new Condition(null, a.logicalName(), operator, List.of(value));
        });
    }

    private Object literal(Token t) {
        if (t.type() == Type.LITERAL) {
            return t.value();
        }
        if (t.type() == Type.NAME && t.text().startsWith("@")) {
            String raw = aliases.get(t.text());
            if (raw == null) {
                throw error(t, "the parameter alias " + t.text() + " has no value in the query");
            }
            return Literals.parse(raw);
        }
        throw error(t, "expected a value but found '" + t.text() + "'");
    }

    private interface ConditionFactory {
        Filter make(EntityMetadata entity, AttributeMetadata attribute);
    }

    /** Resolves a property path and builds the condition on its attribute, through navigation if needed. */
    private Filter on(Scope s, Token pathToken, ConditionFactory factory) {
        String path = strip(s, pathToken);
        Optional<Navigation> owning = Navigation.owningProperty(snapshot, s.entity(), path);
        if (owning.isPresent()) {
            // _owninguser_value / _owningteam_value: the owner's id when the owner is a user (a team), null when
            // the owner is of the other kind: "eq null" holds exactly when no owner of this kind is linked
            Navigation nav = owning.get();
            EntityMetadata target = nav.target();
            Filter probe = factory.make(target, target.attribute(target.primaryIdAttribute()));
            if (probe instanceof Condition c && (c.operator() == ConditionOperator.NULL
                    || c.operator() == ConditionOperator.NOT_NULL)) {
                counted();
                return new LinkFilter(c.operator() == ConditionOperator.NULL ? LinkFilter.Kind.NOT_ANY
                        : LinkFilter.Kind.ANY, target.logicalName(), target.primaryIdAttribute(),
                        nav.lookupAttribute(), null);
            }
            path = nav.name() + "/" + target.primaryIdAttribute();
        }
        int slash = path.indexOf('/');
        if (slash > 0) {
            String navName = path.substring(0, slash);
            Navigation nav = Navigation.find(snapshot, s.entity(), navName)
                    .filter(n -> !n.isCollection())
                    .orElseThrow(() -> error(pathToken, "'" + navName + "' is not a single-valued navigation property "
                            + "of " + s.entity().logicalName()));
            Scope inner = new Scope(nav.target(), null);
            Token rest = new Token(Type.NAME, path.substring(slash + 1), null, pathToken.position() + slash + 1);
            descend(pathToken);
            Filter through = on(inner, rest, factory);
            depth--;
            return new LinkFilter(LinkFilter.Kind.ANY, nav.target().logicalName(), nav.target().primaryIdAttribute(),
                    nav.lookupAttribute(), through);
        }
        counted();
        return factory.make(s.entity(), attribute(s.entity(), path, pathToken));
    }

    private String strip(Scope s, Token t) {
        String path = t.text();
        if (s.variable() != null) {
            if (!path.startsWith(s.variable() + "/")) {
                throw error(t, "inside the lambda, properties are written as " + s.variable() + "/<property>");
            }
            return path.substring(s.variable().length() + 1);
        }
        return path;
    }

    AttributeMetadata attribute(EntityMetadata e, String name, Token t) {
        String logical = name;
        boolean lookupValue = name.startsWith("_") && name.endsWith("_value");
        if (lookupValue) {
            logical = name.substring(1, name.length() - "_value".length());
        }
        AttributeMetadata a = e.findAttribute(logical).orElseThrow(() -> new RapportException(
                ErrorCode.ATTRIBUTE_NOT_FOUND, "Could not find a property named '" + name + "' on type "
                + "'Microsoft.Dynamics.CRM." + e.logicalName() + "'.", name));
        if (a.type().isLookup() && !lookupValue) {
            throw error(t, "the lookup '" + name + "' is compared as _" + name + "_value");
        }
        return a;
    }

    private Filter lambda(Scope s, Token t) {
        String path = strip(s, t);
        boolean any = path.endsWith("/any");
        String navName = path.substring(0, path.length() - 4);
        Navigation nav = Navigation.find(snapshot, s.entity(), navName).filter(Navigation::isCollection)
                .orElseThrow(() -> error(t, "'" + navName + "' is not a collection-valued navigation property of "
                        + s.entity().logicalName()));
        Token open = expect(Type.OPEN, "'('");
        counted();
        Filter inner = null;
        if (peek().type() != Type.CLOSE) {
            descend(open);
            Token variable = expectName();
            expect(Type.COLON, "':'");
            inner = or(new Scope(nav.target(), variable.text()));
            depth--;
        } else if (!any) {
            throw error(peek(), "all() needs a lambda expression");
        }
        expect(Type.CLOSE, "')'");
        return nav.exists(any ? LinkFilter.Kind.ANY : LinkFilter.Kind.ALL, inner);
    }

    private Filter function(Scope s, Token name) {
        String fn = name.text();
        if (fn.equals("contains") || fn.equals("startswith") || fn.equals("endswith")) {
            expect(Type.OPEN, "'('");
            Token path = expectName();
            expect(Type.COMMA, "','");
            Token valueToken = next();
            Object value = literal(valueToken);
            if (value == null) {
                throw error(valueToken, fn + "() compares with text, not null");
            }
            expect(Type.CLOSE, "')'");
            ConditionOperator op = fn.equals("contains") ? ConditionOperator.CONTAINS
                    : fn.equals("startswith") ? ConditionOperator.BEGINS_WITH : ConditionOperator.ENDS_WITH;
            return on(s, path, (entity, a) -> new Condition(null, a.logicalName(), op, List.of(value)));
        }
        ConditionOperator op = QueryFunctions.operator(fn)
                .orElseThrow(() -> error(name, "unknown function '" + fn + "'"));
        expect(Type.OPEN, "'('");
        String property = null;
        List<Object> values = new ArrayList<>();
        Token propertyToken = name;
        while (peek().type() != Type.CLOSE) {
            Token param = expectName();
            expect(Type.EQUALS, "'='");
            Token valueToken = next();
            Object value = literal(valueToken);
            switch (param.text()) {
                case "PropertyName" -> {
                    property = String.valueOf(value);
                    propertyToken = valueToken;
                }
                case "PropertyValue" -> values.add(value);
                case "PropertyValues" -> values.addAll(value instanceof List<?> l ? l : List.of(value));
                default -> throw error(param, "unknown parameter '" + param.text() + "' of " + fn);
            }
            if (peek().type() == Type.COMMA) {
                pos++;
            }
        }
        expect(Type.CLOSE, "')'");
        if (property == null) {
            throw error(name, fn + " needs PropertyName");
        }
        String attributeName = property;
        Token at = propertyToken;
        counted();
        AttributeMetadata a = attributeForFunction(s.entity(), attributeName, at);
        return new Condition(null, a.logicalName(), op, values);
    }

    private AttributeMetadata attributeForFunction(EntityMetadata e, String name, Token t) {
        String logical = name.startsWith("_") && name.endsWith("_value")
                ? name.substring(1, name.length() - "_value".length()) : name;
        return e.findAttribute(logical).orElseThrow(() -> new RapportException(ErrorCode.ATTRIBUTE_NOT_FOUND,
                "Could not find a property named '" + name + "' on type 'Microsoft.Dynamics.CRM." + e.logicalName()
                        + "'.", name));
    }

    private static Token reverse(Token op) {
        String r = switch (op.text()) {
            case "gt" -> "lt";
            case "lt" -> "gt";
            case "ge" -> "le";
            case "le" -> "ge";
            default -> op.text();
        };
        return new Token(op.type(), r, null, op.position());
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type() == Type.END) {
            throw error(t, "the expression ends too early");
        }
        pos++;
        return t;
    }

    private Token expect(Type type, String what) {
        Token t = tokens.get(pos);
        if (t.type() != type) {
            throw error(t, "expected " + what + " but found " + (t.type() == Type.END ? "the end" : "'" + t.text()
                    + "'"));
        }
        pos++;
        return t;
    }

    private Token expectName() {
        return expect(Type.NAME, "a property name");
    }

    private RapportException error(Token t, String what) {
        return FilterLexer.error(source, t.position(), what);
    }
}
