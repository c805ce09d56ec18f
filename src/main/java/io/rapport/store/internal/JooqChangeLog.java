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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Tombstones in {@code sys_change_tombstone}, read by (entity, version) through the table's primary key; losses of a
 * user's own access in {@code sys_change_access_loss}, read by (user, entity, version) through its index.
 */
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

    private static final Table<Record> LOSSES = DSL.table(DSL.name("sys_change_access_loss"));
    private static final Field<UUID> USER = DSL.field(DSL.name("userid"), UUID.class);
    private static final Field<Boolean> FORMER_ALL = DSL.field(DSL.name("formerall"), Boolean.class);
    private static final Field<String> FORMER_OWNERS = DSL.field(DSL.name("formerowners"), String.class);
    private static final Field<String> FORMER_UNITS = DSL.field(DSL.name("formerunits"), String.class);
    private static final Field<String> FORMER_SHARED = DSL.field(DSL.name("formershared"), String.class);

    @Override
    public void recordAccessLoss(EntityMetadata entity, UUID user, AccessRule former) {
        if (!entity.isChangeTracked()) {
            return;
        }
        dsl.insertInto(LOSSES).set(ENTITY, entity.logicalName()).set(VERSION, nextValue()).set(USER, user)
                .set(FORMER_ALL, former.all()).set(FORMER_OWNERS, ids(former.ownerIds()))
                .set(FORMER_UNITS, ids(former.businessUnitIds())).set(FORMER_SHARED, ids(former.sharedWithPrincipalIds()))
                .set(CHANGED, LocalDateTime.now(ZoneOffset.UTC)).execute();
    }

    private static String ids(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
    }

    private static Set<UUID> ids(String text) {
        return text == null || text.isBlank() ? Set.of()
                : Arrays.stream(text.split(",")).map(UUID::fromString).collect(Collectors.toSet());
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
        List<Removal> tombstones = dsl.select(object, version).from(TOMBSTONES.as(ALIAS))
                .where(DSL.field(DSL.name(ALIAS, ENTITY.getName()), String.class).eq(entity.logicalName()))
                .and(version.gt(afterVersion)).and(version.le(upToVersion)).and(concerns)
                .orderBy(version).limit(limit)
                .fetch(r -> new Removal(r.value1(), r.value2()));
        if (rule.all() || context.userId() == null) {
            // a caller who reads every record now lost none of them
            return tombstones;
        }
        // past the limit of tombstones, a loss would come after tombstones this page cannot hold
        long upTo = tombstones.size() >= limit ? tombstones.get(tombstones.size() - 1).version() : upToVersion;
        List<Removal> lost = new ArrayList<>();
        dsl.select(VERSION, FORMER_ALL, FORMER_OWNERS, FORMER_UNITS, FORMER_SHARED).from(LOSSES)
                .where(USER.eq(context.userId())).and(ENTITY.eq(entity.logicalName()))
                .and(VERSION.gt(afterVersion)).and(VERSION.le(upTo)).orderBy(VERSION)
                .forEach(r -> {
                    AccessRule former = new AccessRule(r.value2(), ids(r.value3()), ids(r.value4()), ids(r.value5()));
                    lost.addAll(lostRecords(entity, former, rule, r.value1()));
                });
        if (lost.isEmpty()) {
            return tombstones;
        }
        List<Removal> all = new ArrayList<>(tombstones);
        all.addAll(lost);
        all.sort(Comparator.comparingLong(Removal::version));
        return all;
    }

    /** The records the former rule let the caller read that the rule of now does not, at the loss's version. */
    private List<Removal> lostRecords(EntityMetadata entity, AccessRule former, AccessRule now, long at) {
        String alias = "tl";
        Field<UUID> id = Sql.id(alias, entity);
        Field<UUID> owner = entity.hasAttribute("ownerid") ? Sql.column(alias, "ownerid", UUID.class) : null;
        Field<UUID> unit = entity.hasAttribute("owningbusinessunit")
                ? Sql.column(alias, "owningbusinessunit", UUID.class) : null;
        SecuredRow row = new SecuredRow(entity.logicalName(), id, owner, unit);
        return dsl.select(id).from(Sql.table(entity.logicalName(), alias))
                .where(rowSecurity.readable(former, row)).and(DSL.not(rowSecurity.readable(now, row)))
                .orderBy(id).fetch(r -> new Removal(r.value1(), at));
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
        dsl.deleteFrom(LOSSES).where(CHANGED.lt(LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))).execute();
        return dsl.deleteFrom(TOMBSTONES).where(CHANGED.lt(LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC))).execute();
    }

    private static final Table<Record> SAMPLES = DSL.table(DSL.name("sys_change_watermark"));
    private static final Field<LocalDateTime> TAKEN = DSL.field(DSL.name("takenon"), LocalDateTime.class);

    @Override
    public Watermark sampleWatermark(Instant now) {
        long version = nextVersion();
        dsl.insertInto(SAMPLES).set(VERSION, version).set(TAKEN, utc(now)).execute();
        return new Watermark(version, now);
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
