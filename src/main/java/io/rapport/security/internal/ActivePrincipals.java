package io.rapport.security.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.security.internal.access.SecurityVersion;
import io.rapport.security.internal.access.UserSecurity;
import io.rapport.security.internal.access.UserSecurityCache;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Whether a signed-in principal may still act: the user exists, is enabled, and signed in after their sessions were
 * last voided (when they were disabled). Answers from the security version's caches, so a check per request costs a
 * map lookup; disabling a user changes the version, so every node sees it within
 * {@code rapport.security.version-check-interval} and the node that made the change at once. Nothing here depends on
 * where sessions are kept.
 */
@Component
class ActivePrincipals {

    private static final int MAX_USERS = 10_000;

    private final UserSecurityCache security;
    private final SecurityVersion version;
    private final CredentialRepository credentials;
    private final AtomicReference<Generation> current = new AtomicReference<>(new Generation(-1));

    ActivePrincipals(UserSecurityCache security, SecurityVersion version, CredentialRepository credentials) {
        this.security = security;
        this.version = version;
        this.credentials = credentials;
    }

    /**
     * @param signedInAt when the session or token began, or {@code null} when the credentials were checked on this
     *     very request (a password) or the token cannot outlive disabling (it is removed then)
     */
    boolean active(UUID userId, Instant signedInAt) {
        UserSecurity s;
        try {
            s = security.get(userId);
        } catch (RapportException e) {
            if (e.code() == ErrorCode.OBJECT_DOES_NOT_EXIST || e.code() == ErrorCode.ENTITY_NOT_FOUND) {
                return false; // the user was deleted
            }
            throw e;
        }
        if (s.disabled()) {
            return false;
        }
        if (signedInAt == null) {
            return true;
        }
        Optional<LocalDateTime> validFrom = validFrom(userId);
        return validFrom.isEmpty() || !signedInAt.isBefore(validFrom.get().toInstant(ZoneOffset.UTC));
    }

    private Optional<LocalDateTime> validFrom(UUID userId) {
        long v = version.current();
        Generation g = current.get();
        if (g.version != v) {
            Generation fresh = new Generation(v);
            current.compareAndSet(g, fresh);
            g = fresh;
        }
        Optional<LocalDateTime> cached = g.validFrom.get(userId);
        if (cached != null) {
            return cached;
        }
        Optional<LocalDateTime> loaded = credentials.sessionsValidFrom(userId);
        if (g.validFrom.size() < MAX_USERS) {
            g.validFrom.putIfAbsent(userId, loaded);
        }
        return loaded;
    }

    private static final class Generation {
        private final long version;
        private final Map<UUID, Optional<LocalDateTime>> validFrom = new ConcurrentHashMap<>();

        Generation(long version) {
            this.version = version;
        }
    }
}
