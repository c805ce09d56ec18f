package io.rapport.web.internal.dashboard;

import java.util.List;

/**
 * One chart of a dashboard: labels and values from an aggregate query, drawn by Chart.js and also shown as a
 * table for screen readers and when scripts are off.
 *
 * @param type the Chart.js chart type: bar, line or doughnut
 * @param money whether values are amounts in {@code currency}
 */
public record Chart(String id, String title, String type, String seriesLabel, List<String> labels,
        List<Number> values, List<String> formatted, boolean money, String currency) {

    public boolean isEmpty() {
        return labels.isEmpty();
    }
}
