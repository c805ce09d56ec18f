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
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Rows and the highest row version of a table: any write to it changes one of the two. */
    public static String state(ConfigurableApplicationContext context, String table) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        return jdbc.query("select count(*), coalesce(max(versionnumber), 0) from " + table,
                (rs, i) -> rs.getLong(1) + " rows, version " + rs.getLong(2)).get(0);
    }
}
