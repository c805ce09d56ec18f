package io.rapport;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.freemarker.FreeMarkerAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Entry point of the Rapport CRM server. FreeMarker is on the class path for ez-vcard (its readers load FreeMarker
 * classes), not for pages: its auto-configuration would make a view resolver that builds a view for every page and a
 * configurer at every start (88 ms of a start in the profile of issue 19), so it is left out.
 */
@SpringBootApplication(exclude = FreeMarkerAutoConfiguration.class)
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
