package io.rapport.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The timing: 8 business hours (09:00-17:00, Monday to Friday, the following Monday a holiday). */
class BusinessHoursTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Lisbon");
    private static final BusinessHours CALENDAR = new BusinessHours(ZONE,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
            Set.of(LocalDate.of(2026, 12, 7)));

    private static Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(ZONE).toInstant();
    }

    @Test
    void eightBusinessHoursFromFridayAfternoonEndOnTuesdayAfterTheMondayHoliday() {
        Instant created = at(12, 4, 15, 0); // Friday
        assertThat(CALENDAR.plus(created, Duration.ofHours(8))).isEqualTo(at(12, 8, 15, 0));
    }

    @Test
    void anHourOnHoldMovesTheFailureAnHourLater() {
        Instant created = at(12, 4, 15, 0);
        Duration paused = CALENDAR.between(at(12, 4, 15, 30), at(12, 4, 16, 30));
        assertThat(paused).isEqualTo(Duration.ofHours(1));
        assertThat(CALENDAR.plus(created, Duration.ofHours(8).plus(paused))).isEqualTo(at(12, 8, 16, 0));
    }

    @Test
    void timeOutsideWorkingHoursAndOnHolidaysDoesNotCount() {
        assertThat(CALENDAR.between(at(12, 4, 16, 0), at(12, 8, 10, 0))).isEqualTo(Duration.ofHours(2));
        assertThat(CALENDAR.between(at(12, 5, 10, 0), at(12, 7, 12, 0))).isZero();
        assertThat(CALENDAR.plus(at(12, 5, 12, 0), Duration.ofMinutes(30))).isEqualTo(at(12, 8, 9, 30));
        assertThat(CALENDAR.plus(at(12, 8, 17, 0), Duration.ZERO)).isEqualTo(at(12, 9, 9, 0));
    }
}
