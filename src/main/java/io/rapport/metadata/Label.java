package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text in each supported language, keyed by language tag ({@code en}, {@code es}, {@code pt-BR}). Reading falls
 * back from the exact tag to its language and then to English.
 */
public record Label(@JsonValue Map<String, String> values) {

    /** The languages the product ships labels for. */
    public static final List<String> LANGUAGES = List.of("en", "es", "pt-BR");

    @JsonCreator
    public Label {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static Label of(String english) {
        return new Label(english == null ? Map.of() : Map.of("en", english));
    }

    public static Label empty() {
        return new Label(Map.of());
    }

    public String get(Locale locale) {
        return get(locale == null ? "en" : locale.toLanguageTag());
    }

    public String get(String languageTag) {
        String exact = values.get(languageTag);
        if (exact != null) {
            return exact;
        }
        String language = languageTag.contains("-") ? languageTag.substring(0, languageTag.indexOf('-')) : languageTag;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equals(language) || e.getKey().startsWith(language + "-")) {
                return e.getValue();
            }
        }
        return values.getOrDefault("en", values.isEmpty() ? null : values.values().iterator().next());
    }

    /**
     * This label with the given languages replaced; a language given as an empty text is removed (a label replaced
     * as a whole, Dataverse's {@code MergeLabels: false}, names the languages it drops that way).
     */
    public Label merge(Label overrides) {
        if (overrides == null || overrides.values.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        overrides.values.forEach((language, text) -> {
            if (text.isEmpty()) {
                merged.remove(language);
            } else {
                merged.put(language, text);
            }
        });
        return new Label(merged);
    }

    /** The given languages laid over this label's, empty texts (removals) kept, for storing successive changes. */
    public Label overlay(Label newer) {
        if (newer == null || newer.values.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(newer.values);
        return new Label(merged);
    }

    /** The label that replaces this one as a whole: the given languages, every other one removed. */
    public static Label replacing(Label given) {
        Map<String, String> all = new LinkedHashMap<>();
        LANGUAGES.forEach(language -> all.put(language, ""));
        all.putAll(given.values);
        return new Label(all);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The Dataverse language code (LCID) of a language tag. */
    public static int lcid(String languageTag) {
        return switch (languageTag) {
            case "es" -> 3082;
            case "pt-BR" -> 1046;
            default -> 1033;
        };
    }
}
