package io.rapport.security.internal.tokens;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.rapport.security.PersonalAccessTokens.TokenInfo;
import io.rapport.security.PersonalAccessTokens.TokenScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/** Personal access tokens in {@code sys_api_token}: the SHA-256 hash of each secret, its owner, scope and expiry. */
@Repository
class TokenRepository {

    private static final Table<Record> TOKENS = table(name("sys_api_token"));
    private static final Field<UUID> ID = field(name("id"), UUID.class);
    private static final Field<String> HASH = field(name("tokenhash"), String.class);
    private static final Field<UUID> USER = field(name("systemuserid"), UUID.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<String> SCOPE = field(name("scope"), String.class);
    private static final Field<LocalDateTime> CREATED = field(name("createdon"), LocalDateTime.class);
    private static final Field<UUID> CREATED_BY = field(name("createdby"), UUID.class);
    private static final Field<LocalDateTime> EXPIRES = field(name("expireson"), LocalDateTime.class);

    /** The owner and scope of a valid token. */
    record Valid(UUID userId, TokenScope scope, Instant expiresOn) {
    }

    private final DSLContext dsl;

    TokenRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(UUID userId, String hash, TokenInfo token) {
        dsl.insertInto(TOKENS).set(ID, token.id()).set(HASH, hash).set(USER, userId).set(NAME, token.name())
                .set(SCOPE, token.scope().value()).set(CREATED, utc(token.createdOn())).set(CREATED_BY, userId)
                .set(EXPIRES, utc(token.expiresOn())).execute();
    }

    /** The token with this hash, unless it expired. */
    Optional<Valid> valid(String hash, Instant now) {
        return dsl.select(USER, SCOPE, EXPIRES).from(TOKENS).where(HASH.eq(hash)).and(EXPIRES.gt(utc(now)))
                .fetchOptional(r -> new Valid(r.value1(), TokenScope.of(r.value2()),
                        r.value3().toInstant(ZoneOffset.UTC)));
    }

    List<TokenInfo> ofUser(UUID userId, int page, int pageSize) {
        return dsl.select(ID, NAME, SCOPE, CREATED, EXPIRES).from(TOKENS).where(USER.eq(userId))
                .orderBy(CREATED.desc(), ID.desc()).limit(pageSize).offset((long) (page - 1) * pageSize)
                .fetch(r -> new TokenInfo(r.value1(), r.value2(), TokenScope.of(r.value3()),
                        r.value4().toInstant(ZoneOffset.UTC), r.value5().toInstant(ZoneOffset.UTC)));
    }

    boolean delete(UUID id, UUID userId) {
        return dsl.deleteFrom(TOKENS).where(ID.eq(id)).and(USER.eq(userId)).execute() == 1;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
