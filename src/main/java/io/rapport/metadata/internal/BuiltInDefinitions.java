package io.rapport.metadata.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionSetMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.springframework.aot.AotDetector;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The built-in entities and global option sets, one YAML file each under {@code metadata/}, as the rows the metadata
 * tables store (their JSON bodies).
 * <p>
 * Turning the YAML files into those rows is the larger part of the metadata's start-up work that a start on an
 * up-to-date database still does (a third of a second of SnakeYAML and Jackson on a cold JVM, 5 December 2026). The
 * packaged jar therefore carries the rows already converted ({@value #COMPILED}, written by
 * {@link BuiltInMetadataAotProcessor} when Spring AOT processes the application at package time) with a checksum of
 * the YAML files they came from. A start with Spring AOT reads that file while the checksum matches the YAML files it
 * finds, and converts the YAML files itself otherwise (a development build, or a jar whose files changed after its
 * conversion).
 */
@Component
class BuiltInDefinitions {

    /** The class path resource the AOT processing writes. */
    static final String COMPILED = "META-INF/rapport/built-in-metadata.json";

    private static final String OPTION_SETS = "classpath*:metadata/optionsets/*.yaml";
    private static final String ENTITIES = "classpath*:metadata/entities/*.yaml";

    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    /** The converted rows of the packaged jar as they are stored: the YAML files' checksum and the rows. */
    record Compiled(long sources, List<MetadataRow> rows) {
    }

    /** A YAML file's name and bytes. */
    private record Source(String name, byte[] bytes) {
    }

    /** Where {@link #rows()} found the rows: {@code compiled} (the jar's converted file) or {@code yaml}. */
    enum Origin {
        COMPILED, YAML
    }

    /** The rows with where they came from. */
    record Rows(List<MetadataRow> rows, Origin origin) {
    }

    /** The built-in option sets' rows, then the entities' rows, each by file name. */
    Rows rows() {
        return rows(AotDetector.useGeneratedArtifacts() ? BuiltInDefinitions::compiled : () -> null);
    }

    /** The rows, from the given converted file when it was made from the YAML files found now. */
    Rows rows(Supplier<Compiled> converted) {
        List<Source> optionSets = read(OPTION_SETS);
        List<Source> entities = read(ENTITIES);
        Compiled compiled = converted.get();
        if (compiled != null && compiled.sources() == checksum(optionSets, entities)) {
            return new Rows(compiled.rows(), Origin.COMPILED);
        }
        return new Rows(convert(optionSets, entities), Origin.YAML);
    }

    /** What the AOT processing writes to {@value #COMPILED}: every row converted from the YAML files, as JSON. */
    String compile() {
        List<Source> optionSets = read(OPTION_SETS);
        List<Source> entities = read(ENTITIES);
        return MetadataJson.write(new Compiled(checksum(optionSets, entities), convert(optionSets, entities)));
    }

    private static List<MetadataRow> convert(List<Source> optionSets, List<Source> entities) {
        List<MetadataRow> rows = new ArrayList<>();
        for (OptionSetMetadata set : optionSets(optionSets)) {
            rows.add(new MetadataRow(MetadataRow.OPTION_SET, set.name(), MetadataRow.SYSTEM, MetadataJson.write(set)));
        }
        for (EntityMetadata entity : entities(entities)) {
            rows.add(new MetadataRow(MetadataRow.ENTITY, entity.logicalName(), MetadataRow.SYSTEM,
                    MetadataJson.write(entity)));
        }
        return rows;
    }

    private static List<EntityMetadata> entities(List<Source> sources) {
        List<EntityMetadata> entities = parse(sources, EntityMetadata.class);
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

    private static List<OptionSetMetadata> optionSets(List<Source> sources) {
        List<OptionSetMetadata> sets = new ArrayList<>();
        for (OptionSetMetadata s : parse(sources, OptionSetMetadata.class)) {
            sets.add(new OptionSetMetadata(s.name(), true, s.displayName(), s.options(), false));
        }
        return sets;
    }

    private static <T> List<T> parse(List<Source> sources, Class<T> type) {
        List<T> result = new ArrayList<>();
        for (Source s : sources) {
            try {
                result.add(MetadataJson.YAML.readValue(s.bytes(), type));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Invalid metadata file " + s.name() + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private List<Source> read(String pattern) {
        List<Source> result = new ArrayList<>();
        try {
            for (Resource r : resolver.getResources(pattern)) {
                try (InputStream in = r.getInputStream()) {
                    result.add(new Source(r.getFilename(), in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read metadata files " + pattern, e);
        }
        // by name: a directory (development, the AOT processing) and a jar list their files in different orders
        result.sort(java.util.Comparator.comparing(Source::name));
        return result;
    }

    /** A checksum of the files' names and bytes, in order (CRC-32: a stale conversion, not an attacker, is the risk). */
    private static long checksum(List<Source> optionSets, List<Source> entities) {
        CRC32 crc = new CRC32();
        for (List<Source> sources : List.of(optionSets, entities)) {
            for (Source s : sources) {
                crc.update(s.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                crc.update(0);
                crc.update(s.bytes());
                crc.update(0);
            }
        }
        return crc.getValue();
    }

    /** The jar's converted rows, or null when it has none. */
    private static Compiled compiled() {
        ClassPathResource resource = new ClassPathResource(COMPILED, BuiltInDefinitions.class.getClassLoader());
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            return MetadataJson.JSON.readValue(in, new TypeReference<Compiled>() {
            });
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + COMPILED + ": " + e.getMessage(), e);
        }
    }

    /** Reads a compiled file's content (for the tests of the conversion). */
    static Compiled parseCompiled(String json) {
        return MetadataJson.read(json, Compiled.class);
    }
}
