package io.rapport.store.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.types.Values;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import io.rapport.query.QueryContext;
import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.store.RowSecuritySql;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/** Translates filter trees, join conditions and row access rules into SQL conditions. */
final class FilterCompiler {

    private static final int MAX_HIERARCHY_DEPTH = 100;

    private final MetadataSnapshot snapshot;
    private final QueryContext ctx;
    private final Map<String, Scope> scopes;
    private final Function<String, String> aliases;
    private final RowSecuritySql rowSecurity;

    FilterCompiler(MetadataSnapshot snapshot, QueryContext ctx, Map<String, Scope> scopes,
            Function<String, String> aliases, RowSecuritySql rowSecurity) {
        this.snapshot = snapshot;
        this.rowSecurity = rowSecurity;
        this.ctx = ctx;
        this.scopes = scopes;
        this.aliases = aliases;
    }

    Condition compile(Filter filter, Scope scope) {
        if (filter instanceof Filter.Group g) {
            return group(g, scope);
        }
        if (filter instanceof io.rapport.query.Condition c) {
            return condition(c, scope);
        }
        return link((LinkFilter) filter, scope);
    }

    private Condition group(Filter.Group g, Scope scope) {
        List<Condition> parts = new ArrayList<>();
        for (Filter child : g.children()) {
            parts.add(compile(child, scope));
        }
        Condition c = parts.isEmpty() ? DSL.noCondition()
                : g.operator() == Filter.Logical.AND ? DSL.and(parts) : DSL.or(parts);
        return g.negated() ? DSL.not(c) : c;
    }

    /** The condition joining a linked entity to its parent, including the type test of polymorphic lookups. */
    Condition joinCondition(Scope parent, String parentAttribute, Scope child, String childAttribute) {
        AttributeMetadata pa = Sql.queryable(parent.entity(), parentAttribute);
        AttributeMetadata ca = Sql.queryable(child.entity(), childAttribute);
        Condition on = Sql.field(child.alias(), ca).eq(Sql.field(parent.alias(), pa));
        if (ca.isPolymorphic()) {
            on = on.and(Sql.typeField(child.alias(), ca).eq(parent.entity().logicalName()));
        }
        if (pa.isPolymorphic()) {
            on = on.and(Sql.typeField(parent.alias(), pa).eq(child.entity().logicalName()));
        }
        return on;
    }

    /** The rows of the scope's entity the caller may read, in the SQL the security module supplies. */
    Condition access(Scope scope) {
        AccessRule rule = ctx.access().ruleFor(scope.entity().logicalName());
        if (rule.all()) {
            return DSL.noCondition();
        }
        return rowSecurity.readable(rule, securedRow(scope));
    }

    /** The same rows as {@link #access} as disjoint parts whose union they are; empty when there are none. */
    List<Condition> accessParts(Scope scope) {
        AccessRule rule = ctx.access().ruleFor(scope.entity().logicalName());
        return rule.all() ? List.of() : rowSecurity.readableParts(rule, securedRow(scope));
    }

    private static RowSecuritySql.SecuredRow securedRow(Scope scope) {
        EntityMetadata e = scope.entity();
        Field<UUID> owner = e.hasAttribute("ownerid") ? Sql.column(scope.alias(), "ownerid", UUID.class) : null;
        return new RowSecuritySql.SecuredRow(e.logicalName(), Sql.id(scope.alias(), e), owner,
                businessUnitColumn(scope));
    }

    /**
     * The column naming the business unit a row belongs to: the owning business unit of user-owned rows, the
     * business unit lookup of business-owned rows (users, teams, roles), a business unit's own id.
     */
    private static Field<UUID> businessUnitColumn(Scope scope) {
        EntityMetadata e = scope.entity();
        if (e.hasAttribute("owningbusinessunit")) {
            return Sql.column(scope.alias(), "owningbusinessunit", UUID.class);
        }
        if (e.logicalName().equals("businessunit")) {
            return Sql.id(scope.alias(), e);
        }
        if (e.findAttribute("businessunitid").filter(a -> a.targets().contains("businessunit")).isPresent()) {
            return Sql.column(scope.alias(), "businessunitid", UUID.class);
        }
        return null;
    }

