package io.rapport.cluster.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.rapport.cluster.ClusterSignals;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@link ClusterSignals} on PostgreSQL {@code LISTEN/NOTIFY}. A signal is {@code pg_notify(channel, topic + ' ' +
 * node)} run in the publisher's transaction, so PostgreSQL delivers it only when that transaction commits. Each node
 * listens on a connection of its own (opened with the pool's URL and credentials, outside the pool) from a daemon
 * thread that waits for notifications ({@code PGConnection.getNotifications(timeout)}); when that connection fails
 * it is opened again after {@code rapport.cluster.reconnect-delay}, and every listener runs once, since signals sent
 * meanwhile are lost. The channel is named after the database schema, so that installations (and test schemas) that
 * share a PostgreSQL database do not hear each other. On H2 nothing is sent or heard.
 */
@Component
@EnableConfigurationProperties(ClusterProperties.class)
class PostgresClusterSignals implements ClusterSignals, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresClusterSignals.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final DSLContext dsl;
    private final ClusterProperties properties;
    private final boolean postgres;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private volatile String channel;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private Thread thread;

    PostgresClusterSignals(DataSource dataSource, DSLContext dsl, ClusterProperties properties) {
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.properties = properties;
        this.postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    @Override
    public void publish(String topic) {
        if (!postgres || !properties.listen()) {
            return;
        }
        dsl.resultQuery("select pg_notify(?, ?)", channel(), topic + " " + node).fetch();
    }

    @Override
    public void subscribe(String topic, Runnable listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public boolean listening() {
        return listening;
    }

    private String channel() {
        String c = channel;
        if (c == null) {
            String schema = dsl.resultQuery("select current_schema()").fetchOne(0, String.class);
            c = ("rapport_" + schema).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            c = c.substring(0, Math.min(c.length(), 63));
            channel = c;
        }
        return c;
    }

    @Override
    public void start() {
        running = true;
        if (!postgres || !properties.listen()) {
            return;
        }
        channel();
        thread = new Thread(this::listen, "cluster-signals");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        while (running) {
            try (Connection c = open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + channel + "\"");
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                log.info("Cluster signals listening channel={} node={}", channel, node);
                // signals sent while this node was not listening are lost: treat every topic as changed
                listeners.values().forEach(l -> l.forEach(this::runQuietly));
                while (running) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification n : received) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Cluster signal connection lost; caches fall back to their polls until it is back "
                            + "node={} error={}", node, e.toString());
                }
            } finally {
                listening = false;
                connection = null;
            }
            pause();
        }
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(properties.reconnectDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void dispatch(String payload) {
        int space = payload.lastIndexOf(' ');
        String topic = space < 0 ? payload : payload.substring(0, space);
        String from = space < 0 ? "" : payload.substring(space + 1);
        if (from.equals(node)) {
            return; // this node updated its own caches when it made the change
        }
        listeners.getOrDefault(topic, List.of()).forEach(this::runQuietly);
    }

    private void runQuietly(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            log.warn("Cluster signal listener failed node={}", node, e);
        }
    }

    /** A connection outside the pool, so that listening holds none of the pool's connections. */
    private Connection open() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            Properties p = new Properties();
            if (hikari.getUsername() != null) {
                p.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                p.setProperty("password", hikari.getPassword());
            }
            p.setProperty("ApplicationName", "rapport-cluster-signals");
            return DriverManager.getConnection(hikari.getJdbcUrl(), p);
        }
        return dataSource.getConnection();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(WAIT_MILLIS * 3L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early: listening before the web server takes requests, and until it stopped. */
    @Override
    public int getPhase() {
        return -1000;
    }
}
