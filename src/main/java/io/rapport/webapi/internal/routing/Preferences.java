package io.rapport.webapi.internal.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The preferences of a Prefer header: {@code return=representation}, {@code odata.maxpagesize=n},
 * {@code odata.include-annotations="*"}, {@code odata.continue-on-error} and {@code odata.track-changes}; and
 * Rapport's {@code rapport.offline-profile} (a delta limited to the records of the offline profile).
 */
public record Preferences(boolean returnRepresentation, Integer maxPageSize, String includeAnnotations,
        boolean continueOnError, boolean trackChanges, boolean offlineProfile) {

    static Preferences parse(String header) {
        boolean representation = false;
        Integer pageSize = null;
        String annotations = null;
        boolean continueOnError = false;
        boolean trackChanges = false;
        boolean offlineProfile = false;
        for (String part : split(header)) {
            String p = part.trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : unquote(p.substring(eq + 1).trim());
            switch (name) {
                case "return" -> representation = value.equalsIgnoreCase("representation");
                case "odata.maxpagesize" -> pageSize = pageSize(value);
                case "odata.include-annotations" -> annotations = value;
                case "odata.continue-on-error" -> continueOnError = true;
                case "odata.track-changes" -> trackChanges = true;
                case "rapport.offline-profile" -> offlineProfile = true;
                default -> {
                }
            }
        }
        return new Preferences(representation, pageSize, annotations, continueOnError, trackChanges,
                offlineProfile);
    }

    private static Integer pageSize(String value) {
        try {
            int n = Integer.parseInt(value);
            return n < 1 ? null : Math.min(n, 5000);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Splits on commas that are not inside quotes ({@code odata.include-annotations="a,b"}). */
    private static List<String> split(String header) {
        List<String> parts = new ArrayList<>();
        if (header == null) {
            return parts;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** Whether an annotation such as {@code OData.Community.Display.V1.FormattedValue} was asked for. */
    public boolean wantsAnnotation(String term) {
        if (includeAnnotations == null || includeAnnotations.isBlank()) {
            return false;
        }
        for (String pattern : includeAnnotations.split(",")) {
            String p = pattern.trim();
            if (p.startsWith("-")) {
                continue;
            }
            if (p.equals("*") || p.equals(term) || p.endsWith(".*") && term.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
