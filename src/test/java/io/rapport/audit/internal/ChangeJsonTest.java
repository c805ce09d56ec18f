package io.rapport.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.audit.AttributeChange;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written audit JSON is the text Jackson writes (the audit log's reader parses it with Jackson). */
class ChangeJsonTest {

    private final ObjectMapper jackson = new ObjectMapper().findAndRegisterModules();

    @Test
    void writesWhatJacksonWrites() throws Exception {
        Map<String, AttributeChange> changes = tricky();
        assertThat(ChangeJson.write(changes)).isEqualTo(jackson.writeValueAsString(changes));
        assertThat(ChangeJson.write(Map.of())).isEqualTo("{}");
    }

    /** Straight into a COPY text buffer: Jackson's text as the COPY encoder escapes it, appended after what is there. */
    @Test
    void writesJacksonsTextAsCopyTextWithoutAStringBetween() throws Exception {
        Map<String, AttributeChange> changes = tricky();
        StringBuilder out = new StringBuilder("x\t");
        assertThat(ChangeJson.appendCopyText(out, changes)).isTrue();
        String encoded = io.rapport.store.PostgresCopy.encode(List.<Object[]>of(
                new Object[] {jackson.writeValueAsString(changes)}));
        assertThat(out.toString()).isEqualTo("x\t" + encoded.substring(0, encoded.length() - 1));
        assertThat(out.substring(2)).doesNotContain("\t", "\n", "\r").startsWith("{\"name\":{\"oldValue\":null,")
                .contains("\\\\\\\\", "\\\\n", "\\\\\"");
    }

    @Test
    void leavesAnUnknownValueToJacksonAndTheBufferAsItWas() {
        StringBuilder out = new StringBuilder("kept");
        assertThat(ChangeJson.appendCopyText(out, Map.of("latitude", new AttributeChange(null, 1.5d)))).isFalse();
        assertThat(out.toString()).isEqualTo("kept");
    }

    private static Map<String, AttributeChange> tricky() {
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("logicalName", "systemuser");
        lookup.put("id", "01a23766-1047-775a-b5a5-f1eb33d53d93");
        lookup.put("name", "Ana \"the\" Admin");
        Map<String, AttributeChange> changes = new LinkedHashMap<>();
        changes.put("name", new AttributeChange(null, "Bulk 1 – São Paulo \\ \u00e9 😀"));
        changes.put("description", new AttributeChange("line\nbreak\ttab\rret\bback\fform\u0001\u001f\u007f", null));
        changes.put("numberofemployees", new AttributeChange(12, -7));
        changes.put("versionnumber", new AttributeChange(9_000_000_000L, (short) 3));
        changes.put("revenue", new AttributeChange(new BigDecimal("42214.0000"), new BigDecimal("1E+3")));
        changes.put("creditonhold", new AttributeChange(false, true));
        changes.put("ownerid", new AttributeChange(null, lookup));
        changes.put("interests", new AttributeChange(List.of(1, 2, 3), Arrays.asList(4, null)));
        changes.put("empty", new AttributeChange(Map.of(), List.of()));
        changes.put("\"odd\" key", null);
        return changes;
    }

    @Test
    void leavesOtherValuesToJackson() {
        assertThat(ChangeJson.write(Map.of("latitude", new AttributeChange(null, 1.5d)))).isNull();
        assertThat(ChangeJson.write(Map.of("x", new AttributeChange(null, List.of(java.time.LocalDate.EPOCH)))))
                .isNull();
    }
}
