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

/**
 * Turns a finished operation's {@link AuditEvent}s into audit entries with attribute-level old and new values. Only
 * the {@link StageRunner} calls it, as the last step in the transaction.
 */
@Component
class AuditRecorder {

    private final AuditLog log;
    private final Clock clock;

    AuditRecorder(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Runs the work of one transaction (a unit of work, a message that opened its transaction) with the entries of its
     * operations held and written in one batch at its end ({@link AuditLog#held}).
     */
    <T> T held(java.util.function.Supplier<T> work) {
        return log.held(work);
    }

    /** Writes the events of one operation (a bulk message's thousands alike) as one batch. */
    void record(List<AuditEvent> events, Caller caller) {
        List<AuditEntry> entries = new java.util.ArrayList<>();
        for (AuditEvent event : events) {
            if (event instanceof AuditEvent.Created c) {
                if (c.entity().auditEnabled()) {
                    entries.add(creation(c.entity(), c.record(), caller));
                }
            } else if (event instanceof AuditEvent.Updated u) {
                updated(u.entity(), u.id(), u.before(), u.changes(), caller, entries);
            } else if (event instanceof AuditEvent.Deleted d) {
                deleted(d.entity(), d.before(), caller, entries);
            } else if (event instanceof AuditEvent.Related r) {
                related(r.operation(), r.entity(), r.id(), r.relationship(), r.related(), caller, entries);
            } else if (event instanceof AuditEvent.Customized c) {
                entries.add(new AuditEntry(Ids.newId(), Instant.now(clock), caller.userId(), c.message(),
                        c.entityName(), c.metadataId(), caller.channel().name(), c.changes()));
            }
        }
        if (entries.size() == 1) {
            log.record(entries.get(0));
        } else if (!entries.isEmpty()) {
            log.recordAll(entries);
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

    private void updated(EntityMetadata e, UUID id, Entity before, Entity target, Caller caller,
            List<AuditEntry> entries) {
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : target.attributes().entrySet()) {
            Object old = before.get(en.getKey());
            if (audited(e, en.getKey()) && !same(old, en.getValue())) {
                changes.put(en.getKey(), new AttributeChange(plain(old), plain(en.getValue())));
            }
        }
        if (!changes.isEmpty()) {
            write(e, id, "Update", changes, caller, entries);
        }
    }

    private void deleted(EntityMetadata e, Entity before, Caller caller, List<AuditEntry> entries) {
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : before.attributes().entrySet()) {
            if (audited(e, en.getKey()) && en.getValue() != null) {
                changes.put(en.getKey(), new AttributeChange(plain(en.getValue()), null));
            }
        }
        write(e, before.id(), "Delete", changes, caller, entries);
    }

    private void related(String operation, EntityMetadata e, UUID id, String relationship,
            List<EntityReference> related, Caller caller, List<AuditEntry> entries) {
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        changes.put(relationship, operation.equals("Associate")
                ? new AttributeChange(null, related.stream().map(AuditRecorder::plain).toList())
                : new AttributeChange(related.stream().map(AuditRecorder::plain).toList(), null));
        write(e, id, operation, changes, caller, entries);
    }

    private void write(EntityMetadata e, UUID id, String operation, Map<String, AttributeChange> changes,
            Caller caller, List<AuditEntry> entries) {
        if (!e.auditEnabled()) {
            return;
        }
        entries.add(new AuditEntry(Ids.newId(), Instant.now(clock), caller.userId(), operation, e.logicalName(), id,
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
