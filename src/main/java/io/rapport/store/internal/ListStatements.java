package io.rapport.store.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess;
import io.rapport.query.RecordAccess.AccessRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The statements of list reads (a view's page in the UI, a Web API collection), compiled and rendered once per query
 * and caller instead of once per read. The UI's first page of a view is asked again and again with the same query by
 * the same user, and compiling it and rendering its SQL with jOOQ cost more than running it.
 *
 * <p>The key is the whole query (its values included, so two filters of the same shape never share a statement),
 * the metadata snapshot (a customization publishes a new snapshot, whose queries compile afresh), the caller's user,
 * business unit, teams and time zone, and the row access rules of every entity the compiler asked a rule for (learned
 * by compiling once with a context that records them; which entities a query consults follows from the query and the
 * metadata alone). Two callers whose rules differ for any of those entities never share a statement. A query whose
 * compiling read the clock (relative dates: "last 7 days", "today"), asked for a total count, or has bind values other
 * than plain JDBC values, is not kept and compiles every time as before. The kept statement runs through jOOQ as plain
 * SQL with its binds: the same SQL text and binds, and execute listeners see it.
 */
final class ListStatements {

    /** A kept statement: its SQL and binds, the result's fields, and the compiled query's readers. */
    record Shape(String sql, Object[] binds, Field<?>[] fields, QueryCompiler.Compiled compiled) {

        boolean kept() {
            return sql != null;
        }
    }

    /** The result of a look-up: the shape to run, and whether it came from the cache (for tests). */
    record Lookup(Shape shape, boolean hit) {
    }

    private record Plan(MetadataSnapshot snapshot, QueryExpression query) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Plan p && p.snapshot == snapshot && p.query.equals(query);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(snapshot) * 31 + query.hashCode();
        }
    }

    private record Key(Plan plan, UUID userId, UUID businessUnitId, Set<UUID> teamIds, ZoneId zone,
            List<AccessRule> rules) {
    }

    /** Queries with more binds than this (long IN lists of imports and merges) are not kept. */
    static final int MAX_BINDS = 100;
    static final int MAX_SHAPES = 2_000;
    static final long MAX_WEIGHT = 4_000;

    /** Marks a plan that is never kept. */
    private static final List<String> NEVER = List.of("\u0000never");

    /** The entities whose rules a plan's compiling consulted, in order; {@link #NEVER} when not kept. */
    private final Cache<Plan, List<String>> consulted = Caffeine.newBuilder().maximumSize(MAX_SHAPES)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    /**
     * Bounded by the kept SQL text (a statement weighs one per started KiB of it: at most a few MiB in all, the
     * compiled query's jOOQ tree is not kept); a shape of a replaced snapshot or of a caller gone leaves once unused
     * for a while.
     */
    private final Cache<Key, Shape> shapes = Caffeine.newBuilder().maximumWeight(MAX_WEIGHT)
            .<Key, Shape>weigher((k, s) -> 1 + s.sql().length() / 1024)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /**
     * The statement of {@code q} for the caller of {@code ctx}: a kept one, or one compiled now by a compiler that
     * {@code compilers} makes for the given context (kept for the next read when it may be).
     */
    Lookup shape(MetadataSnapshot snapshot, QueryExpression q, QueryContext ctx,
            Function<QueryContext, QueryCompiler> compilers) {
        Plan plan = new Plan(snapshot, q);
        List<String> entities = consulted.getIfPresent(plan);
        if (entities == NEVER) {
            return new Lookup(plain(compilers.apply(ctx).compile(q)), false);
        }
        if (entities != null) {
            Shape kept = shapes.getIfPresent(key(plan, ctx, entities));
            if (kept != null) {
                return new Lookup(kept, true);
            }
        }
        Recording recording = new Recording(ctx);
        QueryCompiler.Compiled compiled = compilers.apply(recording.context()).compile(q);
        Shape shape = recording.clockRead() ? null : keep(compiled);
        if (shape == null) {
            consulted.put(plan, NEVER);
            return new Lookup(plain(compiled), false);
        }
        List<String> names = List.copyOf(recording.rules.keySet());
        consulted.put(plan, names);
        shapes.put(key(plan, ctx, names), shape);
        return new Lookup(shape, false);
    }

    private static Key key(Plan plan, QueryContext ctx, List<String> entities) {
        List<AccessRule> rules = new ArrayList<>(entities.size());
        for (String e : entities) {
            rules.add(ctx.access().ruleFor(e));
        }
        return new Key(plan, ctx.userId(), ctx.businessUnitId(), ctx.teamIds(), ctx.zone(), rules);
    }

    private static Shape plain(QueryCompiler.Compiled compiled) {
        return new Shape(null, null, null, compiled);
    }

    private static Shape keep(QueryCompiler.Compiled compiled) {
        if (compiled.count() != null) {
            return null;
        }
        List<Object> binds = compiled.select().getBindValues();
        if (binds.size() > MAX_BINDS) {
            return null;
        }
        for (Object v : binds) {
            if (!(v instanceof UUID || v instanceof String || v instanceof Integer || v instanceof Long
                    || v instanceof BigDecimal)) {
                return null;
            }
        }
        Field<?>[] fields = ByIdStatements.resultFields(compiled);
        // only what reading the rows needs: the jOOQ query tree is left to the collector
        QueryCompiler.Compiled readers = new QueryCompiler.Compiled(null, null, compiled.readers(), compiled.id(),
                compiled.version(), compiled.pageSize(), compiled.aggregate());
        return new Shape(compiled.select().getSQL(), binds.toArray(), fields, readers);
    }

    /** Runs a kept statement through jOOQ as plain SQL with its binds (no compiling, no rendering). */
    static Result<Record> fetch(DSLContext dsl, Shape shape, int timeoutSeconds) {
        return ByIdStatements.run(dsl, shape.sql(), shape.binds().clone(), shape.fields(), timeoutSeconds);
    }

    /** Estimated number of kept statements (for tests). */
    long size() {
        shapes.cleanUp();
        return shapes.estimatedSize();
    }

    /** A context that notes the rules asked for and whether the clock was read. */
    private static final class Recording {

        private final QueryContext context;
        private final Map<String, AccessRule> rules = new LinkedHashMap<>();
        private final NotingClock clock;

        Recording(QueryContext ctx) {
            this.clock = new NotingClock(ctx.clock());
            RecordAccess access = ctx.access();
            RecordAccess noting = entity -> rules.computeIfAbsent(entity, access::ruleFor);
            this.context = new QueryContext(ctx.userId(), ctx.businessUnitId(), ctx.teamIds(), ctx.zone(), clock,
                    noting);
        }

        QueryContext context() {
            return context;
        }

        boolean clockRead() {
            return clock.read;
        }
    }

    /** A clock that notes being read. */
    private static final class NotingClock extends Clock {

        private final Clock clock;
        private boolean read;

        NotingClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ZoneId getZone() {
            read = true;
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            read = true;
            return clock.withZone(zone);
        }

        @Override
        public Instant instant() {
            read = true;
            return clock.instant();
        }

        @Override
        public long millis() {
            read = true;
            return clock.millis();
        }
    }
}
