package io.rapport.web.internal.list;

import java.util.List;
import java.util.UUID;
import org.unbescape.html.HtmlEscape;
import org.unbescape.html.HtmlEscapeLevel;
import org.unbescape.html.HtmlEscapeType;

/** What a list page renders: the view choice, the columns with their sort and filter, one page of rows. */
public record Grid(String entity, String entityLabel, String collectionLabel, String viewKey, List<ViewChoice> views,
        List<ViewChoice> personalViews, List<Column> columns, List<Row> rows,
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

    /**
     * A cell: its text, the record it links to (or null) and whether it is numeric (right-aligned). A list page has
     * hundreds of cells: {@link #html()} writes one as markup in one step, escaped as Thymeleaf escapes
     * {@code th:text} and {@code th:href}, instead of three template elements and five expressions per cell.
     */
    public record Cell(String text, String href, boolean numeric) {

        public String html() {
            String escaped = HtmlEscape.escapeHtml(text, HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
                    HtmlEscapeLevel.LEVEL_0_ONLY_MARKUP_SIGNIFICANT_EXCEPT_APOS);
            return href == null ? "<span>" + escaped + "</span>" : "<a href=\"" + HtmlEscape.escapeHtml(href,
                    HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
                    HtmlEscapeLevel.LEVEL_1_ONLY_MARKUP_SIGNIFICANT) + "\">" + escaped + "</a>";
        }

        /** The cell's class attribute: right-aligned when numeric, none otherwise. */
        public String cssClass() {
            return numeric ? "text-end" : null;
        }
    }
}
