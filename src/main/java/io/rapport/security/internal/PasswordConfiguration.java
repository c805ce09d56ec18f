package io.rapport.security.internal;

import io.rapport.security.AuthenticationProperties;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords and client secrets are hashed: bcrypt with the cost of
 * {@code rapport.security.authentication.password-hash-cost} (10 by default).
 */
@Configuration
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(AuthenticationProperties properties) {
        // with an {id} prefix, as Spring Security's delegating encoder writes it, so that stored hashes can move to a
        // newer algorithm later; a stored hash matches whatever cost it was made with
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt",
                new BCryptPasswordEncoder(properties.passwordHashCost())));
    }
}
