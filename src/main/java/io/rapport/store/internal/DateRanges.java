package io.rapport.store.internal;

import io.rapport.query.ConditionOperator;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The half-open time range [from, to) a relative date operator stands for, computed in the caller's time zone at
 * the moment the query runs. Either end may be {@code null} for "unbounded".
 */
record DateRanges(Instant from, Instant to) {

    static DateRanges of(ConditionOperator op, Integer count, ZonedDateTime now) {
        ZoneId zone = now.getZone();
        LocalDate today = now.toLocalDate();
        int n = count == null ? 0 : count;
        LocalDate weekStart = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate monthStart = today.withDayOfMonth(1);
        LocalDate yearStart = today.withDayOfYear(1);
        Instant nowInstant = now.toInstant();
        return switch (op) {
            case TODAY -> days(today, today.plusDays(1), zone);
            case YESTERDAY -> days(today.minusDays(1), today, zone);
            case TOMORROW -> days(today.plusDays(1), today.plusDays(2), zone);
            case LAST_SEVEN_DAYS -> new DateRanges(start(today.minusDays(7), zone), nowInstant);
            case NEXT_SEVEN_DAYS -> new DateRanges(nowInstant, start(today.plusDays(8), zone));
            case LAST_X_HOURS -> new DateRanges(nowInstant.minusSeconds(3600L * n), nowInstant);
            case NEXT_X_HOURS -> new DateRanges(nowInstant, nowInstant.plusSeconds(3600L * n));
            case LAST_X_DAYS -> new DateRanges(start(today.minusDays(n), zone), nowInstant);
            case NEXT_X_DAYS -> new DateRanges(nowInstant, start(today.plusDays(n + 1L), zone));
            case LAST_X_WEEKS -> new DateRanges(start(today.minusWeeks(n), zone), nowInstant);
            case NEXT_X_WEEKS -> new DateRanges(nowInstant, start(today.plusWeeks(n).plusDays(1), zone));
            case LAST_X_MONTHS -> new DateRanges(start(today.minusMonths(n), zone), nowInstant);
            case NEXT_X_MONTHS -> new DateRanges(nowInstant, start(today.plusMonths(n).plusDays(1), zone));
            case LAST_X_YEARS -> new DateRanges(start(today.minusYears(n), zone), nowInstant);
            case NEXT_X_YEARS -> new DateRanges(nowInstant, start(today.plusYears(n).plusDays(1), zone));
            case OLDER_THAN_X_DAYS -> new DateRanges(null, start(today.minusDays(n), zone));
            case OLDER_THAN_X_MONTHS -> new DateRanges(null, start(today.minusMonths(n), zone));
            case THIS_WEEK -> days(weekStart, weekStart.plusWeeks(1), zone);
            case LAST_WEEK -> days(weekStart.minusWeeks(1), weekStart, zone);
            case NEXT_WEEK -> days(weekStart.plusWeeks(1), weekStart.plusWeeks(2), zone);
            case THIS_MONTH -> days(monthStart, monthStart.plusMonths(1), zone);
            case LAST_MONTH -> days(monthStart.minusMonths(1), monthStart, zone);
            case NEXT_MONTH -> days(monthStart.plusMonths(1), monthStart.plusMonths(2), zone);
            case THIS_YEAR -> days(yearStart, yearStart.plusYears(1), zone);
            case LAST_YEAR -> days(yearStart.minusYears(1), yearStart, zone);
            case NEXT_YEAR -> days(yearStart.plusYears(1), yearStart.plusYears(2), zone);
            default -> throw new IllegalArgumentException("Not a relative date operator: " + op);
        };
    }

    /** The range of one calendar day, or of the days around it for on / on-or-before / on-or-after. */
    static DateRanges ofDay(ConditionOperator op, LocalDate day, ZoneId zone) {
        return switch (op) {
            case ON, NOT_ON -> days(day, day.plusDays(1), zone);
            case ON_OR_BEFORE -> new DateRanges(null, start(day.plusDays(1), zone));
            case ON_OR_AFTER -> new DateRanges(start(day, zone), null);
            default -> throw new IllegalArgumentException("Not a day operator: " + op);
        };
    }

    private static DateRanges days(LocalDate from, LocalDate to, ZoneId zone) {
        return new DateRanges(start(from, zone), start(to, zone));
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
