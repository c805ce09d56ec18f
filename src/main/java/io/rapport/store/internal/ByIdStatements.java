package io.rapport.store.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess.AccessRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The statements of reads by primary key, compiled and rendered once per query shape instead of once per read.
 * A read by id (the Web API's {@code GET accounts(id)}, the pipeline's Retrieve and pre-image reads) differs from
 * the previous one of its shape only in the id, yet compiling the query and rendering its SQL with jOOQ cost more
 * than the statement itself. The shape is the query with its id replaced by a marker, the root entity's row access
 * rule of the caller (whose owner, business unit and principal ids are binds of the SQL) and the metadata snapshot;
 * the compiled statement of a shape is kept with its SQL text and bind values, the marker's position among them
 * noted, and a read binds its own id there. Everything else is as before: the same SQL text, the same row access
 * condition, the same column readers. Only shapes whose bind values are plain JDBC values (ids, text, numbers) are
 * kept; any other query compiles as it always did.
 */
final class ByIdStatements {

    /** Where a read of this shape binds its id. */
    record Shape(String sql, Object[] binds, int idIndex, Field<?>[] fields, QueryCompiler.Compiled compiled) {
    }

    private record Key(MetadataSnapshot snapshot, QueryExpression shape, AccessRule rule) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.snapshot == snapshot && k.shape.equals(shape) && k.rule.equals(rule);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(snapshot) * 31 * 31 + shape.hashCode() * 31 + rule.hashCode();
        }
    }

    /** The marker compiled in place of the id: no record has it (the first of the list statements' markers). */
    private static final UUID MARKER = ListStatements.MARKERS.get(0);
    private static final Shape NOT_CACHED = new Shape(null, null, -1, null, null);

    /** The existence check's SQL by table and id column; empty when it does not render with the id as its one bind. */
    private final Map<String, String> existence = new ConcurrentHashMap<>();

    /** Bounded, and a shape of a replaced metadata snapshot (or of a caller gone) leaves once unused for a while. */
    private final Cache<Key, Shape> shapes = Caffeine.newBuilder().maximumSize(2_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * Whether the entity's table has a row of this id (a lookup's check). The statement is rendered once per table:
     * jOOQ's rendering of it cost more than running it.
     */
    boolean exists(DSLContext dsl, EntityMetadata entity, UUID id) {
        String sql = existence.computeIfAbsent(entity.logicalName() + '.' + entity.primaryIdAttribute(), k -> {
            Select<?> select = dsl.select(DSL.field(DSL.exists(DSL.selectOne().from(Sql.table(entity))
                    .where(Sql.id(null, entity).eq(MARKER)))));
            return select.getBindValues().equals(List.of(MARKER)) ? select.getSQL() : "";
        });
        if (sql.isEmpty()) {
            return dsl.fetchExists(DSL.selectOne().from(Sql.table(entity)).where(Sql.id(null, entity).eq(id)));
        }
        return Boolean.TRUE.equals(dsl.resultQuery(sql, id).fetchOne(0, Boolean.class));
    }

    /** The id of a query that reads one record by primary key, and nothing else, or empty. */
    static Optional<UUID> idOf(MetadataSnapshot snapshot, QueryExpression q) {
        if (!(q.criteria() instanceof Condition c) || c.entityAlias() != null || c.operator() != ConditionOperator.EQUAL
                || c.values().size() != 1 || !(c.values().get(0) instanceof UUID id) || !q.links().isEmpty()
                || q.isAggregate() || q.distinct() || q.topPerValue() != null || !q.groupBy().isEmpty()
                || q.paging() != null) {
            return Optional.empty();
        }
        EntityMetadata e = snapshot.findEntity(q.entityName()).orElse(null);
        return e != null && c.attribute().equals(e.primaryIdAttribute()) ? Optional.of(id) : Optional.empty();
    }

    /**
     * The shape of a read by {@code id} (see {@link #idOf}), compiled by {@code compiler} with the marker on first
     * use; {@code null} when this shape is not kept (its binds are not plain values).
     */
    Shape shape(MetadataSnapshot snapshot, QueryExpression q, QueryContext ctx, Supplier<QueryCompiler> compiler) {
        Condition c = (Condition) q.criteria();
        QueryExpression marked = new QueryExpression(q.entityName(), q.columns(),
                new Condition(null, c.attribute(), ConditionOperator.EQUAL, List.of(MARKER)), q.links(), q.orders(),
                q.topCount(), q.paging(), false, q.groupBy(), q.aggregates(), q.lookupNames(), null);
        Key key = new Key(snapshot, marked, ctx.access().ruleFor(q.entityName()));
        Shape shape = shapes.get(key, k -> compile(compiler.get(), marked));
        return shape == NOT_CACHED ? null : shape;
    }

    private static Shape compile(QueryCompiler compiler, QueryExpression marked) {
        QueryCompiler.Compiled compiled = compiler.compile(marked);
        if (compiled.count() != null) {
            return NOT_CACHED;
        }
        List<Object> binds = compiled.select().getBindValues();
        int[] at = ListStatements.markerIndexes(binds, 1);
        if (at == null || !binds.stream().allMatch(ByIdStatements::plainBind)) {
            return NOT_CACHED;
        }
        return new Shape(compiled.select().getSQL(), binds.toArray(), at[0], resultFields(compiled), compiled);
    }

    /**
     * Runs the shape's statement for {@code id}: the rows typed by the compiled select's fields. The kept SQL text runs
     * through jOOQ as plain SQL with its binds (no compiling, no rendering), so that execute listeners see it as they
     * see every other statement.
     */
    static Result<Record> fetch(DSLContext dsl, Shape shape, UUID id, int timeoutSeconds) {
        Object[] binds = shape.binds().clone();
        binds[shape.idIndex()] = id;
        return run(dsl, shape.sql(), binds, shape.fields(), timeoutSeconds);
    }

    /**
     * Whether a bind value of a compiled query binds the same way when its SQL runs as plain SQL (jOOQ infers the
     * binding from the value's class): ids, text, numbers, yes/no and dates. Shared with {@link ListStatements}.
     */
    static boolean plainBind(Object v) {
        return v instanceof UUID || v instanceof String || v instanceof Integer || v instanceof Long
                || v instanceof java.math.BigDecimal || v instanceof Boolean || v instanceof java.time.LocalDate;
    }

    /** The result's fields of a compiled select by their aliases, as the compiled query's readers find them. */
    static Field<?>[] resultFields(QueryCompiler.Compiled compiled) {
        return compiled.select().getSelect().stream()
                .map(f -> DSL.field(DSL.name(f.getName()), f.getDataType())).toArray(Field<?>[]::new);
    }

    /**
     * Runs kept SQL text through jOOQ as plain SQL with its binds (no compiling, no rendering), the rows typed by the
     * given fields; execute listeners see it as every other statement. Shared with {@link ListStatements}.
     */
    static Result<Record> run(DSLContext dsl, String sql, Object[] binds, Field<?>[] fields, int timeoutSeconds) {
        return dsl.resultQuery(sql, binds).queryTimeout(timeoutSeconds).coerce(fields).fetch();
    }
}
