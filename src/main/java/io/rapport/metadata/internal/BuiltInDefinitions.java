package io.rapport.metadata.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionSetMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The built-in entities and global option sets, one YAML file each under {@code metadata/}. */
@Component
class BuiltInDefinitions {

    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    List<EntityMetadata> entities() {
        List<EntityMetadata> entities = load("classpath*:metadata/entities/*.yaml", EntityMetadata.class);
        for (EntityMetadata e : entities) {
            Set<String> seen = new HashSet<>();
            for (AttributeMetadata a : e.attributes()) {
                if (!seen.add(a.logicalName())) {
                    throw new IllegalStateException(
                            "Invalid metadata file " + e.logicalName() + ".yaml: attribute " + a.logicalName()
                                    + " is defined twice");
                }
            }
        }
        return entities;
    }

    List<OptionSetMetadata> globalOptionSets() {
        List<OptionSetMetadata> sets = new ArrayList<>();
        for (OptionSetMetadata s : load("classpath*:metadata/optionsets/*.yaml", OptionSetMetadata.class)) {
            sets.add(new OptionSetMetadata(s.name(), true, s.displayName(), s.options(), false));
        }
        return sets;
    }

    private <T> List<T> load(String pattern, Class<T> type) {
        List<T> result = new ArrayList<>();
        try {
            for (Resource r : resolver.getResources(pattern)) {
                try (InputStream in = r.getInputStream()) {
                    result.add(MetadataJson.YAML.readValue(in, type));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("Invalid metadata file " + r.getFilename() + ": " + e.getMessage(),
                            e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list metadata files " + pattern, e);
        }
        return result;
    }
}
