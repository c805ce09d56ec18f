package io.rapport.service.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Business hours from a {@code calendar}'s rules: the weekly rule ({@code FREQ=WEEKLY;BYDAY=MO,TU,...}, working
 * hours from {@code offset} for {@code duration} minutes after midnight in the rule's {@code timezonecode}, UTC when
 * it names none) and holidays (rules with a {@code starttime} and no pattern, days in that zone). A missing calendar or one without a weekly rule means round the clock.
 */
@Component
class SlaCalendars {

    BusinessHours of(OrganizationService system, EntityReference calendar) {
        if (calendar == null) {
            return BusinessHours.always(ZoneOffset.UTC);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Set<LocalDate> holidays = new HashSet<>();
        LocalTime start = null;
        LocalTime end = null;
        ZoneId zone = ZoneOffset.UTC;
        for (Entity rule : system.retrieveMultiple(QueryExpression.from("calendarrule").select("pattern", "offset",
                "duration", "starttime", "timezonecode").where(Condition.eq("calendarid", calendar.id())).build()).entities()) {
            String pattern = rule.getString("pattern");
            if (pattern == null || pattern.isBlank()) {
                if (rule.get("starttime") instanceof LocalDate day) {
                    holidays.add(day);
                }
                continue;
            }
            for (String part : pattern.toUpperCase(Locale.ROOT).split(";")) {
                if (part.startsWith("BYDAY=")) {
                    for (String d : part.substring(6).split(",")) {
                        days.add(day(d.trim()));
                    }
                }
            }
            zone = TimeZoneCodes.zone(rule.getInteger("timezonecode")).orElse(ZoneOffset.UTC);
            int offset = rule.get("offset") instanceof Integer o ? o : 0;
            int duration = rule.get("duration") instanceof Integer m ? m : 1440;
            start = LocalTime.MIN.plusMinutes(offset);
            end = offset + duration >= 1440 ? LocalTime.MAX : LocalTime.MIN.plusMinutes(offset + duration);
        }
        if (days.isEmpty() || start == null) {
            return BusinessHours.always(ZoneOffset.UTC);
        }
        return new BusinessHours(zone, days, start, end, holidays);
    }

    private static DayOfWeek day(String code) {
        return switch (code) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            case "SU" -> DayOfWeek.SUNDAY;
            default -> throw new IllegalArgumentException("Unknown day " + code + " in a calendar rule pattern");
        };
    }
}
