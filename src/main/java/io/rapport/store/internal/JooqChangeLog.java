package io.rapport.store.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.QueryContext;
import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.store.ChangeLog;
import io.rapport.store.RowSecuritySql;
import io.rapport.store.RowSecuritySql.SecuredRow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Tombstones in {@code sys_change_tombstone}, read by (entity, version) through the table's primary key. */
@Repository
class JooqChangeLog implements ChangeLog {

    private static final String ALIAS = "tb";
    private static final Table<Record> TOMBSTONES = DSL.table(DSL.name("sys_change_tombstone"));
    private static final Field<String> ENTITY = DSL.field(DSL.name("entityname"), String.class);
    private static final Field<Long> VERSION = DSL.field(DSL.name("rowversion"), Long.class);
    private static final Field<UUID> OBJECT = DSL.field(DSL.name("objectid"), UUID.class);
    private static final Field<String> KIND = DSL.field(DSL.name("kind"), String.class);
    private static final Field<UUID> OWNER = DSL.field(DSL.name("ownerid"), UUID.class);
    private static final Field<UUID> UNIT = DSL.field(DSL.name("owningbusinessunit"), UUID.class);
    private static final Field<LocalDateTime> CHANGED = DSL.field(DSL.name("changedon"), LocalDateTime.class);

    private final DSLContext dsl;
    private final RowSecuritySql rowSecurity;

    JooqChangeLog(DSLContext dsl, RowSecuritySql rowSecurity) {
        this.dsl = dsl;
        this.rowSecurity = rowSecurity;
    }

    @Override
    public void recordRemoval(EntityMetadata entity, UUID id, RemovalKind kind, UUID principal, UUID businessUnit) {
        if (!entity.isChangeTracked()) {
            return;
        }
        dsl.insertInto(TOMBSTONES).set(ENTITY, entity.logicalName()).set(VERSION, nextValue())
                .set(OBJECT, id).set(KIND, kind.name().toLowerCase(Locale.ROOT)).set(OWNER, principal)
                .set(UNIT, businessUnit).set(CHANGED, LocalDateTime.now(ZoneOffset.UTC)).execute();
    }

    @Override
    public List<Removal> removals(EntityMetadata entity, long afterVersion, long upToVersion, int limit,
            QueryContext context) {
        Field<Long> version = DSL.field(DSL.name(ALIAS, VERSION.getName()), Long.class);
        Field<UUID> object = DSL.field(DSL.name(ALIAS, OBJECT.getName()), UUID.class);
        Field<String> kind = DSL.field(DSL.name(ALIAS, KIND.getName()), String.class);
        Condition deleted = kind.eq("deleted");
        AccessRule rule = context.access().ruleFor(entity.logicalName());
        Condition concerns = rule.all() ? deleted : deleted.or(kind.eq("access")
                .and(rowSecurity.readable(rule, new SecuredRow(entity.logicalName(), object,
                        DSL.field(DSL.name(ALIAS, OWNER.getName()), UUID.class),
                        DSL.field(DSL.name(ALIAS, UNIT.getName()), UUID.class))))
                .and(DSL.notExists(readableNow(entity, rule, object))));
        return dsl.select(object, version).from(TOMBSTONES.as(ALIAS))
                .where(DSL.field(DSL.name(ALIAS, ENTITY.getName()), String.class).eq(entity.logicalName()))
                .and(version.gt(afterVersion)).and(version.le(upToVersion)).and(concerns)
                .orderBy(version).limit(limit)
                .fetch(r -> new Removal(r.value1(), r.value2()));
    }

    /** The record as the caller may read it now (the rule's SQL on the entity's own row). */
    private org.jooq.SelectConditionStep<org.jooq.Record1<Integer>> readableNow(EntityMetadata entity,
            AccessRule rule, Field<UUID> object) {
        String alias = "tr";
        Field<UUID> id = Sql.id(alias, entity);
        Field<UUID> owner = entity.hasAttribute("ownerid") ? Sql.column(alias, "ownerid", UUID.class) : null;
        Field<UUID> unit = entity.hasAttribute("owningbusinessunit")
                ? Sql.column(alias, "owningbusinessunit", UUID.class) : null;
        return dsl.selectOne().from(Sql.table(entity.logicalName(), alias)).where(id.eq(object))
                .and(rowSecurity.readable(rule, new SecuredRow(entity.logicalName(), id, owner, unit)));
    }

    @Override
    public long nextVersion() {
        return dsl.select(nextValue()).fetchOne().value1();
    }

    @Override
    public int purge(Instant cutoff) {
        return dsl.deleteFrom(TOMBSTONES).where(CHANGED.lt(LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))).execute();
    }

    private static final Table<Record> SAMPLES = DSL.table(DSL.name("sys_change_watermark"));
    private static final Field<LocalDateTime> TAKEN = DSL.field(DSL.name("takenon"), LocalDateTime.class);

    @Override
    public void sampleWatermark(Instant now) {
        dsl.insertInto(SAMPLES).set(VERSION, nextValue()).set(TAKEN, utc(now)).execute();
    }

    @Override
    public Watermark watermark(Instant notAfter) {
        return dsl.select(VERSION, TAKEN).from(SAMPLES).where(TAKEN.le(utc(notAfter))).orderBy(TAKEN.desc())
                .limit(1).fetchOptional(r -> new Watermark(r.value1(), r.value2().toInstant(ZoneOffset.UTC)))
                .orElse(null);
    }

    @Override
    public Instant lastSample() {
        return dsl.select(TAKEN).from(SAMPLES).orderBy(TAKEN.desc()).limit(1)
                .fetchOptional(r -> r.value1().toInstant(ZoneOffset.UTC)).orElse(null);
    }

    @Override
    public void purgeWatermarks(Instant cutoff) {
        Instant last = lastSample();
        if (last != null) {
            Instant keep = last.isBefore(cutoff) ? last : cutoff;
            dsl.deleteFrom(SAMPLES).where(TAKEN.lt(utc(keep))).execute();
        }
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Field<Long> nextValue() {
        return DSL.sequence(DSL.name("sys_row_version"), Long.class).nextval();
    }
}