    private Condition link(LinkFilter l, Scope parent) {
        EntityMetadata e = snapshot.entity(l.entityName());
        Scope child = new Scope(e, aliases.apply("x"));
        Condition join = joinCondition(parent, l.parentAttribute(), child, l.attribute()).and(access(child));
        Condition inner = l.filter() == null ? DSL.trueCondition() : compile(l.filter(), child);
        var sub = DSL.selectOne().from(Sql.table(e.logicalName(), child.alias())).where(join);
        return switch (l.kind()) {
            case ANY -> DSL.exists(sub.and(inner));
            case NOT_ANY -> DSL.notExists(sub.and(inner));
            case ALL -> DSL.notExists(sub.and(DSL.not(inner)));
            case NOT_ALL -> DSL.exists(sub.and(DSL.not(inner)));
        };
    }

    private Condition condition(io.rapport.query.Condition c, Scope scope) {
        Scope target = scope;
        if (c.entityAlias() != null) {
            target = scopes.get(c.entityAlias());
            if (target == null) {
                throw new RapportException(ErrorCode.QUERY_INVALID,
                        "No linked entity has the alias '" + c.entityAlias() + "'.");
            }
        }
        AttributeMetadata a = Sql.queryable(target.entity(), c.attribute());
        ConditionOperator op = c.operator();
        checkArity(c, a);
        Field<Object> f = Sql.field(target.alias(), a);
        boolean text = a.type().isText();
        return switch (op) {
            case EQUAL -> text ? DSL.lower(text(f)).eq(lower(a, c.value())) : f.eq(value(a, c.value()));
            case NOT_EQUAL -> text ? DSL.lower(text(f)).ne(lower(a, c.value()))
                    : f.ne(value(a, c.value()));
            case GREATER_THAN -> f.gt(value(a, c.value()));
            case GREATER_EQUAL -> f.ge(value(a, c.value()));
            case LESS_THAN -> f.lt(value(a, c.value()));
            case LESS_EQUAL -> f.le(value(a, c.value()));
            case LIKE -> textField(a, f).likeIgnoreCase(text(a, c.value()));
            case NOT_LIKE -> textField(a, f).notLikeIgnoreCase(text(a, c.value()));
            case BEGINS_WITH -> beginsWith(a, f, text(a, c.value()));
            case NOT_BEGIN_WITH -> DSL.not(textField(a, f).startsWithIgnoreCase(text(a, c.value())));
            case ENDS_WITH -> textField(a, f).endsWithIgnoreCase(text(a, c.value()));
            case NOT_END_WITH -> DSL.not(textField(a, f).endsWithIgnoreCase(text(a, c.value())));
            case CONTAINS -> textField(a, f).containsIgnoreCase(text(a, c.value()));
            case NOT_CONTAIN -> DSL.not(textField(a, f).containsIgnoreCase(text(a, c.value())));
            case IN -> in(a, f, c.values());
            case NOT_IN -> DSL.not(in(a, f, c.values()));
            case NULL -> f.isNull();
            case NOT_NULL -> f.isNotNull();
            case BETWEEN -> f.between(value(a, c.values().get(0)), value(a, c.values().get(1)));
            case NOT_BETWEEN -> f.notBetween(value(a, c.values().get(0)), value(a, c.values().get(1)));
            case ON, NOT_ON, ON_OR_BEFORE, ON_OR_AFTER -> {
                requireDate(a, op);
                DateRanges r = DateRanges.ofDay(op, day(a, c.value()), ctx.zone());
                Condition in = range(a, f, r);
                yield op == ConditionOperator.NOT_ON ? DSL.not(in) : in;
            }
            case UNDER, UNDER_OR_EQUAL, NOT_UNDER, ABOVE, ABOVE_OR_EQUAL -> hierarchy(target, a, op, c.value());
            case EQUAL_USER_ID -> f.eq(ctx.userId());
            case NOT_EQUAL_USER_ID -> f.isNull().or(f.ne(ctx.userId()));
            case EQUAL_BUSINESS_ID -> f.eq(ctx.businessUnitId());
            case NOT_EQUAL_BUSINESS_ID -> f.isNull().or(f.ne(ctx.businessUnitId()));
            case CONTAIN_VALUES -> containValues(a, f, c.values());
            case NOT_CONTAIN_VALUES -> f.isNull().or(DSL.not(containValues(a, f, c.values())));
            default -> {
                requireDate(a, op);
                Integer count = op.takesCount() ? count(c) : null;
                yield range(a, f, relative(c, count));
            }
        };
    }

