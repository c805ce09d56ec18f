package io.rapport.metadata.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/** Reads and writes the metadata tables ({@code sys_metadata}, {@code sys_metadata_version}). */
@Repository
class MetadataRepository {

    private static final Table<?> METADATA = table(name("sys_metadata"));
    private static final Field<String> KIND = field(name("kind"), String.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<String> SOURCE = field(name("source"), String.class);
    private static final Field<String> BODY = field(name("body"), String.class);
    private static final Field<LocalDateTime> MODIFIED = field(name("modified_on"), LocalDateTime.class);
    private static final Table<?> VERSION = table(name("sys_metadata_version"));
    private static final Field<Integer> VERSION_ID = field(name("id"), Integer.class);
    private static final Field<Long> VERSION_VALUE = field(name("version"), Long.class);

    private final DSLContext dsl;

    MetadataRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<MetadataRow> all() {
        return dsl.select(KIND, NAME, SOURCE, BODY).from(METADATA).orderBy(KIND, NAME)
                .fetch(r -> new MetadataRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<MetadataRow> find(String kind, String name) {
        return dsl.select(KIND, NAME, SOURCE, BODY).from(METADATA).where(KIND.eq(kind)).and(NAME.eq(name))
                .fetchOptional(r -> new MetadataRow(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    void save(MetadataRow row) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        int updated = dsl.update(METADATA).set(SOURCE, row.source()).set(BODY, row.body()).set(MODIFIED, now)
                .where(KIND.eq(row.kind())).and(NAME.eq(row.name())).execute();
        if (updated == 0) {
            dsl.insertInto(METADATA).columns(KIND, NAME, SOURCE, BODY, MODIFIED)
                    .values(row.kind(), row.name(), row.source(), row.body(), now).execute();
        }
    }

    /** Inserts definitions the table lacks, in one batch. */
    void insertAll(List<MetadataRow> rows) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        var batch = dsl.batch(dsl.insertInto(METADATA).columns(KIND, NAME, SOURCE, BODY, MODIFIED)
                .values((String) null, null, null, null, null));
        for (MetadataRow row : rows) {
            batch.bind(row.kind(), row.name(), row.source(), row.body(), now);
        }
        batch.execute();
    }

    /** Removes a stored definition (a custom one, deleted by a customization). */
    void delete(String kind, String name) {
        dsl.deleteFrom(METADATA).where(KIND.eq(kind)).and(NAME.eq(name)).execute();
    }

    long version() {
        return dsl.select(VERSION_VALUE).from(VERSION).where(VERSION_ID.eq(1)).fetchOne(VERSION_VALUE);
    }

    /** Locks the version row until the transaction ends, so customizations and start-ups run one at a time. */
    long lockVersion() {
        return dsl.select(VERSION_VALUE).from(VERSION).where(VERSION_ID.eq(1)).forUpdate().fetchOne(VERSION_VALUE);
    }

    long bumpVersion() {
        dsl.update(VERSION).set(VERSION_VALUE, VERSION_VALUE.plus(1)).where(VERSION_ID.eq(1)).execute();
        return version();
    }
}
