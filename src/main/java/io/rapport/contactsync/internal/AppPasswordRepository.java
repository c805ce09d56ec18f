package io.rapport.contactsync.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.rapport.contactsync.AppPasswords.AppPassword;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/** App passwords in {@code sys_dav_app_password}: owner, name, the encoder's hash, created and last used. */
@Repository
class AppPasswordRepository {

    private static final Table<Record> PASSWORDS = table(name("sys_dav_app_password"));
    private static final Field<UUID> ID = field(name("id"), UUID.class);
    private static final Field<UUID> USER = field(name("systemuserid"), UUID.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<String> HASH = field(name("passwordhash"), String.class);
    private static final Field<LocalDateTime> CREATED = field(name("createdon"), LocalDateTime.class);
    private static final Field<LocalDateTime> LAST_USED = field(name("lastusedon"), LocalDateTime.class);

    /** A stored password of a user, for checking a presented secret. */
    record Stored(UUID id, String hash, Instant lastUsedOn) {
    }

    private final DSLContext dsl;

    AppPasswordRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(UUID userId, String hash, AppPassword password) {
        dsl.insertInto(PASSWORDS).set(ID, password.id()).set(USER, userId).set(NAME, password.name())
                .set(HASH, hash).set(CREATED, utc(password.createdOn())).execute();
    }

    /** Every password of the user (few: a person has one per device), to match a presented secret against. */
    List<Stored> ofUserForCheck(UUID userId, int max) {
        return dsl.select(ID, HASH, LAST_USED).from(PASSWORDS).where(USER.eq(userId)).orderBy(CREATED.desc())
                .limit(max).fetch(r -> new Stored(r.value1(), r.value2(), instant(r.value3())));
    }

    /** The password with this id and hash if it still exists: read on every request, so revocation is at once. */
    java.util.Optional<Stored> find(UUID id, String hash) {
        return dsl.select(ID, HASH, LAST_USED).from(PASSWORDS).where(ID.eq(id)).and(HASH.eq(hash))
                .fetchOptional(r -> new Stored(r.value1(), r.value2(), instant(r.value3())));
    }

    List<AppPassword> ofUser(UUID userId, int page, int pageSize) {
        return dsl.select(ID, NAME, CREATED, LAST_USED).from(PASSWORDS).where(USER.eq(userId))
                .orderBy(CREATED.desc(), ID.desc()).limit(pageSize).offset((long) (page - 1) * pageSize)
                .fetch(r -> new AppPassword(r.value1(), r.value2(), instant(r.value3()), instant(r.value4())));
    }

    void touch(UUID id, Instant now) {
        dsl.update(PASSWORDS).set(LAST_USED, utc(now)).where(ID.eq(id)).execute();
    }

    boolean delete(UUID id, UUID userId) {
        return dsl.deleteFrom(PASSWORDS).where(ID.eq(id)).and(USER.eq(userId)).execute() == 1;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
