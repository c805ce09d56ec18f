package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.ChangeTrackingProperties;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.ChangeLog;
import io.rapport.store.ChangeLog.Removal;
import io.rapport.store.RecordStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * RetrieveEntityChanges (Dataverse's message): without a data version every record of the entity the caller may
 * read; with one, the records created or changed since (as the caller may read them now) and the ids of those
 * deleted or no longer readable by the caller since. Both come in row-version order through the version index and
 * the tombstone table, at most one page at a time; {@code DataToken} is the data version to pass next (with
 * {@code MoreRecords} while the pass is not finished).
 *
 * <p>Per message the work is kept to what a sync needs: the Read privilege is checked once (for the action), the
 * rows are read straight from the store with the caller's row access (no nested RetrieveMultiple message and its
 * second check), secured values the caller may not read are removed, and formatted values are added only when
 * asked: always for an SDK caller, unless the Rapport option {@code FormattedValues} is {@code false}, which the Web
 * API passes unless {@code Prefer: odata.include-annotations} asks for them. The action is a plain read (no
 * transaction of its own); the watermark comes from memory ({@link ChangeWatermarks}). The Rapport option
 * {@code Scope} (a query of the entity) limits the records: a first pass reads the matching ones, a later pass reports
 * a changed record that does not match (any more) as removed.
 */
@Component
@EnableConfigurationProperties(ChangeTrackingProperties.class)
class RetrieveEntityChangesAction implements ActionHandler {

    static final String NAME = "RetrieveEntityChanges";
    static final String NEW_OR_UPDATED = "NewOrUpdated";
    static final String REMOVE_OR_DELETED = "RemoveOrDeleted";

    private static final ActionDefinition DEFINITION = new ActionDefinition(NAME, null, true,
            List.of(Parameter.required("EntityName", "String"), Parameter.optional("DataVersion", "String"),
                    Parameter.optional("Columns", "StringArray"), Parameter.optional("PageInfo", "PagingInfo")),
            List.of(Parameter.required("EntityChanges", "BusinessEntityChangesCollection")));

    /** Rapport's in-process option: {@code false} leaves the formatted values out (the Web API's default). */
    static final String FORMATTED_VALUES = "FormattedValues";
    /** Rapport's in-process option: a query whose criteria and links limit the records (an offline profile). */
    static final String SCOPE = "Scope";

    private final ChangeLog changeLog;
    private final ChangeWatermarks watermarks;
    private final AccessChecker access;
    private final AccessSupport accessSupport;
    private final RecordStore store;
    private final FormattedValues formatted;
    private final ChangeTrackingProperties properties;
    private final Clock clock;

