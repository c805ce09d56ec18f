package io.rapport.webapi.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/**
 * Interim personal access tokens for the Web API ({@code rpat_} + 32 random bytes), stored as SHA-256 hashes with
 * an expiry in {@code sys_api_token}. Replaced by OAuth2 bearer tokens when the security module provides them.
 */
@Repository
class AccessTokens {

    static final String PREFIX = "rpat_";

    private static final Table<Record> TOKENS = table(name("sys_api_token"));
    private static final Field<UUID> ID = field(name("id"), UUID.class);
    private static final Field<String> HASH = field(name("tokenhash"), String.class);
    private static final Field<UUID> USER = field(name("systemuserid"), UUID.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<LocalDateTime> CREATED = field(name("createdon"), LocalDateTime.class);
    private static final Field<UUID> CREATED_BY = field(name("createdby"), UUID.class);
    private static final Field<LocalDateTime> EXPIRES = field(name("expireson"), LocalDateTime.class);

    /** A token just issued; the clear text is shown once and never stored. */
    record Issued(UUID id, String token, Instant expiresOn) {
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AccessTokens(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    Issued issue(UUID userId, String label, Instant expiresOn, UUID issuedBy) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        dsl.insertInto(TOKENS).set(ID, id).set(HASH, hash(token)).set(USER, userId).set(NAME, label)
                .set(CREATED, LocalDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC)).set(CREATED_BY, issuedBy)
                .set(EXPIRES, LocalDateTime.ofInstant(expiresOn, ZoneOffset.UTC)).execute();
        return new Issued(id, token, expiresOn);
    }

    /** The user a valid, unexpired token belongs to. */
    /**
     * The user of a valid token. A valid token is remembered for a few seconds per node (until its expiry at the
     * latest), so that a burst of calls costs one lookup; revocation reaches other nodes within that time.
     */
    Optional<UUID> userOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = Instant.now(clock);
        Known known = valid.getIfPresent(hash);
        if (known != null && known.expiresOn().isAfter(now)) {
            return Optional.of(known.userId());
        }
        var row = dsl.select(USER, EXPIRES).from(TOKENS).where(HASH.eq(hash))
                .and(EXPIRES.gt(LocalDateTime.ofInstant(now, ZoneOffset.UTC))).fetchOptional();
        row.ifPresent(r -> valid.put(hash, new Known(r.value1(), r.value2().toInstant(ZoneOffset.UTC))));
        return row.map(org.jooq.Record2::value1);
    }

    boolean revoke(UUID id) {
        valid.invalidateAll();
        return dsl.deleteFrom(TOKENS).where(ID.eq(id)).execute() == 1;
    }

    private record Known(UUID userId, Instant expiresOn) {
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, Known> valid = com.github.benmanes.caffeine.cache
            .Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(java.time.Duration.ofSeconds(10)).build();

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
