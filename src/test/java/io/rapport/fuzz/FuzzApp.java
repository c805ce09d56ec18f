package io.rapport.fuzz;

import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One running application per database for the whole fuzz suite (started on first use, closed when the JVM
 * ends), so that hundreds of generated requests cost one start-up. Service protection is raised out of the way:
 * the suite sends more requests per window than one user may.
 */
public final class FuzzApp {

    /** The server's last error log entries with their stack traces, for the message of a failed assertion. */
    private static final java.util.Deque<String> SERVER_ERRORS = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private static final ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> ERRORS =
            new ch.qos.logback.core.AppenderBase<>() {
                @Override
                protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
                    if (event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR)) {
                        SERVER_ERRORS.addLast("[" + event.getThreadName() + "] " + event.getFormattedMessage()
                                + (event.getThrowableProxy() == null ? "" : "\n" + ch.qos.logback.classic.spi
                                        .ThrowableProxyUtil.asString(event.getThrowableProxy())));
                        while (SERVER_ERRORS.size() > 3) {
                            SERVER_ERRORS.pollFirst();
                        }
                    }
                }
            };

    /**
     * Keeps the server's errors for {@link #describe}: attaches the collector to the root logger (again after an
     * application start in this JVM reset the logging configuration).
     */
    public static synchronized void watch() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("fuzz-server-errors") == null) {
            ERRORS.setName("fuzz-server-errors");
            ERRORS.setContext(root.getLoggerContext());
            ERRORS.start();
            root.addAppender(ERRORS);
        }
    }

    private static ConfigurableApplicationContext h2;
    private static ConfigurableApplicationContext postgres;

    private FuzzApp() {
    }

    /** The application on H2. */
    public static synchronized ConfigurableApplicationContext h2() {
        if (h2 == null) {
            h2 = start(TestDatabases.h2());
        }
        return h2;
    }

    /** The application on PostgreSQL. */
    public static synchronized ConfigurableApplicationContext postgres() {
        if (postgres == null) {
            postgres = start(TestDatabases.postgres());
        }
        return postgres;
    }

    private static ConfigurableApplicationContext start(Map<String, String> database) {
        Map<String, String> props = new HashMap<>(database);
        props.put("rapport.webapi.rate-limit-requests", "1000000");
        ConfigurableApplicationContext context = AppInstances.start(props);
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        watch();
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * What a failed "no 5xx" assertion prints: the response body, then the last errors the server logged (with stack
     * traces), so that a failure seen only in CI names its cause.
     */
    public static String describe(String body) {
        return body + (SERVER_ERRORS.isEmpty() ? "" : "\nlast server errors:\n" + String.join("\n", SERVER_ERRORS));
    }

    /** Rows and the highest row version of a table: any write to it changes one of the two. */
    public static String state(ConfigurableApplicationContext context, String table) {
        watch();
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        return jdbc.query("select count(*), coalesce(max(versionnumber), 0) from " + table,
                (rs, i) -> rs.getLong(1) + " rows, version " + rs.getLong(2)).get(0);
    }
}
