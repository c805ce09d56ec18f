package io.rapport.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every Dataverse time zone code a calendar rule may name, and the local time it stands for. */
class TimeZoneCodesTest {

    private static final Instant WINTER = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant SUMMER = Instant.parse("2026-07-15T12:00:00Z");

    private static ZoneOffset offset(int code, Instant at) {
        return TimeZoneCodes.zone(code).orElseThrow().getRules().getOffset(at);
    }

    @Test
    void theWholeIndexIsKnownOncePerCodeWithItsWindowsName() {
        Map<Integer, TimeZoneCodes.Code> all = TimeZoneCodes.all();
        assertThat(all).hasSize(76);
        assertThat(all.keySet()).startsWith(0, 1, 2, 3, 4, 10, 13, 15).endsWith(280, 285, 290, 300)
                .contains(92, 105, 110, 158, 190, 193, 201, 203, 227);
        assertThat(all.get(0).standardName()).isEqualTo("Dateline Standard Time");
        assertThat(all.get(85).standardName()).isEqualTo("GMT Standard Time");
        assertThat(all.get(300).standardName()).isEqualTo("Tonga Standard Time");
        all.forEach((code, c) -> assertThat(TimeZoneCodes.zone(code)).contains(c.zone()));
    }

    @Test
    void eachCodeHasTheStandardOffsetOfItsWindowsZone() {
        assertThat(offset(0, WINTER)).isEqualTo(ZoneOffset.ofHours(-12));
        assertThat(offset(2, WINTER)).isEqualTo(ZoneOffset.ofHours(-10));
        assertThat(offset(15, SUMMER)).isEqualTo(ZoneOffset.ofHours(-7)); // Arizona keeps no summer time
        assertThat(offset(60, WINTER)).isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
        assertThat(offset(75, WINTER)).isEqualTo(ZoneOffset.ofHours(-2));
        assertThat(offset(92, SUMMER)).isEqualTo(ZoneOffset.UTC);
        assertThat(offset(160, WINTER)).isEqualTo(ZoneOffset.ofHoursMinutes(3, 30));
        assertThat(offset(175, WINTER)).isEqualTo(ZoneOffset.ofHoursMinutes(4, 30));
        assertThat(offset(190, WINTER)).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(offset(193, WINTER)).isEqualTo(ZoneOffset.ofHoursMinutes(5, 45));
        assertThat(offset(203, WINTER)).isEqualTo(ZoneOffset.ofHoursMinutes(6, 30));
        assertThat(offset(210, SUMMER)).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(offset(235, WINTER)).isEqualTo(ZoneOffset.ofHours(9));
        assertThat(offset(250, SUMMER)).isEqualTo(ZoneOffset.ofHoursMinutes(9, 30));
        assertThat(offset(300, WINTER)).isEqualTo(ZoneOffset.ofHours(13));
    }

    @Test
    void summerTimeFollowsTheZoneOnBothHemispheres() {
        assertThat(offset(35, WINTER)).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(offset(35, SUMMER)).isEqualTo(ZoneOffset.ofHours(-4));
        assertThat(offset(85, WINTER)).isEqualTo(ZoneOffset.UTC);
        assertThat(offset(85, SUMMER)).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(offset(110, WINTER)).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(offset(110, SUMMER)).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(offset(255, WINTER)).isEqualTo(ZoneOffset.ofHours(11)); // Sydney: January is summer
        assertThat(offset(255, SUMMER)).isEqualTo(ZoneOffset.ofHours(10));
        assertThat(offset(260, WINTER)).isEqualTo(ZoneOffset.ofHours(10)); // Brisbane: none
        assertThat(offset(290, WINTER)).isEqualTo(ZoneOffset.ofHours(13));
    }

    @Test
    void codesOutsideTheIndexAreUnknown() {
        for (Integer code : new Integer[] {null, -1, 5, 91, 301, 999, Integer.MAX_VALUE}) {
            assertThat(TimeZoneCodes.zone(code)).as("code %s", code).isEmpty();
        }
    }

    @Test
    void aTokyoCalendarCountsNineToFiveInTokyo() {
        ZoneId tokyo = TimeZoneCodes.zone(235).orElseThrow();
        BusinessHours hours = new BusinessHours(tokyo, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
        // Friday 4 December 2026, 15:00 in Tokyo is 06:00 UTC: two hours on Friday, six on Monday to 15:00 (06:00 UTC)
        assertThat(hours.plus(Instant.parse("2026-12-04T06:00:00Z"), Duration.ofHours(8)))
                .isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
    }
}
