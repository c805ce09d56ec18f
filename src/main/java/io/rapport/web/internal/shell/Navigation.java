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

    /**
     * The areas with the entities that exist in the snapshot, and the current area marked. An area opens at its
     * first own entity (one no earlier area lists: Service at cases, not at the accounts Sales already lists), or
     * at its landing page while the module that fills it is not there.
     */
    public List<Area> areas(MetadataSnapshot snapshot, Locale locale, String currentArea, String currentEntity) {
        List<Area> result = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        for (AreaFile a : areas) {
            List<Item> items = new ArrayList<>();
            for (String name : a.entities()) {
                snapshot.findEntity(name).ifPresent(e -> items.add(item(e, locale, currentEntity, a.key())));
            }
            if (a.key().equals(CUSTOM_AREA)) {
                snapshot.entities().stream().filter(e -> e.custom() && !e.isIntersect())
                        .forEach(e -> items.add(item(e, locale, currentEntity, a.key())));
            }
            String home = a.home() != null ? a.home() : items.stream().map(Item::entity)
                    .filter(e -> !earlier.contains(e)).findFirst()
                    .map(e -> "/app/" + e + "?area=" + a.key()).orElse("/areas/" + a.key());
            earlier.addAll(a.entities());
            result.add(new Area(a.key(), a.key().equals(currentArea), items, home));
        }
        return result;
    }

    /** Whether the area is one of the site map's. */
    public boolean isArea(String key) {
        return key != null && areas.stream().anyMatch(a -> a.key().equals(key));
    }

    /** Whether the area lists the entity (custom entities are in the Sales area). */
    public boolean lists(String area, String entity, MetadataSnapshot snapshot) {
        if (entity == null) {
            return false;
        }
        if (CUSTOM_AREA.equals(area) && snapshot.findEntity(entity).map(e -> e.custom()).orElse(false)) {
            return true;
        }
        return areas.stream().anyMatch(a -> a.key().equals(area) && a.entities().contains(entity));
    }

    /** The first area that lists the entity; custom entities are in the Sales area. */
    public String areaOf(String entity) {
        if (entity == null) {
            return CUSTOM_AREA;
        }
        return areas.stream().filter(a -> a.entities().contains(entity)).map(AreaFile::key).findFirst()
                .orElse(CUSTOM_AREA);
    }

    private static Item item(EntityMetadata e, Locale locale, String currentEntity, String area) {
        return new Item(e.logicalName(), e.collectionLabel(locale), e.logicalName().equals(currentEntity),
                "/app/" + e.logicalName() + "?area=" + area);
    }

    /** An area of the top bar; {@code href} is where it opens. */
    public record Area(String key, boolean active, List<Item> items, String href) {
    }

    /** An entity of the side bar, linked within its area. */
    public record Item(String entity, String label, boolean active, String href) {
    }

    record SiteMap(List<AreaFile> areas) {
    }

    /** An area of the site map; {@code home}, when given, is its landing page (Service opens at its dashboard). */
    record AreaFile(String key, List<String> entities, String home) {
    }
}
