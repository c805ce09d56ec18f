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
    private final AtomicReference<Generation> current = new AtomicReference<>(new Generation(-1));

    UserSecurityCache(SecurityVersion version, SecurityModelReader reader) {
        this.version = version;
        this.reader = reader;
    }

    /** The user's security as of the current security version. */
    public UserSecurity get(UUID userId) {
        Generation g = generation();
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
        private final AtomicReference<BusinessUnitTree> tree = new AtomicReference<>();

        Generation(long version) {
            this.version = version;
        }
    }
}
