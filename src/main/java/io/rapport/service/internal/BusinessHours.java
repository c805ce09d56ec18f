package io.rapport.service.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A business-hours calendar: the same working hours on the working days of a week, in a time zone, less holidays.
 * Adds business time to an instant and measures the business time between two instants, minute-exact, walking day
 * by day (a target of weeks walks a few dozen days).
 */
record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, Set<LocalDate> holidays) {

    BusinessHours {
        days = Set.copyOf(days);
        holidays = Set.copyOf(holidays);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("Working hours must end after they start");
        }
    }

    /** Round the clock, every day: business time is elapsed time. */
    static BusinessHours always(ZoneId zone) {
        return new BusinessHours(zone, Set.of(DayOfWeek.values()), LocalTime.MIN, LocalTime.MAX, Set.of());
    }

    private boolean working(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The instant that lies the given business time after {@code from}. */
    Instant plus(Instant from, Duration business) {
        long left = business.toSeconds();
        ZonedDateTime at = from.atZone(zone);
        for (int guard = 0; guard < 3660; guard++) {
            LocalDate day = at.toLocalDate();
            if (working(day)) {
                ZonedDateTime open = day.atTime(start).atZone(zone);
                ZonedDateTime close = day.atTime(end).atZone(zone);
                ZonedDateTime begin = at.isAfter(open) ? at : open;
                if (begin.isBefore(close)) {
                    long available = Duration.between(begin, close).toSeconds();
                    if (left <= available) {
                        return begin.plusSeconds(left).toInstant();
                    }
                    left -= available;
                }
            }
            at = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("No working time within ten years of " + from);
    }

    /** The business time between two instants (zero when {@code to} is not after {@code from}). */
    Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        long seconds = 0;
        ZonedDateTime at = from.atZone(zone);
        ZonedDateTime stop = to.atZone(zone);
        while (at.isBefore(stop)) {
            LocalDate day = at.toLocalDate();
            if (working(day)) {
                ZonedDateTime open = day.atTime(start).atZone(zone);
                ZonedDateTime close = day.atTime(end).atZone(zone);
                ZonedDateTime begin = at.isAfter(open) ? at : open;
                ZonedDateTime finish = stop.isBefore(close) ? stop : close;
                if (finish.isAfter(begin)) {
                    seconds += Duration.between(begin, finish).toSeconds();
                }
            }
            at = day.plusDays(1).atStartOfDay(zone);
        }
        return Duration.ofSeconds(seconds);
    }
}
