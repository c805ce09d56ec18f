package io.rapport.testing;

import io.rapport.RapportApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts whole Rapport instances on a given database, for restart and two-node tests. */
public final class AppInstances {

    /**
     * The bcrypt cost of the passwords a test instance hashes. Tests run at bcrypt's lowest cost, 4: at production's 10
     * every request signed in with HTTP Basic spent about 70 ms checking the password (92 % of the CPU samples of
     * QueryFuzzTest's requests in a JFR profile), and the suite sends thousands. The benchmarks keep production's cost
     * ({@code BenchApps}); {@code PasswordConfigurationTest} holds production to 10.
     */
    public static final String PASSWORD_HASH_COST = "rapport.security.authentication.password-hash-cost";

    /**
     * What every test instance runs with, whole ({@link #start}) or as a test context ({@link OnH2},
     * {@link OnPostgres}): the test administrator's password, metadata read at once, the lowest bcrypt cost, and small
     * pools (cached test contexts otherwise each keep 20 idle connections, and keep their pools open: small pools keep
     * the shared PostgreSQL under max_connections).
     */
    static final Map<String, String> TEST_SETTINGS = Map.of(
            "rapport.security.admin-password", TestUsers.ADMIN_PASSWORD,
            "rapport.metadata.refresh-interval", "0s",
            PASSWORD_HASH_COST, "4",
            "spring.datasource.hikari.minimum-idle", "2",
            "spring.datasource.hikari.maximum-pool-size", "8");

    private AppInstances() {
    }

    /** With initializers that add beans of the test's own (a test job...) to this instance only. */
    @SafeVarargs
    public static ConfigurableApplicationContext start(Map<String, String> database,
            ApplicationContextInitializer<? super ConfigurableApplicationContext>... initializers) {
        Map<String, String> props = new HashMap<>(database);
        props.put("server.port", "0");
        props.put("rapport.security.admin-password", TestUsers.ADMIN_PASSWORD);
        TEST_SETTINGS.forEach(props::putIfAbsent);
        // nodes of a test on H2 (no cluster signals) see each other's view and column changes at once
        props.putIfAbsent("rapport.web.ui-version-check-interval", "0s");
        // command-line arguments outrank application.yaml; builder "properties" would not
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RapportApplication.class).initializers(initializers).run(args);
    }
}
