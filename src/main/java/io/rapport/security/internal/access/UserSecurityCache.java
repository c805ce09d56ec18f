package io.rapport.security.internal.access;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Users' security and the business unit tree, cached per security version: one small query per message checks
 * the version (once per transaction), and any change to roles, teams or business units on any node makes
 * every node recompute on next use.
 */
@Component
public class UserSecurityCache {

    private static final int MAX_USERS = 10_000;

    private final SecurityVersion version;
    private final SecurityModelReader reader;
    private final SharingRepository sharing;
    private final AtomicReference<Generation> current = new AtomicReference<>(new Generation(-1));

    UserSecurityCache(SecurityVersion version, SecurityModelReader reader, SharingRepository sharing) {
        this.version = version;
        this.reader = reader;
        this.sharing = sharing;
    }

    /** The user's security as of the current security version. */
    public UserSecurity get(UUID userId) {
        return get(generation(), userId);
    }

    private UserSecurity get(Generation g, UUID userId) {
        UserSecurity cached = g.users.get(userId);
        if (cached != null) {
            return cached;
        }
        UserSecurity loaded = reader.load(userId, tree(g));
        if (g.users.size() < MAX_USERS) {
            g.users.putIfAbsent(userId, loaded);
        }
        return loaded;
    }

    /**
     * Whether a record of the entity is shared with the user or one of their teams, as of the current security
     * version (a principal's first share of an entity changes it, see {@link SharingRepository#set}). The teams are
     * those of the same version as the answer kept with it, even when {@code s} was read under an earlier one.
     */
    public boolean sharesAny(UserSecurity s, String entityName) {
        Generation g = generation();
        SharedKey key = new SharedKey(s.userId(), entityName);
        Boolean cached = g.shared.get(key);
        if (cached != null) {
            return cached;
        }
        boolean any = sharing.anyShared(get(g, s.userId()).principals(), entityName);
        if (g.shared.size() < MAX_USERS * 10) {
            g.shared.putIfAbsent(key, any);
        }
        return any;
    }

    public BusinessUnitTree businessUnits() {
        return tree(generation());
    }

    private BusinessUnitTree tree(Generation g) {
        BusinessUnitTree t = g.tree.get();
        if (t == null) {
            t = reader.businessUnits();
            g.tree.compareAndSet(null, t);
        }
        return t;
    }

    private Generation generation() {
        long v = version.current();
        Generation g = current.get();
        if (g.version != v) {
            Generation fresh = new Generation(v);
            current.compareAndSet(g, fresh);
            g = fresh;
        }
        return g;
    }

    private static final class Generation {
        private final long version;
        private final Map<UUID, UserSecurity> users = new ConcurrentHashMap<>();
        private final Map<SharedKey, Boolean> shared = new ConcurrentHashMap<>();
        private final AtomicReference<BusinessUnitTree> tree = new AtomicReference<>();

        Generation(long version) {
            this.version = version;
        }
    }

    private record SharedKey(UUID userId, String entityName) {
    }
}
