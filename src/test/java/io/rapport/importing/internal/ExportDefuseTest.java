package io.rapport.importing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV exports never hand a spreadsheet program a formula to run. */
class ExportDefuseTest {

    @Test
    void formulasGetALeadingApostropheAndNumbersStay() {
        assertThat(DefaultExportService.defuse("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(DefaultExportService.defuse("+1 555 0100 call")).isEqualTo("'+1 555 0100 call");
        assertThat(DefaultExportService.defuse("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(DefaultExportService.defuse("-cmd|' /C calc'!A0")).isEqualTo("'-cmd|' /C calc'!A0");
        assertThat(DefaultExportService.defuse("-12.5")).isEqualTo("-12.5");
        assertThat(DefaultExportService.defuse("Contoso")).isEqualTo("Contoso");
        assertThat(DefaultExportService.defuse("")).isEmpty();
    }
}
