package io.rapport.webapi.internal.routing;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.webapi.internal.query.Literals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriUtils;

/**
 * The resource path of a request split into segments such as {@code accounts(accountnumber='A-1')},
 * {@code Microsoft.Dynamics.CRM.QualifyLead} or {@code $ref}; a segment's parenthesised part is parsed into
 * a bare key or named values (literals, or {@code @alias} references to query options).
 */
public record ODataPath(List<Segment> segments) {

    /**
     * One segment. {@code hasParens} tells {@code WhoAmI()} from {@code WhoAmI}; {@code key} is the value of an
     * unnamed key ({@code accounts(<guid>)}); {@code named} holds {@code name=value} pairs.
     */
    public record Segment(String name, boolean hasParens, Object key, Map<String, Object> named) {
        public boolean hasKey() {
            return key != null || !named.isEmpty();
        }
    }

    /** A reference to a query option holding the value, as in {@code Foo(Bar=@p1)?@p1='x'}. */
    public record Alias(String name) {
    }

    static ODataPath parse(String rawPath) {
        List<Segment> segments = new ArrayList<>();
        for (String raw : splitOutsideQuotes(rawPath)) {
            if (!raw.isEmpty()) {
                segments.add(segment(decode(raw)));
            }
        }
        return new ODataPath(segments);
    }

    /** A path segment decoded; a 400 (OData syntax error) when an escape is malformed ({@code %}, {@code %zz}). */
    private static String decode(String raw) {
        try {
            return UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw syntax("The URL segment '" + raw + "' is not correctly percent-encoded: " + e.getMessage());
        }
    }

    public int size() {
        return segments.size();
    }

    public Segment get(int i) {
        return segments.get(i);
    }

    private static List<String> splitOutsideQuotes(String path) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        String decodedQuotes = path.replace("%27", "'");
        for (char c : decodedQuotes.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            }
            if (c == '/' && !quoted && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static Segment segment(String text) {
        int open = text.indexOf('(');
        if (open < 0) {
            return new Segment(text, false, null, Map.of());
        }
        if (!text.endsWith(")")) {
            throw syntax("The segment '" + text + "' is not well formed: a closing parenthesis is missing.");
        }
        String name = text.substring(0, open);
        String inner = text.substring(open + 1, text.length() - 1).trim();
        if (inner.isEmpty()) {
            return new Segment(name, true, null, Map.of());
        }
        Map<String, Object> named = new LinkedHashMap<>();
        List<String> parts = splitTopLevel(inner);
        if (parts.size() == 1 && topLevelEquals(parts.get(0)) < 0) {
            return new Segment(name, true, Literals.parse(parts.get(0).trim()), Map.of());
        }
        for (String part : parts) {
            int eq = topLevelEquals(part);
            if (eq < 0) {
                throw syntax("The segment '" + text + "' mixes a bare key with named values.");
            }
            String value = part.substring(eq + 1).trim();
            named.put(part.substring(0, eq).trim(), value.startsWith("@") ? new Alias(value.substring(1))
                    : Literals.parse(value));
        }
        return new Segment(name, true, null, named);
    }

    private static int topLevelEquals(String part) {
        boolean quoted = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '=' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    static RapportException syntax(String message) {
        return new RapportException(ErrorCode.ODATA_SYNTAX_ERROR, message);
    }
}
