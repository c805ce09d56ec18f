package io.rapport.web.internal.form;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a form makes before it sends anything, so that a person sees every missing or impossible value at
 * once (the pipeline stops at the first one): required fields left empty, text past its length, numbers out of
 * range. The pipeline still checks all of these, and everything else, when the record is written.
 */
final class FormChecks {

    private FormChecks() {
    }

    /** The problems of the posted values by attribute, as the pipeline's errors would name them. */
    static Map<String, RapportException> check(EntityMetadata e, List<String> fields, Map<String, Object> values,
            Map<String, String> raw, boolean creating) {
        Map<String, RapportException> problems = new LinkedHashMap<>();
        for (String name : fields) {
            AttributeMetadata a = e.findAttribute(name).orElse(null);
            if (a == null || "multiselect".equals(a.type().inputKind(a))) {
                continue;
            }
            Object value = values.get(name);
            boolean posted = values.containsKey(name);
            if (a.isRequired() && value == null && (creating || posted)) {
                problems.put(name, new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "", name));
            } else if (value instanceof String text && a.maxLength() != null
                    && text.codePointCount(0, text.length()) > a.maxLength()) {
                problems.put(name, new RapportException(ErrorCode.STRING_TOO_LONG, "", name));
            } else if (number(value) instanceof BigDecimal n && (a.minValue() != null && n.compareTo(a.minValue()) < 0
                    || a.maxValue() != null && n.compareTo(a.maxValue()) > 0)) {
                problems.put(name, new RapportException(ErrorCode.VALUE_OUT_OF_RANGE, "", name));
            }
        }
        return problems;
    }

    private static Object number(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return BigDecimal.valueOf(d);
        }
        return null;
    }
}
