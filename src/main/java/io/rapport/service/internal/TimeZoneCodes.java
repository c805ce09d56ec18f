package io.rapport.service.internal;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dataverse's time zone codes ({@code timezonecode} of {@code timezonedefinition}, used by calendar rules): the
 * Microsoft time zone index values, each with its Windows standard name and the IANA zone CLDR's {@code windowsZones}
 * gives for it (the zone of the territory "001"; Romance Standard Time is kept at Madrid, which follows the same
 * rules as Paris), plus 92 for UTC. A code outside the list is refused.
 */
final class TimeZoneCodes {

    /** One code: the Windows standard name and the zone its local times are in. */
    record Code(int code, String standardName, ZoneId zone) {
    }

    private static final Map<Integer, Code> CODES = index(
            zone(0, "Dateline Standard Time", "Etc/GMT+12"),
            zone(1, "Samoa Standard Time", "Etc/GMT+11"),
            zone(2, "Hawaiian Standard Time", "Pacific/Honolulu"),
            zone(3, "Alaskan Standard Time", "America/Anchorage"),
            zone(4, "Pacific Standard Time", "America/Los_Angeles"),
            zone(10, "Mountain Standard Time", "America/Denver"),
            zone(13, "Mexico Standard Time 2", "America/Mazatlan"),
            zone(15, "US Mountain Standard Time", "America/Phoenix"),
            zone(20, "Central Standard Time", "America/Chicago"),
            zone(25, "Canada Central Standard Time", "America/Regina"),
            zone(30, "Mexico Standard Time", "America/Mexico_City"),
            zone(33, "Central America Standard Time", "America/Guatemala"),
            zone(35, "Eastern Standard Time", "America/New_York"),
            zone(40, "US Eastern Standard Time", "America/Indiana/Indianapolis"),
            zone(45, "SA Pacific Standard Time", "America/Bogota"),
            zone(50, "Atlantic Standard Time", "America/Halifax"),
            zone(55, "SA Western Standard Time", "America/La_Paz"),
            zone(56, "Pacific SA Standard Time", "America/Santiago"),
            zone(60, "Newfoundland Standard Time", "America/St_Johns"),
            zone(65, "E. South America Standard Time", "America/Sao_Paulo"),
            zone(70, "SA Eastern Standard Time", "America/Cayenne"),
            zone(73, "Greenland Standard Time", "America/Nuuk"),
            zone(75, "Mid-Atlantic Standard Time", "Etc/GMT+2"),
            zone(80, "Azores Standard Time", "Atlantic/Azores"),
            zone(83, "Cape Verde Standard Time", "Atlantic/Cape_Verde"),
            zone(85, "GMT Standard Time", "Europe/London"),
            zone(90, "Greenwich Standard Time", "Atlantic/Reykjavik"),
            zone(92, "UTC", "UTC"),
            zone(95, "Central Europe Standard Time", "Europe/Budapest"),
            zone(100, "Central European Standard Time", "Europe/Warsaw"),
            zone(105, "Romance Standard Time", "Europe/Madrid"),
            zone(110, "W. Europe Standard Time", "Europe/Berlin"),
            zone(113, "W. Central Africa Standard Time", "Africa/Lagos"),
            zone(115, "E. Europe Standard Time", "Europe/Chisinau"),
            zone(120, "Egypt Standard Time", "Africa/Cairo"),
            zone(125, "FLE Standard Time", "Europe/Kiev"),
            zone(130, "GTB Standard Time", "Europe/Bucharest"),
            zone(135, "Israel Standard Time", "Asia/Jerusalem"),
            zone(140, "South Africa Standard Time", "Africa/Johannesburg"),
            zone(145, "Russian Standard Time", "Europe/Moscow"),
            zone(150, "Arab Standard Time", "Asia/Riyadh"),
            zone(155, "E. Africa Standard Time", "Africa/Nairobi"),
            zone(158, "Arabic Standard Time", "Asia/Baghdad"),
            zone(160, "Iran Standard Time", "Asia/Tehran"),
            zone(165, "Arabian Standard Time", "Asia/Dubai"),
            zone(170, "Caucasus Standard Time", "Asia/Yerevan"),
            zone(175, "Afghanistan Standard Time", "Asia/Kabul"),
            zone(180, "Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
            zone(185, "West Asia Standard Time", "Asia/Tashkent"),
            zone(190, "India Standard Time", "Asia/Kolkata"),
            zone(193, "Nepal Standard Time", "Asia/Kathmandu"),
            zone(195, "Central Asia Standard Time", "Asia/Bishkek"),
            zone(200, "Sri Lanka Standard Time", "Asia/Colombo"),
            zone(201, "N. Central Asia Standard Time", "Asia/Novosibirsk"),
            zone(203, "Myanmar Standard Time", "Asia/Yangon"),
            zone(205, "SE Asia Standard Time", "Asia/Bangkok"),
            zone(207, "North Asia Standard Time", "Asia/Krasnoyarsk"),
            zone(210, "China Standard Time", "Asia/Shanghai"),
            zone(215, "Singapore Standard Time", "Asia/Singapore"),
            zone(220, "Taipei Standard Time", "Asia/Taipei"),
            zone(225, "W. Australia Standard Time", "Australia/Perth"),
            zone(227, "North Asia East Standard Time", "Asia/Irkutsk"),
            zone(230, "Korea Standard Time", "Asia/Seoul"),
            zone(235, "Tokyo Standard Time", "Asia/Tokyo"),
            zone(240, "Yakutsk Standard Time", "Asia/Yakutsk"),
            zone(245, "AUS Central Standard Time", "Australia/Darwin"),
            zone(250, "Cen. Australia Standard Time", "Australia/Adelaide"),
            zone(255, "AUS Eastern Standard Time", "Australia/Sydney"),
            zone(260, "E. Australia Standard Time", "Australia/Brisbane"),
            zone(265, "Tasmania Standard Time", "Australia/Hobart"),
            zone(270, "Vladivostok Standard Time", "Asia/Vladivostok"),
            zone(275, "West Pacific Standard Time", "Pacific/Port_Moresby"),
            zone(280, "Central Pacific Standard Time", "Pacific/Guadalcanal"),
            zone(285, "Fiji Standard Time", "Pacific/Fiji"),
            zone(290, "New Zealand Standard Time", "Pacific/Auckland"),
            zone(300, "Tonga Standard Time", "Pacific/Tongatapu"));

    private TimeZoneCodes() {
    }

    private static Code zone(int code, String standardName, String zone) {
        return new Code(code, standardName, ZoneId.of(zone));
    }

    private static Map<Integer, Code> index(Code... codes) {
        Map<Integer, Code> byCode = new TreeMap<>();
        for (Code c : codes) {
            if (byCode.put(c.code(), c) != null) {
                throw new IllegalStateException("Time zone code " + c.code() + " listed twice");
            }
        }
        return Map.copyOf(byCode);
    }

    static Optional<ZoneId> zone(Integer code) {
        return code == null ? Optional.empty() : Optional.ofNullable(CODES.get(code)).map(Code::zone);
    }

    /** Every code, in code order. */
    static Map<Integer, Code> all() {
        return new TreeMap<>(CODES);
    }

    /** What an error names: the range and a few well-known codes. */
    static String examples() {
        return "a Windows time zone index from 0 (Dateline Standard Time) to 300 (Tonga Standard Time), e.g. "
                + "35 (Eastern Standard Time), 85 (GMT Standard Time), 92 (UTC), 105 (Romance Standard Time), "
                + "110 (W. Europe Standard Time)";
    }
}
