package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import io.rapport.testing.TestUsers;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --rapport.reset-admin-password=...} sets the administrator's password without opening the HTTP port
 * and stops; the next start signs the administrator in with the new password only.
 */
class AdminPasswordResetTest {

    @Test
    void theCommandLineFlagSetsTheAdministratorsPasswordAndStops() {
        Map<String, String> db = TestDatabases.h2();
        Map<String, String> reset = new HashMap<>(db);
        reset.put("rapport.reset-admin-password", "a-brand-new-password");
        ConfigurableApplicationContext resetRun = AppInstances.start(reset);
        assertThat(resetRun.isActive()).as("the reset run stops by itself").isFalse();

        try (ConfigurableApplicationContext app = AppInstances.start(db)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Http http = new Http(port);
            assertThat(http.get("/api/test/whoami", "Authorization",
                    Http.basic(TestUsers.ADMIN, "a-brand-new-password")).statusCode()).isEqualTo(200);
            assertThat(http.get("/api/test/whoami", "Authorization",
                    Http.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).statusCode()).isEqualTo(401);
        }
    }
}
