package io.rapport.web.internal.list;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * What the user asked of a list: the view, quick find text, sort, page, chosen columns and per-column filters
 * ({@code f.<attribute>} parameters). It round-trips through the URL so that every list state can be linked.
 */
public record ListState(String view, String quickFind, String sort, boolean descending, int page,
        List<String> columns, Map<String, String> filters) {

    public static final String FILTER_PREFIX = "f.";

    public ListState {
        page = Math.max(1, page);
        columns = columns == null ? List.of() : List.copyOf(columns);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        quickFind = quickFind == null || quickFind.isBlank() ? null : quickFind.trim();
        sort = sort == null || sort.isBlank() ? null : sort;
        view = view == null || view.isBlank() ? null : view;
    }

    public static ListState from(MultiValueMap<String, String> params) {
        Map<String, String> filters = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(FILTER_PREFIX) && !v.isEmpty() && v.get(0) != null && !v.get(0).isBlank()) {
                filters.put(k.substring(FILTER_PREFIX.length()), v.get(0).trim());
            }
        });
        String cols = params.getFirst("cols");
        List<String> columns = cols == null || cols.isBlank() ? List.of()
                : Arrays.stream(cols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        int page;
        try {
            page = Integer.parseInt(params.getFirst("page") == null ? "1" : params.getFirst("page"));
        } catch (NumberFormatException e) {
            page = 1;
        }
        return new ListState(params.getFirst("view"), params.getFirst("q"), params.getFirst("sort"),
                "true".equals(params.getFirst("desc")), page, columns, filters);
    }

    public ListState withColumns(List<String> newColumns) {
        return new ListState(view, quickFind, sort, descending, page, newColumns, filters);
    }

    public ListState withPage(int newPage) {
        return new ListState(view, quickFind, sort, descending, newPage, columns, filters);
    }

    public ListState withSort(String attribute, boolean desc) {
        return new ListState(view, quickFind, attribute, desc, 1, columns, filters);
    }

    /** The query string (without '?') that recreates this state; every value fully percent-encoded. */
    public String query() {
        List<String> parts = new ArrayList<>();
        add(parts, "view", view);
        add(parts, "q", quickFind);
        add(parts, "sort", sort);
        if (sort != null && descending) {
            add(parts, "desc", "true");
        }
        if (!columns.isEmpty()) {
            add(parts, "cols", String.join(",", columns));
        }
        filters.forEach((k, v) -> add(parts, FILTER_PREFIX + k, v));
        if (page > 1) {
            add(parts, "page", Integer.toString(page));
        }
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    public List<String> columnsOr(List<String> fallback) {
        return columns.isEmpty() ? fallback : new ArrayList<>(columns);
    }
}
