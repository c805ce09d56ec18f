package io.rapport.store.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.LinkEntity;
import io.rapport.query.LinkFilter;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess;
import io.rapport.query.RecordAccess.AccessRule;
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
 * <p>The key is the whole query with the id of every equality condition on an id replaced by a marker (the related
 * list of one account and of another, a customer's default entitlement: one statement, each read binding its own ids
 * where the markers were; other values stay in the key, so two filters differing in them never share a statement),
 * the metadata snapshot (a customization publishes a new snapshot, whose queries compile afresh), the caller's user,
 * business unit, teams and time zone, and the row access rules of every entity the compiler asked a rule for (learned
 * by compiling once with a context that records them; which entities a query consults follows from the query and the
 * metadata alone). Two callers whose rules differ for any of those entities never share a statement. A query whose
 * compiling read the clock (relative dates: "last 7 days", "today"), asked for a total count, or has bind values other
 * than plain JDBC values, is not kept and compiles every time as before; one whose compiled binds do not hold each
 * marker exactly once (an id compared as text) is kept by its own values, as before markers. The kept statement runs
 * through jOOQ as plain SQL with its binds: the same SQL text and binds, and execute listeners see it.
 */
final class ListStatements {

    /**
     * A kept statement: its SQL and binds, the result's fields, the compiled query's readers, and where the marked ids
     * are bound ({@code markers[i]}: the bind index of the query's i-th marked id; empty when kept by its own values).
     */
    record Shape(String sql, Object[] binds, Field<?>[] fields, QueryCompiler.Compiled compiled, int[] markers) {

        boolean kept() {
            return sql != null;
        }

        /** This statement with the given ids bound where its markers are. */
        Shape bind(List<UUID> ids) {
            if (markers.length == 0) {
                return this;
            }
            Object[] bound = binds.clone();
            for (int i = 0; i < markers.length; i++) {
                bound[markers[i]] = ids.get(i);
            }
            return new Shape(sql, bound, fields, compiled, markers);
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
    /** Marks a marked plan whose queries are kept by their own values instead (a marker not bound as it was). */
    private static final List<String> UNMARKED = List.of("\u0000unmarked");
    /**
     * The markers compiled in place of ids, in the order met: no record has them (drawn at start-up). The first is
     * also {@link ByIdStatements}'s.
     */
    static final List<UUID> MARKERS = java.util.stream.Stream.generate(UUID::randomUUID).limit(16).toList();

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
        Marked marked = Marked.of(q);
        if (!marked.ids().isEmpty()) {
            Plan plan = new Plan(snapshot, marked.query());
            if (consulted.getIfPresent(plan) != UNMARKED) {
                Lookup found = shape(plan, q, ctx, compilers, marked.ids().size());
                if (found != null) {
                    return new Lookup(found.shape().bind(marked.ids()), found.hit());
                }
                consulted.put(plan, UNMARKED);
            }
        }
        return shape(new Plan(snapshot, q), q, ctx, compilers, 0);
    }

    /**
     * The statement of {@code q} by the plan (its query, or its query with markers): a kept one, or, for a plan never
     * kept, {@code q} compiled as it is; with {@code markers}, {@code null} when the compiled binds do not hold each of
     * the first {@code markers} markers exactly once.
     */
    private Lookup shape(Plan plan, QueryExpression q, QueryContext ctx,
            Function<QueryContext, QueryCompiler> compilers, int markers) {
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
        QueryCompiler.Compiled compiled = compilers.apply(recording.context()).compile(plan.query());
        int[] at = markers == 0 ? new int[0] : markerIndexes(compiled.select().getBindValues(), markers);
        if (at == null) {
            return null;
        }
        Shape shape = recording.clockRead() ? null : keep(compiled, at);
        if (shape == null) {
            consulted.put(plan, NEVER);
            return new Lookup(plain(markers == 0 ? compiled : compilers.apply(ctx).compile(q)), false);
        }
        List<String> names = List.copyOf(recording.rules.keySet());
        consulted.put(plan, names);
        shapes.put(key(plan, ctx, names), shape);
        return new Lookup(shape, false);
    }

