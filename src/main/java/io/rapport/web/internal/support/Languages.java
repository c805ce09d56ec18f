package io.rapport.web.internal.support;

import java.util.List;
import java.util.Locale;

/** The languages of the UI and how browser and user preferences map onto them. */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final Locale PORTUGUESE_BRAZIL = Locale.forLanguageTag("pt-BR");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SPANISH, PORTUGUESE_BRAZIL);

    private Languages() {
    }

    /** The supported locale closest to a tag such as {@code es-MX}, {@code pt} or {@code en-US}; null if none. */
    public static Locale match(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        return switch (language) {
            case "en" -> ENGLISH;
            case "es" -> SPANISH;
            case "pt" -> PORTUGUESE_BRAZIL;
            default -> null;
        };
    }

    /** The tag metadata labels use for a supported locale: {@code en}, {@code es} or {@code pt-BR}. */
    public static String tag(Locale locale) {
        Locale l = locale == null ? null : match(locale.toLanguageTag());
        return l == null ? "en" : l.toLanguageTag();
    }
}
