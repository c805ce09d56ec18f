package io.rapport.testing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Point a Spring test context at a fresh database of one kind. */
public final class DatabaseInitializers {

    private DatabaseInitializers() {
    }

    static void apply(ConfigurableApplicationContext context, Map<String, String> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("rapport.security.admin-password", TestUsers.ADMIN_PASSWORD);
        all.put("rapport.metadata.refresh-interval", "0s");
        // cached test contexts otherwise each keep 20 idle connections; PostgreSQL is shared by parallel runs
        all.put("spring.datasource.hikari.minimum-idle", "2");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", all));
    }

    /** A fresh in-memory H2 database per test context. */
    public static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(context, TestDatabases.h2());
        }
    }

    /** A fresh PostgreSQL schema per test context. */
    public static final class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(context, TestDatabases.postgres());
        }
    }
}
