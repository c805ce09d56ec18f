package io.rapport.web.internal.list;

import java.util.List;
import java.util.UUID;

/** What a list page renders: the view choice, the columns with their sort and filter, one page of rows. */
public record Grid(String entity, String entityLabel, String collectionLabel, String viewKey, List<ViewChoice> views,
        List<ViewChoice> personalViews, List<Column> columns, List<Column> allColumns, List<Row> rows,
        ListState state, boolean hasPrevious, boolean hasMore, boolean hasState, boolean admin,
        boolean viewEditable) {

    public String query() {
        return state.query();
    }

    public String pageQuery(int page) {
        return state.withPage(page).query();
    }

    public String columnList() {
        return String.join(",", columns.stream().map(Column::attribute).toList());
    }

    /** The columns the chooser offers besides the shown ones, in label order (computed once per page). */
    public List<Column> otherColumns() {
        java.util.Set<String> shown = new java.util.HashSet<>();
        columns.forEach(c -> shown.add(c.attribute()));
        return allColumns.stream().filter(c -> !shown.contains(c.attribute())).toList();
    }

    public record ViewChoice(String key, String label, boolean selected) {
    }

    /**
     * A column: its header, the query that sorts by it (toggling direction), {@code sort} as the ARIA value
     * ({@code ascending}, {@code descending}, {@code none}), the kind of filter input, and the width the view
     * gives it (pixels, or null), rendered as the class {@code col-w-<width>} (the CSP allows no inline style).
     */
    public record Column(String attribute, String label, String sortQuery, String sort, String filterKind,
            List<Option> options, String filterValue, boolean numeric, Integer width) {

        public String widthClass() {
            return width == null ? "" : "col-w-" + width;
        }

        /** The header's classes: right-aligned when numeric, and its width. */
        public String headerClass() {
            return ((numeric ? "text-end " : "") + widthClass()).trim();
        }
    }

    public record Option(String value, String label) {
    }

    public record Row(UUID id, String name, List<Cell> cells, boolean inactive) {
    }

    public record Cell(String text, String href, boolean numeric) {
    }
}
