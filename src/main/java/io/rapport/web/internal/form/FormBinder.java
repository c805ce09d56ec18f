package io.rapport.web.internal.form;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a posted form into typed attribute values. Inputs that cannot be read (a malformed number or date)
 * become field errors here; everything else is validated by the pipeline.
 */
final class FormBinder {

    /** Values by attribute (null clears), the raw text as posted, and error message keys by attribute. */
    record Binding(Map<String, Object> values, Map<String, String> raw, Map<String, String> errors) {
    }

    private FormBinder() {
    }

    static Binding bind(EntityMetadata e, List<String> fields, Map<String, String[]> params, ZoneId zone) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : fields) {
            AttributeMetadata a = e.findAttribute(name).orElse(null);
            if (a == null) {
                continue;
            }
            String[] posted = params.get(name);
            if ("multiselect".equals(a.type().inputKind(a))) {
                if (params.containsKey("_present_" + name)) {
                    raw.put(name, String.join(",", posted == null ? new String[0] : posted));
                    try {
                        int[] chosen = posted == null ? new int[0] : Arrays.stream(posted).filter(s -> !s.isBlank())
                                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                        values.put(name, chosen.length == 0 ? null : chosen);
                    } catch (NumberFormatException ex) {
                        errors.put(name, "form.invalidValue");
                    }
                }
                continue;
            }
            if (posted == null) {
                continue;
            }
            String text = posted[0] == null ? "" : posted[0].trim();
            raw.put(name, text);
            try {
                values.put(name, text.isEmpty() ? null : parse(a, text, zone));
            } catch (DateTimeParseException | IllegalArgumentException ex) {
                errors.put(name, "form.invalidValue");
            }
        }
        return new Binding(values, raw, errors);
    }

    static Object parse(AttributeMetadata a, String text, ZoneId zone) {
        return a.type().parseInput(text, zone);
    }

    /** Whether a new value differs from the stored one (numbers by value, lookups by id, choices by content). */
    static boolean changed(Object stored, Object value) {
        if (stored == null || value == null) {
            return stored != value;
        }
        if (stored instanceof BigDecimal s && value instanceof BigDecimal v) {
            return s.compareTo(v) != 0;
        }
        if (stored instanceof EntityReference s && value instanceof EntityReference v) {
            return !s.logicalName().equals(v.logicalName()) || !s.id().equals(v.id());
        }
        if (stored instanceof int[] s && value instanceof int[] v) {
            return !Arrays.equals(s, v);
        }
        return !stored.equals(value);
    }
}
