package io.rapport.web.internal.layout;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The views and forms shipped with Rapport, read once from {@code web/views/*.yaml} (one file per entity, a list
 * of views) and {@code web/forms/*.yaml} (one main form per entity).
 */
@Component
class BuiltInLayouts {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<String, List<ViewDefinition>> views = new LinkedHashMap<>();
    private final Map<String, FormDefinition> forms = new LinkedHashMap<>();

    BuiltInLayouts() {
        for (ViewFile f : load("classpath*:web/views/*.yaml", ViewFile.class)) {
            List<ViewDefinition> list = new ArrayList<>();
            for (ViewDefinition v : f.views()) {
                list.add(new ViewDefinition(LayoutIds.systemView(v.key()).toString(), f.entity(), v.name(),
                        v.nameKey(), v.columns(), v.filter(), v.orders(), v.isDefault(), v.widths()));
            }
            views.put(f.entity(), List.copyOf(list));
        }
        for (FormDefinition f : load("classpath*:web/forms/*.yaml", FormDefinition.class)) {
            forms.put(f.entity(), f);
        }
    }

    List<ViewDefinition> views(String entity) {
        return views.getOrDefault(entity, List.of());
    }

    FormDefinition form(String entity) {
        return forms.get(entity);
    }

    private static <T> List<T> load(String pattern, Class<T> type) {
        List<T> result = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                try (InputStream in = r.getInputStream()) {
                    result.add(YAML.readValue(in, type));
                } catch (IOException e) {
                    throw new IllegalStateException("Invalid layout file " + r.getFilename() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list layout files " + pattern, e);
        }
        return result;
    }

    /** A views file: the entity and its views, keyed by a stable name. */
    record ViewFile(String entity, List<ViewDefinition> views) {
    }
}
