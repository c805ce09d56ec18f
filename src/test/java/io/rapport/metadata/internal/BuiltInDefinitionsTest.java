package io.rapport.metadata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in definitions converted at package time ({@link BuiltInMetadataAotProcessor}) are the rows a start
 * converts from the YAML files itself, and a conversion made from other files is not used.
 */
class BuiltInDefinitionsTest {

    private final BuiltInDefinitions builtIns = new BuiltInDefinitions();

    @Test
    void theConvertedFileHoldsTheRowsTheYamlFilesGive() {
        BuiltInDefinitions.Rows fromYaml = builtIns.rows(() -> null);
        assertThat(fromYaml.origin()).isEqualTo(BuiltInDefinitions.Origin.YAML);
        assertThat(fromYaml.rows()).hasSizeGreaterThan(80);
        assertThat(fromYaml.rows().get(0).kind()).isEqualTo(MetadataRow.OPTION_SET);
        assertThat(fromYaml.rows()).filteredOn(r -> r.kind().equals(MetadataRow.ENTITY))
                .extracting(MetadataRow::name).contains("account", "contact", "incident", "systemuser")
                .isSorted();
        assertThat(fromYaml.rows()).allSatisfy(r -> assertThat(r.source()).isEqualTo(MetadataRow.SYSTEM));

        BuiltInDefinitions.Compiled converted = BuiltInDefinitions.parseCompiled(builtIns.compile());
        BuiltInDefinitions.Rows fromFile = builtIns.rows(() -> converted);

        assertThat(fromFile.origin()).isEqualTo(BuiltInDefinitions.Origin.COMPILED);
        assertThat(fromFile.rows()).isEqualTo(fromYaml.rows());
    }

    @Test
    void aConversionOfOtherFilesIsNotUsed() {
        BuiltInDefinitions.Compiled converted = BuiltInDefinitions.parseCompiled(builtIns.compile());
        BuiltInDefinitions.Compiled stale = new BuiltInDefinitions.Compiled(converted.sources() + 1,
                List.of(new MetadataRow(MetadataRow.ENTITY, "account", MetadataRow.SYSTEM, "{}")));

        BuiltInDefinitions.Rows rows = builtIns.rows(() -> stale);

        assertThat(rows.origin()).isEqualTo(BuiltInDefinitions.Origin.YAML);
        assertThat(rows.rows()).isEqualTo(builtIns.rows(() -> null).rows());
    }
}
