package io.rapport;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Entry point of the Rapport CRM server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RapportApplication {

    public static void main(String[] args) {
        SpringApplication.run(RapportApplication.class, args);
    }

    /** The time source of all stamps and relative dates; tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
