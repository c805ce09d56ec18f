package io.rapport.store.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.SchemaSync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates and alters entity tables from metadata: missing tables are created, missing columns added, indexes
 * and unique key indexes created if absent, and foreign keys added for single-target lookups. Running it again
 * on an up-to-date database changes nothing; it never drops a column or a row.
 */
@Component
class JooqSchemaSync implements SchemaSync {

    private static final Logger log = LoggerFactory.getLogger(JooqSchemaSync.class);

    private final DSLContext dsl;

    JooqSchemaSync(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void apply(MetadataSnapshot snapshot, Collection<String> entityNames) {
        Map<String, Set<String>> existing = existingColumns();
        Set<String> constraints = existingConstraints();
        Set<String> indexes = existingIndexes();
        Set<String> names = new LinkedHashSet<>();
        for (String name : entityNames) {
            if (!snapshot.entity(name).isIntersect()) {
                names.add(name);
            }
        }
        for (String name : names) {
            syncTable(snapshot.entity(name), existing);
        }
        for (ManyToManyRelationship r : snapshot.manyToManyRelationships()) {
            if (names.contains(r.entity1()) || names.contains(r.entity2())
                    || entityNames.contains(r.intersectEntityName())) {
                syncIntersect(snapshot, r, existing, constraints);
            }
        }
        for (String name : names) {
            syncIndexes(snapshot.entity(name), indexes);
            syncForeignKeys(snapshot, snapshot.entity(name), constraints);
        }
    }

    private Map<String, Set<String>> existingColumns() {
        Field<String> tableName = DSL.field(DSL.name("table_name"), String.class);
        Field<String> columnName = DSL.field(DSL.name("column_name"), String.class);
        Field<String> schema = DSL.field(DSL.name("table_schema"), String.class);
        Map<String, Set<String>> result = new HashMap<>();
        dsl.select(tableName, columnName).from(DSL.table(DSL.name("information_schema", "columns")))
                .where(schema.eq(DSL.currentSchema()))
                .forEach(r -> result.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        return result;
    }

    private Set<String> existingConstraints() {
        Field<String> name = DSL.field(DSL.name("constraint_name"), String.class);
        Field<String> schema = DSL.field(DSL.name("table_schema"), String.class);
        return new HashSet<>(dsl.select(name).from(DSL.table(DSL.name("information_schema", "table_constraints")))
                .where(schema.eq(DSL.currentSchema())).fetch(name));
    }

    /**
     * The schema's index names, read once: a start on an up-to-date database then sends no DDL at all. (Each
     * {@code CREATE INDEX IF NOT EXISTS} of an existing index still took a SHARE lock on its table on PostgreSQL,
     * held to the end of the start-up transaction, and cost a round trip, for every index of every entity.)
     */
    private Set<String> existingIndexes() {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            Field<String> name = DSL.field(DSL.name("indexname"), String.class);
            Field<String> schema = DSL.field(DSL.name("schemaname"), String.class);
            return new HashSet<>(dsl.select(name).from(DSL.table(DSL.name("pg_catalog", "pg_indexes")))
                    .where(schema.eq(DSL.currentSchema())).fetch(name));
        }
        Field<String> name = DSL.field(DSL.name("index_name"), String.class);
        Field<String> schema = DSL.field(DSL.name("table_schema"), String.class);
        return new HashSet<>(dsl.select(name).from(DSL.table(DSL.name("information_schema", "indexes")))
                .where(schema.eq(DSL.currentSchema())).fetch(name));
    }

    private void syncTable(EntityMetadata e, Map<String, Set<String>> existing) {
        Set<String> columns = existing.get(e.logicalName());
        Table<Record> table = Sql.table(e);
        if (columns == null) {
            List<Field<?>> fields = new ArrayList<>();
            for (AttributeMetadata a : e.attributes()) {
                fields.addAll(columnsOf(e, a));
            }
            dsl.createTable(table).columns(fields)
                    .constraint(DSL.constraint(DSL.name(Sql.objectName("pk", e.logicalName(), "id")))
                            .primaryKey(DSL.field(DSL.name(e.primaryIdAttribute()))))
                    .execute();
            log.info("Table created table={} columns={}", e.logicalName(), fields.size());
            Set<String> created = new HashSet<>();
            fields.forEach(f -> created.add(f.getName()));
            existing.put(e.logicalName(), created);
            return;
        }
        for (AttributeMetadata a : e.attributes()) {
            for (Field<?> f : columnsOf(e, a)) {
                if (!columns.contains(f.getName())) {
                    dsl.alterTable(table).addColumn(f).execute();
                    columns.add(f.getName());
                    log.info("Column added table={} column={}", e.logicalName(), f.getName());
                }
            }
        }
    }

    private static List<Field<?>> columnsOf(EntityMetadata e, AttributeMetadata a) {
        List<Field<?>> fields = new ArrayList<>();
        boolean pk = a.logicalName().equals(e.primaryIdAttribute());
        org.jooq.DataType<?> type = pk ? Sql.dataType(a).nullable(false) : Sql.dataType(a);
        fields.add(DSL.field(DSL.name(a.logicalName()), type));
        if (a.isPolymorphic()) {
            fields.add(DSL.field(DSL.name(a.typeColumn()), SQLDataType.VARCHAR(Sql.TYPE_COLUMN_LENGTH)));
        }
        return fields;
    }

    private void syncIndexes(EntityMetadata e, Set<String> indexes) {
        Table<Record> table = Sql.table(e);
        boolean ownerNameIndexed = Sql.ownerNameIndexed(dsl.dialect(), e);
        for (AttributeMetadata a : e.attributes()) {
            boolean lowerIndexed = Sql.lowerIndexed(dsl.dialect(), a);
            // the owner's rows are found through the (ownerid, lower(name)) index below where there is one: an index
            // of ownerid alone would answer nothing that one does not, and cost every insert one index more
            boolean ownerByName = ownerNameIndexed && a.logicalName().equals("ownerid");
            boolean indexed = a.type().isLookup() && !ownerByName
                    || a.logicalName().equals(e.primaryNameAttribute()) && !lowerIndexed
                    || a.logicalName().equals("modifiedon") || a.logicalName().equals("createdon")
                    || a.logicalName().equals("statecode")
                    // change tracking reads "versions after N" through this index (RetrieveEntityChanges)
                    || a.logicalName().equals("versionnumber");
            String ix = Sql.objectName("ix", e.logicalName(), a.logicalName());
            if (indexed && indexes.add(ix)) {
                dsl.createIndexIfNotExists(DSL.name(ix)).on(table, DSL.field(DSL.name(a.logicalName()))).execute();
            }
            String ixc = Sql.objectName("ixc", e.logicalName(), a.logicalName());
            if (a.type() == AttributeType.CUSTOMER && e.hasAttribute("createdon") && indexes.add(ixc)) {
                // a customer's records newest first (its subgrids, a customer's invoices) read in index order
                dsl.createIndexIfNotExists(DSL.name(ixc))
                        .on(table, DSL.field(DSL.name(a.logicalName())), DSL.field(DSL.name("createdon"))).execute();
            }
            String ixo = Sql.objectName("ixo", e.logicalName(), a.logicalName());
            if (lowerIndexed && indexes.add(ixo)) {
                // text compares and sorts case-insensitively (Dataverse semantics): equality, IN, begins-with (as a
                // range) and ORDER BY all use lower(column), which this index answers in order
                dsl.execute("create index if not exists " + DSL.name(ixo) + " on " + DSL.name(e.logicalName())
                        + " (lower(" + DSL.name(a.logicalName()) + "))");
            }
        }
        String ixn = Sql.objectName("ixn", e.logicalName(), "ownerid");
        if (ownerNameIndexed && indexes.add(ixn)) {
            // a salesperson's page sorted by name reads each owner's rows in name order (issue 19: the owners' parts
            // of a row-secured page, QueryCompiler.merged)
            dsl.execute("create index if not exists " + DSL.name(ixn)
                    + " on " + DSL.name(e.logicalName()) + " (" + DSL.name("ownerid") + ", lower("
                    + DSL.name(e.primaryNameAttribute()) + "))");
        }
        String ownerOnly = Sql.objectName("ix", e.logicalName(), "ownerid");
        if (ownerNameIndexed && indexes.remove(ownerOnly)) {
            // made by an earlier version, before the index above covered it
            dsl.dropIndexIfExists(DSL.name(ownerOnly)).on(table).execute();
            log.info("Index dropped index={} (covered by {})", ownerOnly, ixn);
        }
        for (EntityKeyMetadata key : e.keys()) {
            String uk = Sql.objectName("uk", e.logicalName(), key.logicalName());
            if (!indexes.add(uk)) {
                continue;
            }
            List<Field<?>> fields = new ArrayList<>();
            key.keyAttributes().forEach(k -> fields.add(DSL.field(DSL.name(k))));
            dsl.createUniqueIndexIfNotExists(DSL.name(uk)).on(table, fields.toArray(new Field<?>[0])).execute();
        }
    }

    private void syncForeignKeys(MetadataSnapshot snapshot, EntityMetadata e, Set<String> constraints) {
        for (AttributeMetadata a : e.attributes()) {
            if (!a.type().isLookup() || a.isPolymorphic() || a.targets().size() != 1) {
                continue;
            }
            EntityMetadata target = snapshot.entity(a.targets().get(0));
            addForeignKey(e.logicalName(), a.logicalName(), target, constraints);
        }
    }

    private void addForeignKey(String table, String column, EntityMetadata target, Set<String> constraints) {
        String name = Sql.objectName("fk", table, column);
        if (constraints.contains(name)) {
            return;
        }
        dsl.alterTable(Sql.table(table)).add(DSL.constraint(DSL.name(name)).foreignKey(DSL.field(DSL.name(column)))
                .references(Sql.table(target), DSL.field(DSL.name(target.primaryIdAttribute())))).execute();
        constraints.add(name);
    }

    private void syncIntersect(MetadataSnapshot snapshot, ManyToManyRelationship r, Map<String, Set<String>> existing,
            Set<String> constraints) {
        String t = r.intersectEntityName();
        if (existing.containsKey(t)) {
            return;
        }
        Field<?> id = DSL.field(DSL.name(t + "id"), SQLDataType.UUID.nullable(false));
        Field<?> one = DSL.field(DSL.name(r.entity1IntersectAttribute()), SQLDataType.UUID.nullable(false));
        Field<?> two = DSL.field(DSL.name(r.entity2IntersectAttribute()), SQLDataType.UUID.nullable(false));
        Field<?> version = DSL.field(DSL.name("versionnumber"), SQLDataType.BIGINT);
        dsl.createTable(Sql.table(t)).columns(id, one, two, version)
                .constraint(DSL.constraint(DSL.name(Sql.objectName("pk", t, "id"))).primaryKey(id))
                .constraint(DSL.constraint(DSL.name(Sql.objectName("uk", t, "pair"))).unique(one, two))
                .execute();
        dsl.createIndexIfNotExists(DSL.name(Sql.objectName("ix", t, r.entity2IntersectAttribute())))
                .on(Sql.table(t), two).execute();
        existing.put(t, new HashSet<>(List.of(id.getName(), one.getName(), two.getName(), version.getName())));
        addForeignKey(t, r.entity1IntersectAttribute(), snapshot.entity(r.entity1()), constraints);
        addForeignKey(t, r.entity2IntersectAttribute(), snapshot.entity(r.entity2()), constraints);
        log.info("Intersect table created table={}", t);
    }

    @Override
    public void dropTable(String entityName) {
        dsl.dropTableIfExists(Sql.table(entityName)).cascade().execute();
        log.info("Table dropped table={}", entityName);
    }

    @Override
    public void dropColumns(String entityName, Collection<String> columns) {
        Table<Record> table = Sql.table(entityName);
        for (String column : columns) {
            dsl.alterTable(table).dropConstraintIfExists(DSL.name(Sql.objectName("fk", entityName, column)))
                    .execute();
            for (String prefix : List.of("ix", "ixo", "ixc")) {
                dsl.dropIndexIfExists(DSL.name(Sql.objectName(prefix, entityName, column))).on(table).execute();
            }
            dsl.alterTable(table).dropColumnIfExists(DSL.name(column)).execute();
        }
        log.info("Columns dropped table={} columns={}", entityName, columns);
    }

    @Override
    public boolean transactionalDdl() {
        return dsl.dialect().family() != SQLDialect.H2;
    }

    @Override
    public void dropKey(String entityName, String keyName) {
        dsl.dropIndexIfExists(DSL.name(Sql.objectName("uk", entityName, keyName))).on(Sql.table(entityName))
                .execute();
    }
}
