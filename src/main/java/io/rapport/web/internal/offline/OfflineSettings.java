package io.rapport.web.internal.offline;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The administrator's offline profile in {@code sys_offline_setting}: key to value, organization-wide. */
@Repository
class OfflineSettings {

    private static final Table<Record> SETTING = table(name("sys_offline_setting"));
    private static final Field<String> KEY = field(name("setting_key"), String.class);
    private static final Field<String> VALUE = field(name("setting_value"), String.class);

    private final DSLContext dsl;

    OfflineSettings(DSLContext dsl) {
        this.dsl = dsl;
    }

    Map<String, String> all() {
        return dsl.select(KEY, VALUE).from(SETTING).fetchMap(KEY, VALUE);
    }

    /** Replaces every setting with these, in one transaction. */
    @Transactional
    void replace(Map<String, String> settings) {
        dsl.deleteFrom(SETTING).execute();
        settings.forEach((k, v) -> dsl.insertInto(SETTING).columns(KEY, VALUE).values(k, v).execute());
    }
}
