package io.rapport.security.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/**
 * Password hashes, sign-in failure counts and the instant before which a user's sessions are void, kept apart from
 * user records.
 */
@Repository
class CredentialRepository {

    private static final Table<Record> CREDENTIAL = table(name("sys_credential"));
    private static final Field<UUID> USER = field(name("systemuserid"), UUID.class);
    private static final Field<String> HASH = field(name("passwordhash"), String.class);
    private static final Field<Integer> FAILED = field(name("failedattempts"), Integer.class);
    private static final Field<LocalDateTime> LOCKED = field(name("lockeduntil"), LocalDateTime.class);
    private static final Field<LocalDateTime> MODIFIED = field(name("modifiedon"), LocalDateTime.class);
    private static final Field<LocalDateTime> VALID_FROM = field(name("sessionsvalidfrom"), LocalDateTime.class);

    record Credential(UUID userId, String passwordHash, int failedAttempts, LocalDateTime lockedUntil) {
    }

    private final DSLContext dsl;

    CredentialRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Credential> find(UUID userId) {
        return dsl.select(USER, HASH, FAILED, LOCKED).from(CREDENTIAL).where(USER.eq(userId))
                .fetchOptional(r -> new Credential(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Counts a failed sign-in; at {@code max} failures in a row the account is locked until {@code lockedUntil}
     * and the count starts again.
     *
     * @return whether this failure locked the account
     */
    boolean recordFailure(UUID userId, int max, LocalDateTime lockedUntil) {
        dsl.update(CREDENTIAL).set(FAILED, FAILED.plus(1)).where(USER.eq(userId)).execute();
        Integer failures = dsl.select(FAILED).from(CREDENTIAL).where(USER.eq(userId)).fetchOne(FAILED);
        if (failures != null && failures >= max) {
            dsl.update(CREDENTIAL).set(FAILED, 0).set(LOCKED, lockedUntil).where(USER.eq(userId)).execute();
            return true;
        }
        return false;
    }

    void resetFailures(UUID userId) {
        dsl.update(CREDENTIAL).set(FAILED, 0).setNull(LOCKED).where(USER.eq(userId))
                .and(FAILED.gt(0).or(LOCKED.isNotNull())).execute();
    }

    void setPassword(UUID userId, String hash) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        int updated = dsl.update(CREDENTIAL).set(HASH, hash).set(FAILED, 0).setNull(LOCKED).set(MODIFIED, now)
                .where(USER.eq(userId)).execute();
        if (updated == 0) {
            dsl.insertInto(CREDENTIAL).columns(USER, HASH, FAILED, MODIFIED).values(userId, hash, 0, now).execute();
        }
    }

    /** Voids every session the user started before {@code from} (UTC). */
    void endSessions(UUID userId, LocalDateTime from) {
        dsl.update(CREDENTIAL).set(VALID_FROM, from).where(USER.eq(userId)).execute();
    }

    /** The instant (UTC) before which the user's sessions are void, if one is set. */
    Optional<LocalDateTime> sessionsValidFrom(UUID userId) {
        return Optional.ofNullable(dsl.select(VALID_FROM).from(CREDENTIAL).where(USER.eq(userId))
                .fetchOne(VALID_FROM));
    }
}
