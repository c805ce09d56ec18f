package io.rapport.metadata;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Attribute types stay classes: nothing outside them branches on which type an attribute has. A switch over an
 * attribute type (or over its name) or a case label naming a built-in type fails the build; so does turning
 * {@link AttributeType} back into an enum.
 */
class AttributeTypeSwitchTest {

    private static final Path MAIN = Path.of("src/main/java/io/rapport");
    private static final Path TYPES = MAIN.resolve("metadata/types");
    private static final Path TYPE = MAIN.resolve("metadata/AttributeType.java");
    private static final Pattern SWITCH_ON_TYPE = Pattern.compile(
            "switch\\s*\\([^)]*\\btype\\(\\)(\\.(name|json|dataverseName)\\(\\))?\\s*\\)");
    private static final Pattern CASE_ON_TYPE = Pattern.compile("case\\s+(STRING|MEMO|INTEGER|BIGINT|DECIMAL|DOUBLE"
            + "|MONEY|BOOLEAN|DATETIME|DATE|PICKLIST|MULTISELECT_PICKLIST|STATE|STATUS|LOOKUP|CUSTOMER|OWNER"
            + "|UNIQUEIDENTIFIER)\\s*[,:-]");

    @Test
    void noSwitchOnAttributeTypesOutsideTheTypeClasses() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.startsWith(TYPES) || file.equals(TYPE)) {
                    continue;
                }
                String[] lines = Files.readString(file).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    Matcher s = SWITCH_ON_TYPE.matcher(lines[i]);
                    if (s.find() && !isParameterSwitch(lines[i]) || CASE_ON_TYPE.matcher(lines[i]).find()) {
                        offenders.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines[i].trim());
                    }
                }
            }
        }
        assertThat(offenders).as("switches on attribute types; give the type class a method instead").isEmpty();
    }

    /** Action parameters have a type of their own (a Dataverse type name), not an attribute type. */
    private static boolean isParameterSwitch(String line) {
        return line.contains("switch (p.type())");
    }

    @Test
    void attributeTypeIsAnOpenClassNotAnEnum() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rapport.metadata");
        classes().that().areAssignableTo(AttributeType.class).should().notBeEnums().check(main);
        assertThat(AttributeType.class.isEnum()).isFalse();
    }

    @Test
    void everyBuiltInTypeIsRegisteredByItsName() {
        for (AttributeType t : AttributeType.builtIns()) {
            assertThat(AttributeType.fromJson(t.json())).isSameAs(t);
        }
        assertThat(AttributeType.fromJson("multiselect-picklist")).isSameAs(AttributeType.MULTISELECT_PICKLIST);
    }
}
