package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.error.ErrorCode;
import io.rapport.metadata.AttributeType;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The three message bundles of the web UI stay complete and actually translated. */
class MessageBundlesTest {

    /** Keys whose text is the same in every language (names, loanwords) and so need no translation. */
    private static final Set<String> SAME_EVERYWHERE = Set.of("app.name", "language.en", "language.es",
            "language.pt-BR", "area.marketing", "common.no", "form.section.general", "customize.optionsHint",
            "type.state", "list.paging", "customize.type", "dashboard.title",
            "import.status", "service.dashboard.status", "marketing.activity.fax", "marketing.activity.email");

    @Test
    void allThreeBundlesHaveTheSameKeys() throws Exception {
        Set<String> en = keys("en");
        assertThat(keys("es")).containsExactlyInAnyOrderElementsOf(en);
        assertThat(keys("pt-BR")).containsExactlyInAnyOrderElementsOf(en);
    }

    @Test
    void everyErrorCodeAndAttributeTypeHasAMessage() throws Exception {
        Set<String> en = keys("en");
        Arrays.stream(ErrorCode.values()).forEach(c -> assertThat(en).contains("error." + c.name()));
        AttributeType.builtIns().stream().forEach(t -> assertThat(en).contains("type." + t.json()));
    }

    @Test
    void spanishAndPortugueseTextsAreTranslations() throws Exception {
        Properties en = TranslationCheck.load("i18n/messages.properties");
        for (String language : new String[] {"es", "pt_BR"}) {
            Properties other = TranslationCheck.load("i18n/messages_" + language + ".properties");
            Set<String> untranslated = new TreeSet<>();
            for (String key : en.stringPropertyNames()) {
                if (en.getProperty(key).equals(other.getProperty(key)) && !SAME_EVERYWHERE.contains(key)) {
                    untranslated.add(key);
                }
            }
            assertThat(untranslated).as("keys with English text in messages_%s", language).isEmpty();
        }
    }

    private static Set<String> keys(String tag) throws Exception {
        String file = tag.equals("en") ? "i18n/messages.properties"
                : "i18n/messages_" + tag.replace('-', '_') + ".properties";
        return new TreeSet<>(TranslationCheck.load(file).stringPropertyNames());
    }
}
