package io.rapport.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.security.AuthenticationProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed with bcrypt at cost 10 unless configured otherwise (the tests' instances run at 4, see
 * {@code AppInstances.PASSWORD_HASH_COST}); a hash made at another cost still matches, and a cost bcrypt does not
 * have is refused at start.
 */
class PasswordConfigurationTest {

    private static AuthenticationProperties cost(Integer cost) {
        return new AuthenticationProperties(null, null, null, null, null, null, null, null, cost);
    }

    @Test
    void productionHashesAtCostTenAndMatchesHashesOfAnyCost() {
        PasswordEncoder production = new PasswordConfiguration().passwordEncoder(cost(null));
        String hash = production.encode("correct horse");
        assertThat(hash).startsWith("{bcrypt}$2a$10$");
        assertThat(production.matches("correct horse", hash)).isTrue();
        assertThat(production.matches("wrong horse", hash)).isFalse();

        PasswordEncoder cheap = new PasswordConfiguration().passwordEncoder(cost(4));
        String cheapHash = cheap.encode("correct horse");
        assertThat(cheapHash).startsWith("{bcrypt}$2a$04$");
        // a database whose passwords were hashed at one cost works after the setting changes
        assertThat(production.matches("correct horse", cheapHash)).isTrue();
        assertThat(cheap.matches("correct horse", hash)).isTrue();
    }

    @Test
    void aCostBcryptDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> cost(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password-hash-cost must be from 4 to 31");
        assertThatThrownBy(() -> cost(32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 32");
    }
}