    private void checkArity(io.rapport.query.Condition c, AttributeMetadata a) {
        int arity = c.operator().arity();
        int n = c.values().size();
        boolean ok = arity == -1 ? n >= 1 : n == arity;
        if (!ok) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The condition operator " + c.operator()
                    + " on '" + a.logicalName() + "' expects " + (arity == -1 ? "at least one value" : arity
                    + " value(s)") + " but got " + n + ".", a.logicalName());
        }
    }

    private Object value(AttributeMetadata a, Object v) {
        if (v == null) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "Use the null operator to compare '"
                    + a.logicalName() + "' with null.", a.logicalName());
        }
        return QueryValues.toColumn(a, v, ctx.zone());
    }

    /** The same column typed as text for jOOQ, without an SQL cast (a cast would hide it from its index). */
    private static Field<String> text(Field<Object> f) {
        return DSL.field(f.getQualifiedName(), String.class);
    }

    /**
     * Begins-with, case-insensitive, as a range on lower(column) plus the LIKE itself: the range lets an index on
     * lower(column) seek to the prefix (and return rows in order) whatever the collation; the LIKE keeps it exact.
     */
    private static Condition beginsWith(AttributeMetadata a, Field<Object> f, String prefix) {
        Field<String> lower = DSL.lower(textField(a, f));
        Condition like = textField(a, f).startsWithIgnoreCase(prefix);
        String low = prefix.toLowerCase(java.util.Locale.ROOT);
        if (low.isEmpty() || low.charAt(low.length() - 1) == Character.MAX_VALUE) {
            return like;
        }
        String high = low.substring(0, low.length() - 1) + (char) (low.charAt(low.length() - 1) + 1);
        return lower.ge(low).and(lower.lt(high)).and(like);
    }

    private String lower(AttributeMetadata a, Object v) {
        return value(a, v).toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static Field<String> textField(AttributeMetadata a, Field<Object> f) {
        if (!a.type().isText()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The attribute '" + a.logicalName()
                    + "' is not text; like, begins-with, ends-with and contains need a text attribute.",
                    a.logicalName());
        }
        return text(f);
    }

    private String text(AttributeMetadata a, Object v) {
        return value(a, v).toString();
    }

    private Condition in(AttributeMetadata a, Field<Object> f, List<Object> values) {
        if (a.type().isText()) {
            return DSL.lower(text(f)).in(values.stream().map(v -> lower(a, v)).toList());
        }
        return f.in(values.stream().map(v -> value(a, v)).toList());
    }

    private Condition containValues(AttributeMetadata a, Field<Object> f, List<Object> values) {
        if (!a.type().isMultiSelect()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "contain-values needs a multi-select choice; '"
                    + a.logicalName() + "' is " + a.type().dataverseName() + ".", a.logicalName());
        }
        List<Condition> any = new ArrayList<>();
        for (Object v : values) {
            any.add(text(f).contains("," + value(a, v) + ","));
        }
        return DSL.or(any);
    }

    /** The dates both databases store: years 1 to 9999. */
    private static final java.time.Instant FIRST_DAY = java.time.Instant.parse("0001-01-01T00:00:00Z");
    private static final java.time.Instant LAST_DAY = java.time.Instant.parse("9999-12-31T23:59:59Z");

    /** The calendar day of an on / on-or-before / on-or-after condition. */
    private LocalDate day(AttributeMetadata a, Object value) {
        try {
            return Values.toLocalDate(value, ctx.zone());
        } catch (java.time.DateTimeException e) {
            throw QueryValues.invalid(a, value);
        }
    }

    /** The range of a relative date operator; a count that reaches past the calendar's years is refused. */
    private DateRanges relative(io.rapport.query.Condition c, Integer count) {
        try {
            DateRanges r = DateRanges.of(c.operator(), count, ZonedDateTime.now(ctx.clock())
                    .withZoneSameInstant(ctx.zone()));
            if (r.from() != null && r.from().isBefore(FIRST_DAY) || r.to() != null && r.to().isAfter(LAST_DAY)) {
                throw new java.time.DateTimeException("beyond the years 1 to 9999");
            }
            return r;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The operator " + c.operator() + " with " + count
                    + " units reaches a date out of range (years 1 to 9999).", c.attribute());
        }
    }

    private static int count(io.rapport.query.Condition c) {
        try {
            int n = Integer.parseInt(c.value().toString().trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The operator " + c.operator()
                    + " needs a whole number of units, not '" + c.value() + "'.", c.attribute());
        }
    }

    private static void requireDate(AttributeMetadata a, ConditionOperator op) {
        if (!a.type().isDate()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The operator " + op + " needs a date attribute; '"
                    + a.logicalName() + "' is " + a.type().dataverseName() + ".", a.logicalName());
        }
    }

    private Condition range(AttributeMetadata a, Field<Object> f, DateRanges r) {
        Condition c = DSL.noCondition();
        if (a.type().isDateOnly()) {
            if (r.from() != null) {
                c = c.and(f.ge(LocalDate.ofInstant(r.from(), ctx.zone())));
            }
            if (r.to() != null) {
                LocalDateTime to = LocalDateTime.ofInstant(r.to(), ctx.zone());
                LocalDate end = to.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? to.toLocalDate()
                        : to.toLocalDate().plusDays(1);
                c = c.and(f.lt(end));
            }
            return c;
        }
        if (r.from() != null) {
            c = c.and(f.ge(LocalDateTime.ofInstant(r.from(), ZoneOffset.UTC)));
        }
        if (r.to() != null) {
            c = c.and(f.lt(LocalDateTime.ofInstant(r.to(), ZoneOffset.UTC)));
        }
        return c;
    }

    private Condition hierarchy(Scope scope, AttributeMetadata a, ConditionOperator op, Object v) {
        EntityMetadata e = scope.entity();
        if (e.hierarchyAttribute() == null) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The entity '" + e.logicalName()
                    + "' has no hierarchy; " + op + " cannot be used.", a.logicalName());
        }
        if (!a.logicalName().equals(e.primaryIdAttribute())) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The operator " + op
                    + " compares the primary key '" + e.primaryIdAttribute() + "', not '" + a.logicalName() + "'.",
                    a.logicalName());
        }
        UUID id;
        try {
            id = Values.toUuid(v);
        } catch (NumberFormatException notAnId) {
            throw QueryValues.invalid(a, v);
        }
        boolean down = op == ConditionOperator.UNDER || op == ConditionOperator.UNDER_OR_EQUAL
                || op == ConditionOperator.NOT_UNDER;
        var related = relatives(e, id, down);
        Field<UUID> pk = Sql.id(scope.alias(), e);
        return switch (op) {
            case UNDER, ABOVE -> pk.in(related);
            case UNDER_OR_EQUAL, ABOVE_OR_EQUAL -> pk.in(related).or(pk.eq(id));
            case NOT_UNDER -> pk.notIn(related);
            default -> throw new IllegalStateException();
        };
    }

    /** Ids of all records under (down) or above the given one, by a recursive query bounded in depth. */
    private org.jooq.Select<org.jooq.Record1<UUID>> relatives(EntityMetadata e, UUID id, boolean down) {
        String h = aliases.apply("h");
        String seed = aliases.apply("hs");
        String step = aliases.apply("hr");
        Field<UUID> hId = DSL.field(DSL.name(h, "id"), UUID.class);
        Field<Integer> hDepth = DSL.field(DSL.name(h, "depth"), Integer.class);
        Field<UUID> seedPk = Sql.id(seed, e);
        Field<UUID> seedParent = Sql.column(seed, e.hierarchyAttribute(), UUID.class);
        Field<UUID> stepPk = Sql.id(step, e);
        Field<UUID> stepParent = Sql.column(step, e.hierarchyAttribute(), UUID.class);
        CommonTableExpression<Record2<UUID, Integer>> cte = DSL.name(h).fields("id", "depth").as(down
                ? DSL.select(seedPk, DSL.inline(1)).from(Sql.table(e.logicalName(), seed)).where(seedParent.eq(id))
                        .unionAll(DSL.select(stepPk, hDepth.plus(1)).from(Sql.table(e.logicalName(), step))
                                .join(DSL.table(DSL.name(h))).on(stepParent.eq(hId))
                                .where(hDepth.lt(MAX_HIERARCHY_DEPTH)))
                : DSL.select(seedParent, DSL.inline(1)).from(Sql.table(e.logicalName(), seed)).where(seedPk.eq(id))
                        .unionAll(DSL.select(stepParent, hDepth.plus(1)).from(Sql.table(e.logicalName(), step))
                                .join(DSL.table(DSL.name(h))).on(stepPk.eq(hId))
                                .where(hDepth.lt(MAX_HIERARCHY_DEPTH))));
        return DSL.withRecursive(cte).select(cte.field("id", UUID.class)).from(cte)
                .where(cte.field("id", UUID.class).isNotNull());
    }
}
