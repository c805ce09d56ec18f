package io.rapport.service.internal;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dataverse's time zone codes ({@code timezonecode}, the Windows time zones) that a calendar rule may name, and the
 * IANA zone each means. A subset: the zones of the organizations Rapport is used in so far; others are refused.
 */
final class TimeZoneCodes {

    private static final Map<Integer, ZoneId> ZONES = new TreeMap<>(Map.ofEntries(
            Map.entry(4, ZoneId.of("America/Los_Angeles")), // Pacific Standard Time
            Map.entry(10, ZoneId.of("America/Denver")), // Mountain Standard Time
            Map.entry(20, ZoneId.of("America/Chicago")), // Central Standard Time
            Map.entry(35, ZoneId.of("America/New_York")), // Eastern Standard Time
            Map.entry(65, ZoneId.of("America/Sao_Paulo")), // E. South America Standard Time
            Map.entry(85, ZoneId.of("Europe/London")), // GMT Standard Time
            Map.entry(92, ZoneId.of("UTC")), // UTC
            Map.entry(105, ZoneId.of("Europe/Madrid")), // Romance Standard Time
            Map.entry(110, ZoneId.of("Europe/Berlin")))); // W. Europe Standard Time

    private TimeZoneCodes() {
    }

    static Optional<ZoneId> zone(Integer code) {
        return code == null ? Optional.empty() : Optional.ofNullable(ZONES.get(code));
    }

    static String supported() {
        StringBuilder s = new StringBuilder();
        ZONES.forEach((code, zone) -> s.append(s.isEmpty() ? "" : ", ").append(code).append(" (").append(zone)
                .append(')'));
        return s.toString();
    }
}
