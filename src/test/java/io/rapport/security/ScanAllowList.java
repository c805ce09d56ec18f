package io.rapport.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Findings of the web vulnerability scan that are explained rather than fixed
 * ({@code src/test/resources/security/scan-allowlist.yaml}): each entry names the scanner and category, a regular
 * expression for the path (and optionally the parameter), and a written explanation, without which it is refused.
 */
final class ScanAllowList {

    static final String RESOURCE = "/security/scan-allowlist.yaml";
    private static final int MIN_EXPLANATION = 40;

    private final List<Entry> entries;

    private ScanAllowList(List<Entry> entries) {
        this.entries = entries;
    }

    static ScanAllowList load() throws IOException {
        try (InputStream in = ScanAllowList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : root.path("allowed")) {
                String why = e.path("why").asText("").strip();
                if (why.length() < MIN_EXPLANATION) {
                    throw new IllegalStateException("Allow-list entry without a written explanation: " + e);
                }
                entries.add(new Entry(e.path("scanner").asText(), e.path("category").asText(),
                        Pattern.compile(e.path("path").asText(".*")),
                        Pattern.compile(e.path("parameter").asText(".*")), why));
            }
            return new ScanAllowList(entries);
        }
    }

    /** Whether a finding is explained by an entry. */
    boolean allows(ScanFinding f) {
        return entries.stream().anyMatch(e -> e.scanner.equals(f.scanner()) && e.category.equals(f.category())
                && e.path.matcher(f.path()).matches()
                && e.parameter.matcher(f.parameter() == null ? "" : f.parameter()).matches());
    }

    int size() {
        return entries.size();
    }

    private record Entry(String scanner, String category, Pattern path, Pattern parameter, String why) {
    }
}
