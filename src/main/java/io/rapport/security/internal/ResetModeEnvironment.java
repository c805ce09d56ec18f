package io.rapport.security.internal;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Opens no HTTP port when Rapport is started only to reset the administrator's password ({@code server.port=-1}:
 * the web application context is built, nothing listens), so the reset does not fight a running instance for its
 * port.
 */
public class ResetModeEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(AdminPasswordReset.PROPERTY)) {
            environment.getPropertySources().addFirst(new MapPropertySource("rapport-reset-admin-password",
                    Map.of("server.port", "-1")));
        }
    }
}
