package io.rapport.web.internal.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The areas of the site map (web/navigation.yaml) resolved against the current metadata. */
@Component
public class Navigation {

    public static final String CUSTOM_AREA = "sales";

    private final List<AreaFile> areas;

    Navigation() throws IOException {
        try (InputStream in = new ClassPathResource("web/navigation.yaml").getInputStream()) {
            this.areas = new ObjectMapper(new YAMLFactory()).readValue(in, SiteMap.class).areas();
        }
    }

    /** The areas with the entities that exist in the snapshot, and the area the entity belongs to marked. */
    public List<Area> areas(MetadataSnapshot snapshot, Locale locale, String currentArea, String currentEntity) {
        List<Area> result = new ArrayList<>();
        for (AreaFile a : areas) {
            List<Item> items = new ArrayList<>();
            for (String name : a.entities()) {
                snapshot.findEntity(name).ifPresent(e -> items.add(item(e, locale, currentEntity)));
            }
            if (a.key().equals(CUSTOM_AREA)) {
                snapshot.entities().stream().filter(e -> e.isCustom() && !e.isIntersect())
                        .forEach(e -> items.add(item(e, locale, currentEntity)));
            }
            result.add(new Area(a.key(), a.key().equals(currentArea), items));
        }
        return result;
    }

    /** The first area that lists the entity; custom entities are in the Sales area. */
    public String areaOf(String entity) {
        if (entity == null) {
            return CUSTOM_AREA;
        }
        return areas.stream().filter(a -> a.entities().contains(entity)).map(AreaFile::key).findFirst()
                .orElse(CUSTOM_AREA);
    }

    private static Item item(EntityMetadata e, Locale locale, String currentEntity) {
        return new Item(e.logicalName(), e.collectionLabel(locale), e.logicalName().equals(currentEntity));
    }

    public record Area(String key, boolean active, List<Item> items) {
    }

    public record Item(String entity, String label, boolean active) {
    }

    record SiteMap(List<AreaFile> areas) {
    }

    record AreaFile(String key, List<String> entities) {
    }
}
