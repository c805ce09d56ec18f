package io.rapport.pipeline;

import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

/**
 * The user a request runs as, with what the pipeline needs to know about them: business unit and teams (for
 * ownership defaults and row access), language and time zone (for formatted values) and the channel.
 *
 * @param userId {@code null} only while the organization itself is being created at first start
 */
public record Caller(UUID userId, String name, UUID businessUnitId, Set<UUID> teamIds, String language, ZoneId zone,
        Channel channel) {

    public Caller {
        teamIds = teamIds == null ? Set.of() : Set.copyOf(teamIds);
        language = language == null ? "en" : language;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        channel = channel == null ? Channel.SYSTEM : channel;
    }

    public Caller withChannel(Channel newChannel) {
        return new Caller(userId, name, businessUnitId, teamIds, language, zone, newChannel);
    }

    public Caller withLanguage(String newLanguage) {
        return new Caller(userId, name, businessUnitId, teamIds, newLanguage, zone, channel);
    }

    /** The caller's language as a locale (the product's languages parsed once, any other tag on each call). */
    public java.util.Locale locale() {
        java.util.Locale known = PRODUCT_LOCALES.get(language);
        return known != null ? known : java.util.Locale.forLanguageTag(language);
    }

    private static final java.util.Map<String, java.util.Locale> PRODUCT_LOCALES = io.rapport.metadata.Label.LANGUAGES
            .stream().collect(java.util.stream.Collectors.toUnmodifiableMap(l -> l, java.util.Locale::forLanguageTag));
}
