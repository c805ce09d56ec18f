package io.rapport.importing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV exports and import error reports never hand a spreadsheet program a formula to run. */
class ExportDefuseTest {

    @Test
    void formulasGetALeadingApostropheAndNumbersStay() {
        assertThat(SpreadsheetText.defuse("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(SpreadsheetText.defuse("+1 555 0100 call")).isEqualTo("'+1 555 0100 call");
        assertThat(SpreadsheetText.defuse("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetText.defuse("-cmd|' /C calc'!A0")).isEqualTo("'-cmd|' /C calc'!A0");
        assertThat(SpreadsheetText.defuse("-12.5")).isEqualTo("-12.5");
        assertThat(SpreadsheetText.defuse("\t=1+2")).isEqualTo("'\t=1+2");
        assertThat(SpreadsheetText.defuse("\r=1+2")).isEqualTo("'\r=1+2");
        assertThat(SpreadsheetText.defuse("Contoso")).isEqualTo("Contoso");
        assertThat(SpreadsheetText.defuse("")).isEmpty();
    }
}
