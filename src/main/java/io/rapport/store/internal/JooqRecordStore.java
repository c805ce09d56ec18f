package io.rapport.store.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.query.QueryLimits;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.store.PostgresCopy;
import io.rapport.store.RecordStore;
import io.rapport.store.RowSecuritySql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The jOOQ implementation of the record store. */
@Repository
class JooqRecordStore implements RecordStore {

    private static final String VERSION = "versionnumber";

    private final DSLContext dsl;
    private final RowSecuritySql rowSecurity;
    private final int timeoutSeconds;
    private final ByIdStatements byIdStatements = new ByIdStatements();
    private final ListStatements listStatements = new ListStatements();
    /** The SQL of a record's existence check by table and key column (no binds but the id). */
    private final PlannerStatistics statistics;

    JooqRecordStore(DSLContext dsl, RowSecuritySql rowSecurity, QueryLimits limits, PlannerStatistics statistics) {
        this.dsl = dsl;
        this.statistics = statistics;
        this.rowSecurity = rowSecurity;
        this.timeoutSeconds = limits.statementTimeoutSeconds();
    }

    @Override
    public long insert(EntityMetadata entity, Entity record) {
        Map<Field<?>, Object> values = columns(entity, record.attributes());
        values.put(Sql.id(null, entity), record.id());
        try {
            if (!entity.hasAttribute(VERSION)) {
                dsl.insertInto(Sql.table(entity)).set(values).execute();
                return 0;
            }
            values.put(versionField(), nextVersionValue());
            return dsl.insertInto(Sql.table(entity)).set(values).returningResult(versionField()).fetchOne()
                    .value1();
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            throw SqlErrors.translate(e, entity);
        }
    }

    private static Field<Long> versionField() {
        return Sql.column(null, VERSION, Long.class);
    }

    private static Field<Long> nextVersionValue() {
        return DSL.sequence(DSL.name("sys_row_version"), Long.class).nextval();
    }

    @Override
    public void insertBatch(EntityMetadata entity, List<Entity> records) {
        if (records.isEmpty()) {
            return;
        }
        // one statement for the whole batch: every row binds every attribute any row has (absent ones as null)
        java.util.Set<String> present = new java.util.HashSet<>();
        records.forEach(r -> present.addAll(r.attributes().keySet()));
        List<AttributeMetadata> attributes = new ArrayList<>();
        for (AttributeMetadata a : entity.attributes()) {
            if (!a.logicalName().equals(VERSION) && (present.contains(a.logicalName())
                    || a.logicalName().equals(entity.primaryIdAttribute()))) {
                attributes.add(a);
            }
        }
        List<Field<?>> fields = new ArrayList<>();
        for (AttributeMetadata a : attributes) {
            fields.add(Sql.field(null, a));
            if (a.isPolymorphic()) {
                fields.add(Sql.typeField(null, a));
            }
        }
        // through COPY each row keeps a last slot for its row version (drawn in one statement before the COPY)
        boolean copy = PostgresCopy.pays(dsl, records.size());
        int width = fields.size() + (copy && entity.hasAttribute(VERSION) ? 1 : 0);
        String idAttribute = entity.primaryIdAttribute();
        // what each column is, found once for the batch rather than once per row
        int n = attributes.size();
        boolean[] isId = new boolean[n];
        boolean[] polymorphic = new boolean[n];
        for (int j = 0; j < n; j++) {
            isId[j] = attributes.get(j).logicalName().equals(idAttribute);
            polymorphic[j] = attributes.get(j).isPolymorphic();
        }
        List<Object[]> rows = new ArrayList<>(records.size());
        for (Entity r : records) {
            Object[] row = new Object[width];
            int k = 0;
            for (int j = 0; j < n; j++) {
                AttributeMetadata a = attributes.get(j);
                Object v = isId[j] ? r.id() : r.get(a.logicalName());
                row[k++] = ValueCodec.toColumn(a, v);
                if (polymorphic[j]) {
                    row[k++] = ValueCodec.toTypeColumn(v);
                }
            }
            rows.add(row);
        }
        try {
            if (!(copy && copy(entity, fields, rows))) {
                insertRows(entity, fields, width == fields.size() ? rows
                        : rows.stream().map(row -> java.util.Arrays.copyOf(row, fields.size())).toList());
            }
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            throw SqlErrors.translate(e, entity);
        }
        statistics.written(entity, records.size());
    }

