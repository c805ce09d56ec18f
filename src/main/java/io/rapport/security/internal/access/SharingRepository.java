package io.rapport.security.internal.access;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.rapport.record.EntityReference;
import io.rapport.record.Ids;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Records shared with users and teams, in {@code sys_principalobjectaccess}, one row per record and principal. */
@Repository
public class SharingRepository {

    private static final String POA_NAME = "sys_principalobjectaccess";
    private static final Table<Record> POA = table(name(POA_NAME));
    private static final Field<UUID> ID = field(name("principalobjectaccessid"), UUID.class);
    private static final Field<UUID> OBJECT = field(name("objectid"), UUID.class);
    private static final Field<String> OBJECT_TYPE = field(name("objecttypecode"), String.class);
    private static final Field<UUID> PRINCIPAL = field(name("principalid"), UUID.class);
    private static final Field<String> PRINCIPAL_TYPE = field(name("principaltypecode"), String.class);
    private static final Field<LocalDateTime> MODIFIED = field(name("modifiedon"), LocalDateTime.class);
    private static final Map<AccessRight, Field<Boolean>> COLUMNS = columns();

    private final DSLContext dsl;
    private final SecurityVersion version;

    SharingRepository(DSLContext dsl, SecurityVersion version) {
        this.dsl = dsl;
        this.version = version;
    }

    /**
     * Whether any record of the entity is shared with one of the principals (issue 19: a caller with none reads the
     * entity without the share part of the row access). Callers keep the answer per security version: the first
     * share of an entity with a principal changes that version ({@link #set}), a later one changes nothing.
     */
    boolean anyShared(Collection<UUID> principals, String entityName) {
        return !principals.isEmpty() && dsl.fetchExists(dsl.selectOne().from(POA).where(PRINCIPAL.in(principals))
                .and(OBJECT_TYPE.eq(entityName)));
    }

    /** The rights shared on a record with any of the principals, combined. */
    public int rights(UUID objectId, Collection<UUID> principals) {
        if (principals.isEmpty()) {
            return 0;
        }
        int mask = 0;
        for (Record r : dsl.select(COLUMNS.values()).from(POA).where(OBJECT.eq(objectId))
                .and(PRINCIPAL.in(principals)).fetch()) {
            mask |= mask(r);
        }
        return mask;
    }

    /**
     * The ids of the records shared for reading with any of the principals, as a subquery that does not depend on
     * the row it is tested against: the database reads the caller's shares once per query (PostgreSQL: a hashed
     * subplan) instead of probing the share table for every row that the owner test rejects.
     */
    static Select<Record1<UUID>> readableBy(Collection<UUID> principals) {
        return DSL.select(field(name(POA_NAME, "objectid"), UUID.class)).from(POA)
                .where(field(name(POA_NAME, "principalid"), UUID.class).in(principals))
                .and(field(name(POA_NAME, "readaccess"), Boolean.class).isTrue());
    }

    /** Principal to rights of every share of a record. */
    public Map<EntityReference, Integer> sharesOf(UUID objectId) {
        Map<EntityReference, Integer> result = new LinkedHashMap<>();
        for (Record r : dsl.select(PRINCIPAL, PRINCIPAL_TYPE).select(COLUMNS.values()).from(POA)
                .where(OBJECT.eq(objectId)).orderBy(MODIFIED).fetch()) {
            result.put(new EntityReference(r.get(PRINCIPAL_TYPE), r.get(PRINCIPAL)), mask(r));
        }
        return result;
    }

    /** Sets the rights of a principal on a record; rights 0 removes the share. */
    public void set(EntityReference record, EntityReference principal, int rights) {
        if (rights == 0) {
            revoke(record.id(), principal.id());
            return;
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        var update = dsl.update(POA).set(MODIFIED, now);
        for (Map.Entry<AccessRight, Field<Boolean>> c : COLUMNS.entrySet()) {
            update = update.set(c.getValue(), c.getKey().in(rights));
        }
        int updated = update.where(OBJECT.eq(record.id())).and(PRINCIPAL.eq(principal.id())).execute();
        if (updated == 0) {
            if (!anyShared(java.util.List.of(principal.id()), record.logicalName())) {
                // the principal's first share of the entity: cached answers of anyShared are now wrong everywhere
                version.bump();
            }
            var insert = dsl.insertInto(POA).set(ID, Ids.newId()).set(OBJECT, record.id())
                    .set(OBJECT_TYPE, record.logicalName()).set(PRINCIPAL, principal.id())
                    .set(PRINCIPAL_TYPE, principal.logicalName()).set(MODIFIED, now);
            for (Map.Entry<AccessRight, Field<Boolean>> c : COLUMNS.entrySet()) {
                insert = insert.set(c.getValue(), c.getKey().in(rights));
            }
            insert.execute();
        }
    }

    public void revoke(UUID objectId, UUID principalId) {
        dsl.deleteFrom(POA).where(OBJECT.eq(objectId)).and(PRINCIPAL.eq(principalId)).execute();
    }

    /** Removes every share of a deleted record and every share with a deleted principal. */
    public void forget(UUID id) {
        dsl.deleteFrom(POA).where(OBJECT.eq(id).or(PRINCIPAL.eq(id))).execute();
    }

    private static Map<AccessRight, Field<Boolean>> columns() {
        Map<AccessRight, Field<Boolean>> m = new LinkedHashMap<>();
        m.put(AccessRight.READ, field(name("readaccess"), Boolean.class));
        m.put(AccessRight.WRITE, field(name("writeaccess"), Boolean.class));
        m.put(AccessRight.DELETE, field(name("deleteaccess"), Boolean.class));
        m.put(AccessRight.APPEND, field(name("appendaccess"), Boolean.class));
        m.put(AccessRight.APPEND_TO, field(name("appendtoaccess"), Boolean.class));
        m.put(AccessRight.ASSIGN, field(name("assignaccess"), Boolean.class));
        m.put(AccessRight.SHARE, field(name("shareaccess"), Boolean.class));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static int mask(Record r) {
        int mask = 0;
        for (Map.Entry<AccessRight, Field<Boolean>> c : COLUMNS.entrySet()) {
            if (Boolean.TRUE.equals(r.get(c.getValue()))) {
                mask |= c.getKey().mask();
            }
        }
        return mask;
    }
}
