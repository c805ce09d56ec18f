package io.rapport.security.internal;

import io.rapport.audit.AttributeChange;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.pipeline.Channel;
import io.rapport.record.Entity;
import io.rapport.record.Ids;
import io.rapport.security.SecurityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar rapport.jar --rapport.reset-admin-password=NEW} sets the administrator's password (and
 * unlocks the account), audits it, and stops; {@link ResetModeEnvironment} keeps the HTTP port closed in that
 * run.
 */
@Component
class AdminPasswordReset implements ApplicationRunner {

    static final String PROPERTY = "rapport.reset-admin-password";

    private static final Logger log = LoggerFactory.getLogger(AdminPasswordReset.class);

    private final Environment environment;
    private final RapportUserDetailsService users;
    private final CredentialRepository credentials;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final ConfigurableApplicationContext context;

    AdminPasswordReset(Environment environment, RapportUserDetailsService users, CredentialRepository credentials,
            PasswordEncoder encoder, SecurityProperties properties, AuditLog audit, Clock clock,
            ConfigurableApplicationContext context) {
        this.environment = environment;
        this.users = users;
        this.credentials = credentials;
        this.encoder = encoder;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        String password = environment.getProperty(PROPERTY);
        if (password == null) {
            return;
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException("--" + PROPERTY + " needs the new password as its value");
        }
        Entity admin = users.findUser(properties.adminUsername());
        credentials.setPassword(admin.id(), encoder.encode(password));
        audit.record(new AuditEntry(Ids.newId(), Instant.now(clock), null, "PasswordReset", "systemuser", admin.id(),
                Channel.SYSTEM.name(), Map.of("username", new AttributeChange(null, properties.adminUsername()))));
        log.warn("Password of the administrator reset user={}; Rapport stops now", properties.adminUsername());
        SpringApplication.exit(context, () -> 0);
    }
}
