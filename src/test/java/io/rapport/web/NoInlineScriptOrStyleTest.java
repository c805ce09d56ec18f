package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy of UI pages (issue 21 defect 8) refuses inline scripts, inline event handlers, style
 * attributes and eval. Every template, the UI's JavaScript and the web module's Java (which may write HTML) are
 * scanned so that none comes back: each finding names its file and line.
 */
class NoInlineScriptOrStyleTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path SCRIPTS = Path.of("src/main/resources/static/js");
    private static final Path WEB_JAVA = Path.of("src/main/java/io/rapport/web");

    /** What the policy refuses in markup: each with why. */
    private static final List<Rule> MARKUP = List.of(
            new Rule("inline script (a <script> without src)", "<script(?![^>]*\\bth:src=|[^>]*\\bsrc=)[^>]*>"),
            new Rule("inline style element", "<style[\\s>]"),
            new Rule("inline event handler", "(?:^|[\\s\"',])(?:th:)?on[a-z]+\\s*="),
            new Rule("htmx inline handler (hx-on, evaluated)", "\\s(?:data-)?hx-on"),
            new Rule("htmx evaluated values (hx-vars, js: in hx-vals)", "hx-vars|hx-vals\\s*=\\s*['\"]\\s*(?:js|javascript):"),
            new Rule("style attribute", "(?:^|[\\s\"',])(?:th:)?style\\s*="),
            new Rule("javascript: URL", "javascript:"),
            new Rule("htmx event filter (needs eval)", "hx-trigger\\s*=\\s*\"[^\"]*\\["));

    /** Markup in Java string literals (case-sensitive: Java identifiers such as {@code only =} are fine). */
    private static final List<Rule> JAVA = List.of(
            new Rule("inline script in markup", Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>")),
            new Rule("inline style element in markup", Pattern.compile("<style[\\s>]")),
            new Rule("inline event handler in markup", Pattern.compile("\\son[a-z]+=\\\\?[\"']")),
            new Rule("style attribute in markup", Pattern.compile("\\sstyle=\\\\?[\"']")),
            new Rule("javascript: URL", Pattern.compile("\"javascript:")));

    /** What the policy refuses in script. */
    private static final List<Rule> SCRIPT = List.of(
            new Rule("eval", "\\beval\\s*\\("),
            new Rule("Function constructor", "\\bnew\\s+Function\\s*\\("),
            new Rule("string timer", "set(?:Timeout|Interval)\\s*\\(\\s*['\"]"),
            new Rule("style attribute set as markup", "setAttribute\\(\\s*['\"](?:style|on[a-z]+)['\"]"),
            new Rule("markup with an inline style or handler", "innerHTML\\s*=\\s*[^;]*(?:style=|on[a-z]+=)"));

    @Test
    void templatesHaveNoInlineScriptHandlerOrStyle() throws IOException {
        List<String> findings = scan(TEMPLATES, ".html", MARKUP);
        assertThat(countFiles(TEMPLATES, ".html")).isGreaterThan(15);
        assertThat(findings).isEmpty();
    }

    @Test
    void scriptsNeitherEvaluateCodeNorWriteInlineStylesOrHandlers() throws IOException {
        assertThat(countFiles(SCRIPTS, ".js")).isPositive();
        assertThat(scan(SCRIPTS, ".js", SCRIPT)).isEmpty();
    }

    @Test
    void webJavaWritesNoInlineScriptHandlerOrStyle() throws IOException {
        assertThat(countFiles(WEB_JAVA, ".java")).isPositive();
        assertThat(scan(WEB_JAVA, ".java", JAVA)).isEmpty();
    }

    @Test
    void theScanCatchesEachKindOfInlineCode() {
        List<String> bad = List.of("<script>alert(1)</script>", "<style>p{}</style>", "<a onclick=\"x()\">",
                "<a th:onclick=\"x()\">", "<div hx-on:click=\"x()\">", "<div hx-on::after-request=\"x\">",
                "<div hx-vals='js:{a: b()}'>", "<p style=\"color:red\">", "<p th:style=\"|width: 1%|\">",
                "<a href=\"javascript:history.back()\">", "<input hx-trigger=\"keyup[key=='Enter']\">");
        for (String line : bad) {
            assertThat(MARKUP.stream().anyMatch(r -> r.pattern.matcher(line).find())).as(line).isTrue();
        }
        List<String> fine = List.of("<script th:src=\"@{/js/rapport.js}\" defer></script>",
                "<script src=\"/js/rapport.js\"></script>", "<div hx-trigger=\"input changed delay:250ms\">",
                "<li data-indent=\"2\">", "<button data-confirm=\"Sure?\">", "<option data-lookup=\"true\">");
        for (String line : fine) {
            assertThat(MARKUP.stream().noneMatch(r -> r.pattern.matcher(line).find())).as(line).isTrue();
        }
    }

    private static List<String> scan(Path root, String suffix, List<Rule> rules) throws IOException {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    for (Rule rule : rules) {
                        Matcher m = rule.pattern.matcher(lines.get(i));
                        if (m.find()) {
                            findings.add(file + ":" + (i + 1) + " " + rule.what + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        return findings;
    }

    private static long countFiles(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(suffix)).count();
        }
    }

    private record Rule(String what, Pattern pattern) {
        Rule(String what, String regex) {
            this(what, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }
    }
}
