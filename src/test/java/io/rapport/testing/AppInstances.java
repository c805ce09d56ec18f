package io.rapport.testing;

import io.rapport.RapportApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts whole Rapport instances on a given database, for restart and two-node tests. */
public final class AppInstances {

    private AppInstances() {
    }

    public static ConfigurableApplicationContext start(Map<String, String> database) {
        Map<String, String> props = new HashMap<>(database);
        props.put("server.port", "0");
        props.put("rapport.security.admin-password", TestUsers.ADMIN_PASSWORD);
        props.putIfAbsent("rapport.metadata.refresh-interval", "0s");
        // command-line arguments outrank application.yaml; builder "properties" would not
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RapportApplication.class).run(args);
    }
}
