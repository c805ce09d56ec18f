package io.rapport.metadata.internal;

import java.nio.charset.StandardCharsets;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.io.ByteArrayResource;

/**
 * At package time, while Spring AOT processes the application ({@code process-aot}), converts the built-in YAML
 * definitions into the rows the metadata tables store and writes them into the jar as
 * {@value BuiltInDefinitions#COMPILED}, so that a start with Spring AOT reads them instead of converting the YAML files
 * again ({@link BuiltInDefinitions}). Registered in {@code META-INF/spring/aot.factories}.
 */
class BuiltInMetadataAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        String compiled = new BuiltInDefinitions().compile();
        return (GenerationContext context, BeanFactoryInitializationCode code) -> {
            context.getGeneratedFiles().addResourceFile(BuiltInDefinitions.COMPILED,
                    new ByteArrayResource(compiled.getBytes(StandardCharsets.UTF_8)));
            context.getRuntimeHints().resources().registerPattern(BuiltInDefinitions.COMPILED);
        };
    }
}
