package io.rapport.audit.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.store.PostgresCopy;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Stores audit entries in {@code sys_audit}, one row per operation with the changes as JSON. */
@Repository
class JooqAuditLog implements AuditLog {

    static final String SEQUENCE_NAME = "sys_audit_sequence";
    private static final Table<Record> AUDIT = table(name("sys_audit"));
    private static final Field<UUID> ID = field(name("auditid"), UUID.class);
    private static final Field<Long> SEQUENCE = field(name("sequencenumber"), Long.class);
    private static final Field<LocalDateTime> CREATED = field(name("createdon"), LocalDateTime.class);
    private static final Field<UUID> USER = field(name("userid"), UUID.class);
    private static final Field<String> OPERATION = field(name("operation"), String.class);
    private static final Field<String> ENTITY = field(name("objecttypecode"), String.class);
    private static final Field<UUID> OBJECT = field(name("objectid"), UUID.class);
    private static final Field<String> CHANNEL = field(name("channel"), String.class);
    private static final Field<String> CHANGES = field(name("changedata"), String.class);
    private static final TypeReference<Map<String, AttributeChange>> CHANGE_MAP = new TypeReference<>() {
    };

    /** The entries held back on this thread ({@link #held}), or null. */
    private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

    private final DSLContext dsl;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    /** Entries held for one transaction; not while another transaction runs in its place (suspended). */
    private static final class Held implements TransactionSynchronization {
        final List<AuditEntry> entries = new ArrayList<>();
        boolean suspended;

        @Override
        public void suspend() {
            suspended = true;
        }

        @Override
        public void resume() {
            suspended = false;
        }
    }

    JooqAuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(AuditEntry e) {
        Held held = HELD.get();
        if (held != null && !held.suspended) {
            held.entries.add(e);
            return;
        }
        insert(e).execute();
    }

    @Override
    public void recordAll(List<AuditEntry> entries) {
        Held held = HELD.get();
        if (held != null && !held.suspended) {
            held.entries.addAll(entries);
            return;
        }
        write(entries);
    }

    @Override
    public <T> T held(Supplier<T> work) {
        Held current = HELD.get();
        if (current != null && !current.suspended || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return work.get();
        }
        Held held = new Held();
        TransactionSynchronizationManager.registerSynchronization(held);
        HELD.set(held);
        try {
            T result = work.get();
            HELD.set(current);
            write(held.entries);
            return result;
        } finally {
            HELD.set(current);
        }
    }

    /** Writes what this thread holds for the current transaction now (before reading the history). */
    private void writeHeld() {
        Held held = HELD.get();
        if (held != null && !held.suspended && !held.entries.isEmpty()) {
            List<AuditEntry> entries = new ArrayList<>(held.entries);
            held.entries.clear();
            write(entries);
        }
    }

    private void write(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (entries.size() == 1) {
            insert(entries.get(0)).execute();
            return;
        }
        if (PostgresCopy.pays(dsl, entries.size())) {
            copy(entries);
            return;
        }
        // one prepared statement bound once per entry, sent as one JDBC batch
        var batch = dsl.batch(dsl.insertInto(AUDIT).columns(ID, SEQUENCE, CREATED, USER, OPERATION, ENTITY, OBJECT,
                        CHANNEL, CHANGES)
                .values(org.jooq.impl.DSL.val((UUID) null),
                        org.jooq.impl.DSL.sequence(name(SEQUENCE_NAME), Long.class).nextval(),
                        org.jooq.impl.DSL.val((LocalDateTime) null), org.jooq.impl.DSL.val((UUID) null),
                        org.jooq.impl.DSL.val((String) null), org.jooq.impl.DSL.val((String) null),
                        org.jooq.impl.DSL.val((UUID) null), org.jooq.impl.DSL.val((String) null),
                        org.jooq.impl.DSL.val((String) null)));
        for (AuditEntry e : entries) {
            batch.bind(e.auditId(), LocalDateTime.ofInstant(e.createdOn(), ZoneOffset.UTC), e.userId(), e.operation(),
                    e.entityName(), e.objectId(), e.channel(), changes(e));
        }
        batch.execute();
    }

    /**
     * A bulk message's entries through PostgreSQL's COPY, their sequence numbers drawn in one statement; the changes'
     * JSON written straight into the COPY text ({@link ChangeJson#appendCopyText}), Jackson's only for values that
     * writer does not know.
     */
    private void copy(List<AuditEntry> entries) {
        long[] sequence = PostgresCopy.nextValues(dsl, SEQUENCE_NAME, entries.size());
        // about 1.7 kB an entry for an account's creation: the buffer grows once at most
        StringBuilder text = new StringBuilder(entries.size() * 2048);
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry e = entries.get(i);
            Object[] columns = {e.auditId(), sequence[i], LocalDateTime.ofInstant(e.createdOn(), ZoneOffset.UTC),
                    e.userId(), e.operation(), e.entityName(), e.objectId(), e.channel()};
            for (Object column : columns) {
                if (!PostgresCopy.append(text, column)) {
                    throw new IllegalStateException("Audit column value " + column + " has no COPY form");
                }
                text.append('\t');
            }
            if (!ChangeJson.appendCopyText(text, e.changes())) {
                PostgresCopy.append(text, changes(e));
            }
            text.append('\n');
        }
        PostgresCopy.copy(dsl, AUDIT, List.of(ID, SEQUENCE, CREATED, USER, OPERATION, ENTITY, OBJECT, CHANNEL, CHANGES),
                text.toString());
    }

    private String changes(AuditEntry e) {
        String written = ChangeJson.write(e.changes());
        if (written != null) {
            return written;
        }
        try {
            return json.writeValueAsString(e.changes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("Cannot serialize audit changes of " + e.entityName(), ex);
        }
    }

    private org.jooq.Insert<Record> insert(AuditEntry e) {
        return dsl.insertInto(AUDIT).columns(ID, SEQUENCE, CREATED, USER, OPERATION, ENTITY, OBJECT, CHANNEL, CHANGES)
                .values(org.jooq.impl.DSL.val(e.auditId()),
                        org.jooq.impl.DSL.sequence(name(SEQUENCE_NAME), Long.class).nextval(),
                        org.jooq.impl.DSL.val(LocalDateTime.ofInstant(e.createdOn(), ZoneOffset.UTC)),
                        org.jooq.impl.DSL.val(e.userId()), org.jooq.impl.DSL.val(e.operation()),
                        org.jooq.impl.DSL.val(e.entityName()), org.jooq.impl.DSL.val(e.objectId()),
                        org.jooq.impl.DSL.val(e.channel()), org.jooq.impl.DSL.val(changes(e)));
    }

    @Override
    public List<AuditEntry> history(String entityName, UUID objectId, int page, int pageSize) {
        writeHeld();
        return dsl.select(ID, CREATED, USER, OPERATION, ENTITY, OBJECT, CHANNEL, CHANGES).from(AUDIT)
                .where(ENTITY.eq(entityName)).and(OBJECT.eq(objectId))
                .orderBy(SEQUENCE.desc())
                .limit((page - 1) * pageSize, pageSize)
                .fetch(r -> new AuditEntry(r.value1(), r.value2().toInstant(ZoneOffset.UTC), r.value3(), r.value4(),
                        r.value5(), r.value6(), r.value7(), read(r.value8())));
    }

    private Map<String, AttributeChange> read(String changes) {
        try {
            return json.readValue(changes, CHANGE_MAP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            Map<String, AttributeChange> broken = new LinkedHashMap<>();
            broken.put("_unreadable", new AttributeChange(null, changes));
            return broken;
        }
    }
}
