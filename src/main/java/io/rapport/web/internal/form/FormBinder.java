package io.rapport.web.internal.form;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
            if (a.type() == io.rapport.metadata.AttributeType.MULTISELECT_PICKLIST) {
                if (params.containsKey("_present_" + name)) {
                    int[] chosen = posted == null ? new int[0]
                            : Arrays.stream(posted).filter(s -> !s.isBlank()).mapToInt(Integer::parseInt).toArray();
                    values.put(name, chosen.length == 0 ? null : chosen);
                    raw.put(name, String.join(",", posted == null ? new String[0] : posted));
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
        return switch (a.type()) {
            case STRING, MEMO -> text;
            case INTEGER, PICKLIST, STATE, STATUS -> Integer.parseInt(text);
            case BIGINT -> Long.parseLong(text);
            case DECIMAL, MONEY -> new BigDecimal(text);
            case DOUBLE -> Double.parseDouble(text);
            case BOOLEAN -> "1".equals(text) || "true".equalsIgnoreCase(text);
            case DATE -> LocalDate.parse(text);
            case DATETIME -> LocalDateTime.parse(text).atZone(zone).toInstant();
            case LOOKUP, CUSTOMER, OWNER -> reference(text);
            case UNIQUEIDENTIFIER -> UUID.fromString(text);
            case MULTISELECT_PICKLIST -> throw new IllegalArgumentException("multi-select is read separately");
        };
    }

    /** {@code entity:uuid} as the lookup editor posts it. */
    static EntityReference reference(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Not a record reference: " + text);
        }
        return new EntityReference(text.substring(0, colon), UUID.fromString(text.substring(colon + 1)));
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