    /**
     * Where each of the first {@code count} markers is bound, or {@code null} unless each is bound exactly once (and
     * no other marker is bound). Shared with {@link ByIdStatements}.
     */
    static int[] markerIndexes(List<Object> binds, int count) {
        int[] at = new int[count];
        java.util.Arrays.fill(at, -1);
        for (int i = 0; i < binds.size(); i++) {
            int m = binds.get(i) instanceof UUID id ? MARKERS.indexOf(id) : -1;
            if (m >= count || m >= 0 && at[m] >= 0) {
                return null;
            }
            if (m >= 0) {
                at[m] = i;
            }
        }
        return java.util.Arrays.stream(at).allMatch(i -> i >= 0) ? at : null;
    }

    private static Key key(Plan plan, QueryContext ctx, List<String> entities) {
        List<AccessRule> rules = new ArrayList<>(entities.size());
        for (String e : entities) {
            rules.add(ctx.access().ruleFor(e));
        }
        return new Key(plan, ctx.userId(), ctx.businessUnitId(), ctx.teamIds(), ctx.zone(), rules);
    }

    private static Shape plain(QueryCompiler.Compiled compiled) {
        return new Shape(null, null, null, compiled, new int[0]);
    }

    private static Shape keep(QueryCompiler.Compiled compiled, int[] markers) {
        if (compiled.count() != null) {
            return null;
        }
        List<Object> binds = compiled.select().getBindValues();
        if (binds.size() > MAX_BINDS) {
            return null;
        }
        for (Object v : binds) {
            if (!ByIdStatements.plainBind(v)) {
                return null;
            }
        }
        Field<?>[] fields = ByIdStatements.resultFields(compiled);
        // only what reading the rows needs: the jOOQ query tree is left to the collector
        QueryCompiler.Compiled readers = new QueryCompiler.Compiled(null, null, compiled.readers(), compiled.id(),
                compiled.version(), compiled.pageSize(), compiled.aggregate());
        return new Shape(compiled.select().getSQL(), binds.toArray(), fields, readers, markers);
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

    /**
     * A query with the id of every equality condition on an id (of the root, of a linked entity, inside an exists-test)
     * replaced by a marker, in the order met, and those ids; at most as many as there are markers, the rest left as
     * they are.
     */
    record Marked(QueryExpression query, List<UUID> ids) {

        static Marked of(QueryExpression q) {
            List<UUID> ids = new ArrayList<>();
            Filter criteria = mark(q.criteria(), ids);
            List<LinkEntity> links = mark(q.links(), ids);
            if (ids.isEmpty()) {
                return new Marked(q, List.of());
            }
            return new Marked(new QueryExpression(q.entityName(), q.columns(), criteria, links, q.orders(),
                    q.topCount(), q.paging(), q.distinct(), q.groupBy(), q.aggregates(), q.lookupNames(),
                    q.topPerValue()), ids);
        }

        private static List<LinkEntity> mark(List<LinkEntity> links, List<UUID> ids) {
            List<LinkEntity> marked = new ArrayList<>(links.size());
            for (LinkEntity l : links) {
                marked.add(new LinkEntity(l.entityName(), l.attribute(), l.parentAttribute(), l.alias(),
                        l.joinType(), l.columns(), mark(l.filter(), ids), mark(l.links(), ids)));
            }
            return marked;
        }

        private static Filter mark(Filter f, List<UUID> ids) {
            if (f instanceof Condition c) {
                if (c.operator() == ConditionOperator.EQUAL && c.values().size() == 1
                        && c.values().get(0) instanceof UUID id && ids.size() < MARKERS.size()) {
                    Condition marked = new Condition(c.entityAlias(), c.attribute(), c.operator(),
                            List.of(MARKERS.get(ids.size())));
                    ids.add(id);
                    return marked;
                }
                return c;
            }
            if (f instanceof Filter.Group g) {
                List<Filter> children = new ArrayList<>(g.children().size());
                for (Filter child : g.children()) {
                    children.add(mark(child, ids));
                }
                return new Filter.Group(g.operator(), children, g.negated());
            }
            if (f instanceof LinkFilter l) {
                return new LinkFilter(l.kind(), l.entityName(), l.attribute(), l.parentAttribute(),
                        mark(l.filter(), ids));
            }
            return f;
        }
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
