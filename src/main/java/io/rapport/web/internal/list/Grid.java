package io.rapport.web.internal.list;

import java.util.List;
import java.util.UUID;
import io.rapport.web.internal.support.Html;

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

    /**
     * The page's rows as markup, written in one pass: a list page has 50 rows of a checkbox and a few cells, and the
     * template's per-element work for them (attributes, expressions, a parameterized message per row) was the larger
     * part of the render. The markup is the template's as it was (the row's {@code data-id}, the dimmed class of an
     * inactive record, the selection checkbox of the bulk form and its label), escaped as Thymeleaf escapes
     * {@code th:text} and attribute values.
     */
    public String rowsHtml() {
        StringBuilder html = new StringBuilder(rows.size() * 160 * (columns.size() + 1));
        for (Row r : rows) {
            r.writeTo(html);
        }
        return html.toString();
    }

    /** A row; {@code selectLabel} is its checkbox's accessible name ("Select Contoso") in the page's language. */
    public record Row(UUID id, String name, List<Cell> cells, boolean inactive, String selectLabel) {

        void writeTo(StringBuilder html) {
            String id = this.id.toString();
            html.append("<tr data-id=\"").append(id).append('"');
            if (inactive) {
                html.append(" class=\"text-body-secondary\"");
            }
            html.append(">\n<td class=\"select-col\"><input type=\"checkbox\" class=\"form-check-input\" name=\"id\" "
                    + "form=\"bulk\" value=\"").append(id).append("\" aria-label=\"")
                    .append(Html.attribute(selectLabel)).append("\"></td>\n");
            for (Cell c : cells) {
                html.append(c.numeric ? "<td class=\"text-end\">" : "<td>").append(c.html()).append("</td>\n");
            }
            html.append("</tr>\n");
        }
    }

    /**
     * A cell: its text, the record it links to (or null) and whether it is numeric (right-aligned). A list page has
     * hundreds of cells: {@link #html()} writes one as markup in one step, escaped as Thymeleaf escapes
     * {@code th:text} and {@code th:href}, instead of three template elements and five expressions per cell.
     */
    public record Cell(String text, String href, boolean numeric) {

        public String html() {
            String escaped = Html.text(text);
            return href == null ? "<span>" + escaped + "</span>" : "<a href=\"" + Html.attribute(href) + "\">"
                    + escaped + "</a>";
        }
    }
}
