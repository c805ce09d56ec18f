package io.rapport.security.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords and client secrets are hashed. */
@Configuration
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, with an {id} prefix so stored hashes can move to a newer algorithm later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
