package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.testing.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Checks a page shown in Spanish or Portuguese: no unresolved message key ({@code ??key??}) and no text that
 * exists only in the English bundle (a forgotten translation or an English fallback), in visible text,
 * placeholders, ARIA labels and titles.
 */
final class TranslationCheck {

    private static final String COLLECT_TEXTS = """
            const texts = [];
            document.querySelectorAll('body *').forEach(el => {
              if (el.closest('script, style, [lang]:not(html)')) return;
              for (const n of el.childNodes) {
                if (n.nodeType === 3 && n.textContent.trim()) texts.push(n.textContent.trim());
              }
              for (const a of ['placeholder', 'aria-label', 'title']) {
                if (el.getAttribute(a)) texts.push(el.getAttribute(a).trim());
              }
            });
            return texts;""";

    private final Set<String> englishOnly;

    private TranslationCheck(Set<String> englishOnly) {
        this.englishOnly = englishOnly;
    }

    static TranslationCheck forLanguage(String tag) throws IOException {
        Properties en = load("i18n/messages.properties");
        Properties other = load("i18n/messages_" + tag.replace('-', '_') + ".properties");
        Set<String> englishOnly = new HashSet<>();
        for (String key : en.stringPropertyNames()) {
            String value = en.getProperty(key).trim();
            if (!value.contains("{") && value.length() > 2 && !value.equals(other.getProperty(key, "").trim())) {
                englishOnly.add(value);
            }
        }
        return new TranslationCheck(englishOnly);
    }

    @SuppressWarnings("unchecked")
    void assertTranslated(Browser browser, String page) {
        assertThat(browser.driver().getPageSource()).as("unresolved message keys on %s", page).doesNotContain("??");
        List<String> texts = (List<String>) browser.driver().executeScript(COLLECT_TEXTS);
        assertThat(texts).as("English-only texts on %s", page).noneMatch(englishOnly::contains);
    }

    static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TranslationCheck.class.getClassLoader().getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
