package io.rapport.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/** Point a Spring test context at a fresh database of one kind. */
public final class DatabaseInitializers {

    private DatabaseInitializers() {
    }

    static void apply(ConfigurableApplicationContext context, Map<String, String> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(AppInstances.TEST_SETTINGS);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", all));
    }

    /**
     * A fresh in-memory H2 database per test context, dropped when the context closes. A connection of its own
     * holds the database from before the context starts until the context closes; the pool's connections then hold
     * it while the application shuts down, and H2 drops it with the last of them. (With {@code DB_CLOSE_DELAY=-1}
     * every context the test context cache evicted left its database, rows and indexes in the heap until the JVM
     * ended, one reason the suite's live heap grew to 1.6 GB of 2 GB and its last classes ran among full
     * collections; the live heap still reaches about 1.5 GB late in the run, so something else holds memory too.)
     */
    public static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String url = TestDatabases.h2MemoryUrl();
            Connection holder;
            try {
                holder = DriverManager.getConnection(url, "sa", "");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot open the test's H2 database " + url, e);
            }
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
                if (event.getApplicationContext() == context) {
                    try {
                        holder.close();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            apply(context, TestDatabases.h2At(url));
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
