package io.rapport.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.OnH2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The compatibility table of {@code docs/web-api.md} and the pipeline's messages agree: every message the pipeline
 * runs (core messages and the action catalog) has a row marked supported or partial, and no row claims a message
 * the pipeline does not have. {@code target/web-api-compatibility.md} gets the message rows as the catalog has
 * them, to paste when a message is added.
 */
@OnH2
class WebApiCompatibilityTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| message \\| `([A-Za-z]+)` \\| ([a-z ]+) \\|.*$",
            Pattern.MULTILINE);

    @Autowired
    MessageRegistry registry;

    @Test
    void theTableNamesEveryMessageOfThePipelineAndNoOther() throws IOException {
        String doc = Files.readString(Path.of("docs/web-api.md"));
        String table = doc.substring(doc.indexOf("<!-- compatibility:start -->"),
                doc.indexOf("<!-- compatibility:end -->"));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            rows.put(m.group(1), m.group(2).trim());
        }
        // custom actions (publisher prefix, like the test-only rapport_Echo) are no Dataverse messages
        java.util.List<String> messages = registry.messageNames().stream().filter(n -> !n.contains("_")).toList();
        StringBuilder generated = new StringBuilder();
        messages.stream().sorted().forEach(n -> generated.append("| message | `").append(n)
                .append("` | ").append(rows.getOrDefault(n, "supported")).append(" |  |\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/web-api-compatibility.md"), generated);

        assertThat(messages).as("messages without a row in docs/web-api.md (see "
                + "target/web-api-compatibility.md)").allSatisfy(n -> assertThat(rows).containsKey(n));
        assertThat(messages).allSatisfy(n -> assertThat(rows.get(n)).as(n)
                .isIn("supported", "partial"));
        rows.forEach((name, status) -> {
            if (!status.equals("not yet")) {
                assertThat(messages).as("the table says %s is %s", name, status).contains(name);
            } else {
                assertThat(messages).as("the table says %s is not yet there", name)
                        .doesNotContain(name);
            }
        });
        assertThat(rows.values()).allSatisfy(s -> assertThat(s).isIn("supported", "partial", "not yet"));
    }
}