    RetrieveEntityChangesAction(ChangeLog changeLog, ChangeWatermarks watermarks, AccessChecker access,
            AccessSupport accessSupport, RecordStore store, FormattedValues formatted,
            ChangeTrackingProperties properties, Clock clock) {
        this.changeLog = changeLog;
        this.watermarks = watermarks;
        this.access = access;
        this.accessSupport = accessSupport;
        this.store = store;
        this.formatted = formatted;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        EntityMetadata e = entity(request, context);
        if (!e.isChangeTracked()) {
            throw RapportException.invalid("Change tracking is not enabled for the entity '" + e.logicalName()
                    + "' (ChangeTrackingEnabled is false).");
        }
        pageSize(request);
        // write-only values (passwords) as every read: asked for by anyone but the system's own jobs, refused
        accessSupport.checkSecrets(context.caller(), columns(request), List.of());
        QueryExpression scope = scope(request);
        if (scope != null) {
            accessSupport.checkSecrets(context.caller(), scope.columns(), scope.links());
        }
        if (request.parameter("DataVersion") instanceof String token && !token.isBlank()) {
            DataVersion.parse(token);
        }
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.entity(entity(request, context).logicalName(), Privilege.READ));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        EntityMetadata e = entity(request, context);
        Instant now = clock.instant();
        DataVersion version = start(request, now);
        int size = pageSize(request);
        Caller caller = context.caller();
        RecordAccess readable = access.readAccess(caller);
        QueryContext query = queryContext(caller, readable);
        QueryExpression scope = scope(request);
        QueryExpression.Builder b = QueryExpression.from(e.logicalName()).columns(columns(request))
                .where(Condition.of("versionnumber", ConditionOperator.GREATER_THAN, version.cursor()))
                .orderBy(Order.asc("versionnumber")).top(size + 1);
        if (scope != null && version.initial()) {
            // a first pass reads the scope's records alone
            narrow(b, scope);
        }
        QueryExpression q = b.build();
        // the action's own check covered Read on the entity; the rows come with the caller's row access in SQL
        List<Entity> rows = store.retrieveMultiple(context.snapshot(), q, query).entities();
        // a later pass: a changed record outside the scope (no longer, or never) is reported as removed
        Set<java.util.UUID> outside = scope == null || version.initial() || rows.isEmpty() ? Set.of()
                : outside(context, e, scope, rows, query);
        if (!rows.isEmpty() && !access.unrestricted(caller)) {
            Set<String> hidden = access.unreadableAttributes(caller, e);
            if (!hidden.isEmpty()) {
                rows.forEach(row -> hidden.forEach(row::remove));
            }
        }
        if (!rows.isEmpty() && !Boolean.FALSE.equals(request.parameter(FORMATTED_VALUES))) {
            formatted.apply(new Execution(caller, context.depth(), context.snapshot(), context.service(),
                    context.sharedVariables(), readable), q, rows);
        }
        List<Removal> removals = version.initial() ? List.of()
                : changeLog.removals(e, version.cursor(), Long.MAX_VALUE, size + 1, query);
        List<Map<String, Object>> changes = new ArrayList<>();
        int r = 0;
        int d = 0;
        long last = version.cursor();
        while (r < rows.size() || d < removals.size()) {
            // the records a caller lost with a role, team or business unit share one version: a page takes all
            boolean group = d < removals.size() && d > 0 && removals.get(d).version() == last;
            if (changes.size() >= size && !group) {
                break;
            }
            boolean row = d >= removals.size() || r < rows.size() && versionOf(rows.get(r)) < removals.get(d).version();
            if (row) {
                Entity entity = rows.get(r++);
                last = versionOf(entity);
                changes.add(outside.contains(entity.id())
                        ? change(REMOVE_OR_DELETED, "RemovedOrDeletedItem", entity.toReference())
                        : change(NEW_OR_UPDATED, "NewOrUpdatedEntity", entity));
            } else {
                Removal removal = removals.get(d++);
                last = removal.version();
                changes.add(change(REMOVE_OR_DELETED, "RemovedOrDeletedItem",
                        new EntityReference(e.logicalName(), removal.id())));
            }
        }
        boolean more = r < rows.size() || d < removals.size();
        DataVersion next = more
                ? new DataVersion(version.safe(), version.safeTime(), last, version.watermark(),
                        version.watermarkTime())
                : finished(version);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Changes", changes);
        result.put("DataToken", next.format());
        result.put("MoreRecords", more);
        return new ActionResponse(Map.of("EntityChanges", result));
    }

    /** Rapport's in-process option {@code Scope}: only records matching the query's criteria and links count. */
    private static QueryExpression scope(ActionRequest request) {
        Object scope = request.parameter(SCOPE);
        if (scope == null) {
            return null;
        }
        if (scope instanceof QueryExpression q) {
            return q;
        }
        throw RapportException.invalid("Scope must be a query of the entity.");
    }

    private static void narrow(QueryExpression.Builder b, QueryExpression scope) {
        if (scope.criteria() != null) {
            b.where(scope.criteria());
        }
        scope.links().forEach(b::link);
    }

    /** The ids among the rows that the scope does not admit. */
    private Set<java.util.UUID> outside(PluginContext context, EntityMetadata e, QueryExpression scope,
            List<Entity> rows, QueryContext query) {
        Set<java.util.UUID> outside = new java.util.HashSet<>();
        rows.forEach(row -> outside.add(row.id()));
        QueryExpression.Builder b = QueryExpression.from(e.logicalName()).columns(ColumnSet.none())
                .where(Condition.of(e.primaryIdAttribute(), ConditionOperator.IN, outside.toArray()));
        narrow(b, scope);
        store.retrieveMultiple(context.snapshot(), b.build(), query).entities().forEach(in -> outside.remove(in.id()));
        return outside;
    }

    /** The version to read after; a pass that starts fixes the watermark its end moves the safe point to. */
    private DataVersion start(ActionRequest request, Instant now) {
        String token = request.parameter("DataVersion") instanceof String s && !s.isBlank() ? s : null;
        if (token == null) {
            ChangeLog.Watermark w = watermarks.safeWatermark(now);
            return w == null ? new DataVersion(-1, now.toEpochMilli(), 0, 0, now.toEpochMilli())
                    : new DataVersion(-1, now.toEpochMilli(), 0, w.version(), w.takenOn().toEpochMilli());
        }
        DataVersion v = DataVersion.parse(token);
        if (v.safeInstant().plus(properties.expiry()).isBefore(now)) {
            throw DataVersion.expired();
        }
        if (v.initial() || v.cursor() != v.safe()) {
            return v;
        }
        ChangeLog.Watermark w = watermarks.safeWatermark(now);
        if (w == null || w.version() <= v.safe()) {
            return new DataVersion(v.safe(), v.safeTime(), v.safe(), v.safe(), v.safeTime());
        }
        return new DataVersion(v.safe(), v.safeTime(), v.safe(), w.version(), w.takenOn().toEpochMilli());
    }

    /** The end of a pass: the safe point moves to the pass's watermark (to 0 after a first pass without one). */
    private static DataVersion finished(DataVersion v) {
        long safe = Math.max(v.watermark(), 0);
        long time = v.initial() && v.watermark() == 0 ? v.safeTime() : v.watermarkTime();
        return new DataVersion(safe, time, safe, safe, time);
    }

    private static QueryContext queryContext(Caller caller, RecordAccess readable) {
        return new QueryContext(caller.userId(), caller.businessUnitId(), caller.teamIds(), caller.zone(), null,
                readable);
    }

    private static Map<String, Object> change(String type, String key, Object value) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("ChangeType", type);
        change.put(key, value);
        return change;
    }

    private static long versionOf(Entity e) {
        return ((Number) e.get("versionnumber")).longValue();
    }

    private static EntityMetadata entity(ActionRequest request, PluginContext context) {
        if (!(request.parameter("EntityName") instanceof String name) || name.isBlank()) {
            throw RapportException.invalid("The parameter EntityName is required.");
        }
        return context.snapshot().entity(name);
    }

    private static int pageSize(ActionRequest request) {
        Object info = request.parameter("PageInfo");
        if (info == null) {
            return PagingInfo.MAX_PAGE_SIZE;
        }
        if (info instanceof PagingInfo p) {
            return p.count();
        }
        throw RapportException.invalid("PageInfo must be a PagingInfo with a Count from 1 to "
                + PagingInfo.MAX_PAGE_SIZE + ".");
    }

    private static ColumnSet columns(ActionRequest request) {
        Object c = request.parameter("Columns");
        if (c == null) {
            return ColumnSet.all();
        }
        if (c instanceof ColumnSet set) {
            // a request for write-only values (passwords) was checked in validate as other reads check it
            return set;
        }
        if (c instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return ColumnSet.of(list.stream().map(String.class::cast).toList());
        }
        throw RapportException.invalid("Columns must be a list of attribute names.");
    }
}
