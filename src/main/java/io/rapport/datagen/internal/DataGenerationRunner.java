package io.rapport.datagen.internal;

import io.rapport.datagen.DataGenProperties;
import io.rapport.datagen.DataGenerator;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Generates data at start-up when {@code rapport.datagen.enabled=true}, e.g.
 * {@code ./mvnw spring-boot:run -Dspring-boot.run.arguments="--rapport.datagen.enabled=true --rapport.datagen.accounts=100000 --rapport.datagen.exit-when-done=true"}.
 * Always a bean, deciding when it runs: a build processed ahead of time (Spring AOT) fixes the set of beans at build
 * time, so a bean conditional on the setting would never run from it.
 */
@Component
class DataGenerationRunner implements ApplicationRunner {

    private final DataGenerator generator;
    private final DataGenProperties properties;
    private final ConfigurableApplicationContext context;

    DataGenerationRunner(DataGenerator generator, DataGenProperties properties, ConfigurableApplicationContext context) {
        this.generator = generator;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        generator.generate(properties);
        if (properties.exitWhenDone()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
