package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.DerivedValues;
import io.rapport.pipeline.PlatformStamps;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.UnitOfWork;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link DerivedValues}: the UPDATE now, the audit entry of each record kept in the request's shared variables until
 * the request's outermost message records its own ({@link StageRunner}).
 */
@Component
class DefaultDerivedValues implements DerivedValues {

    private static final String PENDING = "pipeline.derivedValuesAudit";
    private static final String CALLER = "pipeline.derivedValuesCaller";

    private final RecordStore store;
    private final Clock clock;

    DefaultDerivedValues(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void write(PluginContext context, String entity, UUID id, Entity before, Map<String, Object> values) {
        EntityMetadata e = context.snapshot().entity(entity);
        Entity changes = new Entity(entity, id);
        values.forEach(changes::set);
        EntityReference user = context.caller().userId() == null ? null
                : new EntityReference("systemuser", context.caller().userId());
        PlatformStamps.stamp(e, changes, user, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), false);
        io.rapport.pipeline.RecordReads.forget(entity, id);
        if (store.update(e, id, changes.attributes(), null) == null) {
            throw RapportException.notFound(entity, id);
        }
        // within a unit of work (a deep insert, a change set) audited once at its end, else at the request's
        Map<String, Object> scope = UnitOfWork.current().map(UnitOfWork::variables).orElse(context.sharedVariables());
        scope.putIfAbsent(CALLER, context.caller());
        @SuppressWarnings("unchecked")
        Map<String, AuditEvent.Updated> pending = (Map<String, AuditEvent.Updated>) scope
                .computeIfAbsent(PENDING, k -> new LinkedHashMap<String, AuditEvent.Updated>());
        String key = entity + ":" + id;
        AuditEvent.Updated earlier = pending.get(key);
        if (earlier == null) {
            pending.put(key, new AuditEvent.Updated(e, id, before.copy(), changes));
        } else {
            // the first old values (the request's start), the last new ones
            Entity first = earlier.before();
            changes.attributes().forEach((k, v) -> {
                if (!earlier.changes().contains(k)) {
                    first.set(k, before.get(k));
                }
                earlier.changes().set(k, v);
            });
        }
    }

    /** Who wrote the first derived values of the unit (or request) waiting for their audit, or null. */
    static Caller writer(Map<String, Object> variables) {
        return (Caller) variables.get(CALLER);
    }

    /** The audit events of the derived values the request wrote, taken (once) by its outermost message. */
    @SuppressWarnings("unchecked")
    static List<AuditEvent> take(Map<String, Object> sharedVariables) {
        sharedVariables.remove(CALLER);
        Object pending = sharedVariables.remove(PENDING);
        return pending == null ? List.of() : new ArrayList<>(((Map<String, AuditEvent>) pending).values());
    }
}
