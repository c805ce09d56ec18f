package io.rapport.web.internal.support;

import org.unbescape.html.HtmlEscape;
import org.unbescape.html.HtmlEscapeLevel;
import org.unbescape.html.HtmlEscapeType;

/**
 * Escaping for markup that Java writes in one pass instead of a template (a list page's rows, the shell's links):
 * the same escaper and levels as Thymeleaf's {@code th:text} and attribute processors, so that the page reads the same.
 */
public final class Html {

    private Html() {
    }

    /** Escaped as Thymeleaf escapes {@code th:text}. */
    public static String text(String text) {
        return HtmlEscape.escapeHtml(text, HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
                HtmlEscapeLevel.LEVEL_0_ONLY_MARKUP_SIGNIFICANT_EXCEPT_APOS);
    }

    /** Escaped as Thymeleaf escapes an attribute's value ({@code th:href}, {@code th:value}, {@code th:aria-label}). */
    public static String attribute(String value) {
        return HtmlEscape.escapeHtml(value, HtmlEscapeType.HTML4_NAMED_REFERENCES_DEFAULT_TO_DECIMAL,
                HtmlEscapeLevel.LEVEL_1_ONLY_MARKUP_SIGNIFICANT);
    }
}