    /**
     * The rows through PostgreSQL's COPY, with row versions drawn in one statement into each row's last slot; false
     * (nothing sent) if a value has no COPY form.
     */
    private boolean copy(EntityMetadata entity, List<Field<?>> fields, List<Object[]> rows) {
        List<Field<?>> columns = fields;
        if (entity.hasAttribute(VERSION)) {
            long[] versions = PostgresCopy.nextValues(dsl, "sys_row_version", rows.size());
            columns = new ArrayList<>(fields);
            columns.add(versionField());
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i)[fields.size()] = versions[i];
            }
        }
        String encoded = PostgresCopy.encode(rows);
        if (encoded == null) {
            return false;
        }
        PostgresCopy.copy(dsl, Sql.table(entity), columns, encoded);
        return true;
    }

    /** The rows as one batched INSERT (the driver may rewrite it into multi-row statements). */
    private void insertRows(EntityMetadata entity, List<Field<?>> fields, List<Object[]> rows) {
        List<Field<?>> values = new ArrayList<>();
        fields.forEach(f -> values.add(DSL.val(null, f)));
        List<Field<?>> columns = new ArrayList<>(fields);
        if (entity.hasAttribute(VERSION)) {
            columns.add(versionField());
            values.add(nextVersionValue());
        }
        InsertValuesStepN<Record> insert = dsl.insertInto(Sql.table(entity), columns).values(values);
        var batch = dsl.batch(insert);
        rows.forEach(batch::bind);
        batch.execute();
    }

    @Override
    public int[] updateBatch(EntityMetadata entity, List<UUID> ids, List<Map<String, Object>> values) {
        int[] counts = new int[ids.size()];
        // rows that change the same attributes share one statement
        Map<java.util.SortedSet<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            java.util.SortedSet<String> names = new java.util.TreeSet<>(values.get(i).keySet());
            names.remove(entity.primaryIdAttribute());
            names.remove(VERSION);
            groups.computeIfAbsent(names, k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<java.util.SortedSet<String>, List<Integer>> g : groups.entrySet()) {
            List<AttributeMetadata> attributes = g.getKey().stream().map(entity::attribute).toList();
            Map<Field<?>, Object> set = new LinkedHashMap<>();
            for (AttributeMetadata a : attributes) {
                Field<?> f = Sql.field(null, a);
                set.put(f, DSL.val(null, f));
                if (a.isPolymorphic()) {
                    Field<?> t = Sql.typeField(null, a);
                    set.put(t, DSL.val(null, t));
                }
            }
            if (entity.hasAttribute(VERSION)) {
                set.put(versionField(), nextVersionValue());
            }
            if (set.isEmpty()) {
                // nothing to write: the rows only need to exist
                for (int i : g.getValue()) {
                    counts[i] = exists(entity, ids.get(i)) ? 1 : 0;
                }
                continue;
            }
            Field<UUID> id = Sql.id(null, entity);
            var batch = dsl.batch(dsl.update(Sql.table(entity)).set(set).where(id.eq(DSL.val(null, id))));
            for (int i : g.getValue()) {
                List<Object> row = new ArrayList<>(set.size() + 1);
                for (AttributeMetadata a : attributes) {
                    Object v = values.get(i).get(a.logicalName());
                    row.add(ValueCodec.toColumn(a, v));
                    if (a.isPolymorphic()) {
                        row.add(ValueCodec.toTypeColumn(v));
                    }
                }
                row.add(ids.get(i));
                batch.bind(row.toArray());
            }
            try {
                int[] done = batch.execute();
                for (int k = 0; k < done.length; k++) {
                    // a driver may answer SUCCESS_NO_INFO (-2) for a statement it ran
                    counts[g.getValue().get(k)] = done[k] == java.sql.Statement.SUCCESS_NO_INFO ? 1 : done[k];
                }
            } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
                throw SqlErrors.translate(e, entity);
            }
        }
        statistics.written(entity, ids.size());
        return counts;
    }

    @Override
    public int deleteBatch(EntityMetadata entity, List<UUID> ids) {
        int deleted = 0;
        try {
            for (int from = 0; from < ids.size(); from += 1000) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
                deleted += dsl.deleteFrom(Sql.table(entity)).where(Sql.id(null, entity).in(chunk)).execute();
            }
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            throw SqlErrors.translate(e, entity);
        }
        statistics.written(entity, deleted);
        return deleted;
    }

    @Override
    public void relaxDurabilityOfTransaction() {
        if (dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            dsl.execute("set local synchronous_commit = off");
        }
    }

    @Override
    public void refreshStatistics(EntityMetadata entity) {
        if (dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
            dsl.execute("vacuum analyze {0}", Sql.table(entity));
        } else {
            dsl.execute("analyze table {0}", Sql.table(entity));
        }
    }

    private static Map<Field<?>, Object> columns(EntityMetadata entity, Map<String, Object> attributes) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> en : attributes.entrySet()) {
            AttributeMetadata a = entity.attribute(en.getKey());
            if (a.logicalName().equals(entity.primaryIdAttribute()) || a.logicalName().equals(VERSION)) {
                continue;
            }
            values.put(Sql.field(null, a), ValueCodec.toColumn(a, en.getValue()));
            if (a.isPolymorphic()) {
                values.put(Sql.typeField(null, a), ValueCodec.toTypeColumn(en.getValue()));
            }
        }
        return values;
    }

    @Override
    public Long update(EntityMetadata entity, UUID id, Map<String, Object> values, Long expectedVersion) {
        Map<Field<?>, Object> columns = columns(entity, values);
        org.jooq.Condition where = Sql.id(null, entity).eq(id);
        if (expectedVersion != null) {
            where = where.and(versionField().eq(expectedVersion));
        }
        try {
            if (!entity.hasAttribute(VERSION)) {
                if (columns.isEmpty()) {
                    return exists(entity, id) ? 0L : null;
                }
                return dsl.update(Sql.table(entity)).set(columns).where(where).execute() == 1 ? 0L : null;
            }
            columns.put(versionField(), nextVersionValue());
            return dsl.update(Sql.table(entity)).set(columns).where(where).returningResult(versionField())
                    .fetchOptional().map(org.jooq.Record1::value1).orElse(null);
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            throw SqlErrors.translate(e, entity);
        }
    }

    @Override
    public boolean delete(EntityMetadata entity, UUID id, Long expectedVersion) {
        org.jooq.Condition where = Sql.id(null, entity).eq(id);
        if (expectedVersion != null) {
            where = where.and(versionField().eq(expectedVersion));
        }
        try {
            return dsl.deleteFrom(Sql.table(entity)).where(where).execute() == 1;
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            throw SqlErrors.translate(e, entity);
        }
    }

    @Override
    public Optional<Entity> retrieve(MetadataSnapshot snapshot, String entityName, UUID id, ColumnSet columns,
            QueryContext context) {
        EntityMetadata e = snapshot.entity(entityName);
        QueryExpression q = QueryExpression.from(entityName).columns(columns)
                .where(Condition.eq(e.primaryIdAttribute(), id)).top(1).build();
        EntityCollection result = retrieveMultiple(snapshot, q, context);
        return result.entities().stream().findFirst();
    }

    @Override
    public EntityCollection retrieveMultiple(MetadataSnapshot snapshot, QueryExpression query, QueryContext context) {
        Optional<UUID> byId = ByIdStatements.idOf(snapshot, query);
        ByIdStatements.Shape shape = byId.isEmpty() ? null
                : byIdStatements.shape(snapshot, query, context, () -> new QueryCompiler(snapshot, context, dsl,
                        rowSecurity));
        ListStatements.Shape list = shape != null ? null
                : listStatements.shape(snapshot, query, context,
                        ctx -> new QueryCompiler(snapshot, ctx, dsl, rowSecurity)).shape();
        QueryCompiler.Compiled c = shape != null ? shape.compiled() : list.compiled();
        Result<Record> rows;
        long total;
        // queries are shaped by callers: the database cancels one that runs past the statement timeout
        try {
            rows = shape != null ? ByIdStatements.fetch(dsl, shape, byId.get(), timeoutSeconds)
                    : list.kept() ? ListStatements.fetch(dsl, list, timeoutSeconds)
                    : c.select().queryTimeout(timeoutSeconds).fetch();
            total = c.count() == null ? -1
                    : ((Number) c.count().queryTimeout(timeoutSeconds).fetchOne(0)).longValue();
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            throw SqlErrors.translate(e, snapshot.entity(query.entityName()));
        }
        boolean more = rows.size() > c.pageSize();
        List<Entity> entities = new ArrayList<>(Math.min(rows.size(), c.pageSize()));
        int id = c.aggregate() ? -1 : rows.indexOf(c.id());
        int version = c.version() == null ? -1 : rows.indexOf(c.version());
        List<ColumnReader.Bound> readers = c.readers().stream().map(reader -> reader.bind(rows)).toList();
        for (int i = 0; i < rows.size() && i < c.pageSize(); i++) {
            Record r = rows.get(i);
            Entity entity = new Entity(query.entityName(), id < 0 ? null : r.get(id, UUID.class));
            if (version >= 0) {
                entity.set("versionnumber", r.get(version, Long.class));
            }
            for (ColumnReader.Bound reader : readers) {
                entity.set(reader.reader().key(), reader.read(r));
            }
            entities.add(entity);
        }
        String cookie = more && query.paging() != null ? Integer.toString(query.paging().pageNumber() + 1) : null;
        return new EntityCollection(query.entityName(), entities, more, total, cookie);
    }

    @Override
    public Optional<UUID> findIdByKey(MetadataSnapshot snapshot, EntityMetadata entity, Map<String, Object> keyValues) {
        boolean isKey = entity.keys().stream().map(EntityKeyMetadata::keyAttributes)
                .anyMatch(k -> k.size() == keyValues.size() && k.containsAll(keyValues.keySet()));
        if (!isKey) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The attributes " + keyValues.keySet()
                    + " do not form an alternate key of " + entity.logicalName() + ".");
        }
        List<Filter> conditions = new ArrayList<>();
        keyValues.forEach((k, v) -> conditions.add(v == null ? Condition.of(k, io.rapport.query.ConditionOperator.NULL)
                : Condition.eq(k, v)));
        QueryExpression q = QueryExpression.from(entity.logicalName()).columns(ColumnSet.none())
                .where(Filter.and(conditions.toArray(new Filter[0]))).top(2).build();
        EntityCollection found = retrieveMultiple(snapshot, q, QueryContext.system(null));
        return found.entities().stream().findFirst().map(Entity::id);
    }

    @Override
    public boolean exists(EntityMetadata entity, UUID id) {
        return byIdStatements.exists(dsl, entity, id);
    }

    @Override
    public boolean associate(ManyToManyRelationship r, UUID entity1Id, UUID entity2Id) {
        var one = Sql.column(null, r.entity1IntersectAttribute(), UUID.class);
        var two = Sql.column(null, r.entity2IntersectAttribute(), UUID.class);
        var table = Sql.table(r.intersectEntityName());
        if (dsl.fetchExists(DSL.selectOne().from(table).where(one.eq(entity1Id)).and(two.eq(entity2Id)))) {
            return false;
        }
        try {
            dsl.insertInto(table)
                    .set(Sql.column(null, r.intersectEntityName() + "id", UUID.class), UUID.randomUUID())
                    .set(one, entity1Id).set(two, entity2Id)
                    .set(versionField(), nextVersionValue())
                    .execute();
        } catch (DataAccessException | org.springframework.dao.DataAccessException e) {
            throw SqlErrors.translate(e, null);
        }
        return true;
    }

    @Override
    public boolean disassociate(ManyToManyRelationship r, UUID entity1Id, UUID entity2Id) {
        return dsl.deleteFrom(Sql.table(r.intersectEntityName()))
                .where(Sql.column(null, r.entity1IntersectAttribute(), UUID.class).eq(entity1Id))
                .and(Sql.column(null, r.entity2IntersectAttribute(), UUID.class).eq(entity2Id)).execute() > 0;
    }

    @Override
    public int disassociateAll(ManyToManyRelationship r, boolean fromEntity1, UUID id) {
        String column = fromEntity1 ? r.entity1IntersectAttribute() : r.entity2IntersectAttribute();
        return dsl.deleteFrom(Sql.table(r.intersectEntityName()))
                .where(Sql.column(null, column, UUID.class).eq(id)).execute();
    }
}
