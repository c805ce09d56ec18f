package io.rapport.web.internal.support;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's remembered UI choices in {@code sys_ui_preference}, by user and key: personal settings such as the
 * columns applied to a list view, which are no business records (the person's own, read and written only for them).
 * Read through a per-node cache keyed by the {@link UiConfigurationVersion}, which a save raises: a list page reads
 * its remembered columns without a statement, and a save shows on every node as views do.
 */
@Repository
public class UiPreferences {

    private static final Table<Record> PREFERENCE = table(name("sys_ui_preference"));
    private static final Field<UUID> USER = field(name("user_id"), UUID.class);
    private static final Field<String> KEY = field(name("pref_key"), String.class);
    private static final Field<String> VALUE = field(name("pref_value"), String.class);
    static final int MAX_VALUE = 4000;
    private static final int MAX_CACHED = 10_000;

    private record Key(UUID user, String key) {
    }

    private record Cached(long version, Optional<String> value) {
    }

    private final DSLContext dsl;
    private final UiConfigurationVersion version;
    private final java.util.concurrent.ConcurrentHashMap<Key, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    UiPreferences(DSLContext dsl, UiConfigurationVersion version) {
        this.dsl = dsl;
        this.version = version;
    }

    public Optional<String> find(UUID user, String key) {
        long v = version.current();
        Key k = new Key(user, key);
        Cached hit = cache.get(k);
        if (hit != null && hit.version() == v) {
            return hit.value();
        }
        Optional<String> value = dsl.select(VALUE).from(PREFERENCE).where(USER.eq(user)).and(KEY.eq(key))
                .fetchOptional(VALUE);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(k, new Cached(v, value));
        return value;
    }

    /** Stores the value (replacing the previous one); an empty value forgets the choice. */
    @Transactional
    public void save(UUID user, String key, String value) {
        version.bump();
        dsl.deleteFrom(PREFERENCE).where(USER.eq(user)).and(KEY.eq(key)).execute();
        if (value != null && !value.isBlank()) {
            if (value.length() > MAX_VALUE || key.length() > 300) {
                throw new IllegalArgumentException("preference too long");
            }
            dsl.insertInto(PREFERENCE).columns(USER, KEY, VALUE).values(user, key, value).execute();
        }
    }
}
