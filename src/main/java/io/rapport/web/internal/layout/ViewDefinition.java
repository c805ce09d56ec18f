package io.rapport.web.internal.layout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rapport.metadata.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list view: its columns in order, a fixed filter and a default sort. System views come from
 * {@code web/views/*.yaml} or {@code savedquery} records; personal views from {@code userquery} records.
 *
 * @param key a stable identifier: {@code sys:<name>}, {@code saved:<uuid>}, {@code user:<uuid>} or {@code default}
 * @param nameKey a message-bundle key naming the view (built-in views), else {@code name} is used
 * @param widths column widths in pixels by attribute, one of {@link #WIDTHS} (Dynamics' view editor offers the same
 *     fixed widths); a column without one takes the width its content needs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ViewDefinition(String key, String entity, Label name, String nameKey, List<String> columns,
        List<ViewCondition> filter, List<ViewOrder> orders, Boolean isDefault, Map<String, Integer> widths) {

    /** The column widths a view may give (pixels); the list renders each as a CSS class, never an inline style. */
    public static final Set<Integer> WIDTHS = Set.of(50, 75, 100, 125, 150, 200, 300);

    public ViewDefinition {
        widths = widths == null || widths.isEmpty() ? null : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(widths));
        columns = columns == null ? List.of() : List.copyOf(columns);
        filter = filter == null ? List.of() : List.copyOf(filter);
        orders = orders == null ? List.of() : List.copyOf(orders);
        name = name == null ? Label.empty() : name;
        isDefault = Boolean.TRUE.equals(isDefault);
    }

    /** One fixed condition; {@code operator} is a {@code ConditionOperator} name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ViewCondition(String attribute, String operator, List<Object> values) {
        public ViewCondition {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public record ViewOrder(String attribute, boolean descending) {
    }

    public ViewDefinition withKey(String newKey) {
        return new ViewDefinition(newKey, entity, name, nameKey, columns, filter, orders, isDefault, widths);
    }

    public ViewDefinition withColumns(List<String> newColumns) {
        return new ViewDefinition(key, entity, name, nameKey, newColumns, filter, orders, isDefault, widths);
    }

    public ViewDefinition withName(Label newName) {
        return new ViewDefinition(key, entity, newName, null, columns, filter, orders, isDefault, widths);
    }

    public ViewDefinition withOrders(List<ViewOrder> newOrders) {
        return new ViewDefinition(key, entity, name, nameKey, columns, filter, newOrders, isDefault, widths);
    }

    /** This view with other columns (and their widths), filter and sort: what the view editor saves. */
    public ViewDefinition withLayout(List<String> newColumns, Map<String, Integer> newWidths,
            List<ViewCondition> newFilter, List<ViewOrder> newOrders) {
        return new ViewDefinition(key, entity, name, nameKey, newColumns, newFilter, newOrders, isDefault, newWidths);
    }

    /** The width of a column in pixels, or null when the view gives none. */
    public Integer width(String attribute) {
        return widths == null ? null : widths.get(attribute);
    }

    public ViewDefinition plusColumn(String attribute) {
        List<String> list = new ArrayList<>(columns);
        if (!list.contains(attribute)) {
            list.add(attribute);
        }
        return withColumns(list);
    }
}
