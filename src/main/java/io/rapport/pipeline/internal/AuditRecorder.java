package io.rapport.pipeline.internal;

import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Caller;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.record.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns a finished operation into an audit entry with attribute-level old and new values. */
@Component
class AuditRecorder {

    private final AuditLog log;
    private final Clock clock;

    AuditRecorder(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void created(EntityMetadata e, Entity record, Caller caller) {
        if (e.auditEnabled()) {
            log.record(creation(e, record, caller));
        }
    }

    void createdAll(EntityMetadata e, List<Entity> records, Caller caller) {
        if (e.auditEnabled()) {
            log.recordAll(records.stream().map(r -> creation(e, r, caller)).toList());
        }
    }

    private AuditEntry creation(EntityMetadata e, Entity record, Caller caller) {
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : record.attributes().entrySet()) {
            if (audited(e, en.getKey()) && en.getValue() != null) {
                changes.put(en.getKey(), new AttributeChange(null, plain(en.getValue())));
            }
        }
        return new AuditEntry(Ids.newId(), Instant.now(clock), caller.userId(), "Create", e.logicalName(), record.id(),
                caller.channel().name(), changes);
    }

    void updated(EntityMetadata e, UUID id, Entity before, Entity target, Caller caller) {
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : target.attributes().entrySet()) {
            Object old = before.get(en.getKey());
            if (audited(e, en.getKey()) && !same(old, en.getValue())) {
                changes.put(en.getKey(), new AttributeChange(plain(old), plain(en.getValue())));
            }
        }
        if (!changes.isEmpty()) {
            write(e, id, "Update", changes, caller);
        }
    }

    void deleted(EntityMetadata e, Entity before, Caller caller) {
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : before.attributes().entrySet()) {
            if (audited(e, en.getKey()) && en.getValue() != null) {
                changes.put(en.getKey(), new AttributeChange(plain(en.getValue()), null));
            }
        }
        write(e, before.id(), "Delete", changes, caller);
    }

    void related(String operation, EntityMetadata e, UUID id, String relationship, List<EntityReference> related,
            Caller caller) {
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        changes.put(relationship, operation.equals("Associate")
                ? new AttributeChange(null, related.stream().map(AuditRecorder::plain).toList())
                : new AttributeChange(related.stream().map(AuditRecorder::plain).toList(), null));
        write(e, id, operation, changes, caller);
    }

    private void write(EntityMetadata e, UUID id, String operation, Map<String, AttributeChange> changes,
            Caller caller) {
        if (!e.auditEnabled()) {
            return;
        }
        log.record(new AuditEntry(Ids.newId(), Instant.now(clock), caller.userId(), operation, e.logicalName(), id,
                caller.channel().name(), changes));
    }

    private static boolean audited(EntityMetadata e, String attribute) {
        return e.findAttribute(attribute).map(AttributeMetadata::auditEnabled).orElse(false);
    }

    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof int[] x && b instanceof int[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    /** A JSON-friendly form of a value. */
    static Object plain(Object v) {
        if (v instanceof EntityReference r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("logicalName", r.logicalName());
            m.put("id", r.id() == null ? null : r.id().toString());
            if (r.name() != null) {
                m.put("name", r.name());
            }
            return m;
        }
        if (v instanceof int[] values) {
            return Arrays.stream(values).boxed().toList();
        }
        if (v instanceof UUID || v instanceof Instant || v instanceof java.time.LocalDate) {
            return v.toString();
        }
        return v;
    }
}
