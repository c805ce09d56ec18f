package io.rapport.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One comparison of an attribute with values. {@code entityAlias} names a linked entity when the condition sits
 * in the root filter but tests a linked entity's attribute; {@code null} means the entity the filter belongs to.
 */
public record Condition(String entityAlias, String attribute, ConditionOperator operator, List<Object> values)
        implements Filter {

    public Condition {
        values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static Condition of(String attribute, ConditionOperator operator, Object... values) {
        return new Condition(null, attribute, operator, Arrays.asList(values));
    }

    public static Condition eq(String attribute, Object value) {
        return of(attribute, ConditionOperator.EQUAL, value);
    }

    public Object value() {
        return values.isEmpty() ? null : values.get(0);
    }
}
