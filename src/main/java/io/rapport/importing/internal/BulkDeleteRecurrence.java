package io.rapport.importing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How often a bulk deletion job runs again, as Dataverse takes it in BulkDelete's {@code RecurrencePattern} and
 * keeps it in {@code asyncoperation.recurrencepattern}: empty for once, or daily every n days in RFC 2445's form
 * ({@code FREQ=DAILY;INTERVAL=n;}, the interval 1 when left out). Dataverse runs bulk deletion "daily or without
 * recurrence"; its wizard offers every 7, 30, 90, 180 and 365 days.
 */
record BulkDeleteRecurrence(int days) {

    static final int MAX_DAYS = 3650;

    /** The recurrence of a pattern, empty for none; the problems of a pattern that is not daily are added. */
    static Optional<BulkDeleteRecurrence> parse(Object pattern, List<String> problems) {
        if (!(pattern instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> parts = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (String part : text.trim().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = (eq < 0 ? part : part.substring(0, eq)).trim().toUpperCase(Locale.ROOT);
            if (eq < 0 || parts.putIfAbsent(name, part.substring(eq + 1).trim()) != null
                    || !name.equals("FREQ") && !name.equals("INTERVAL")) {
                wrong.add(part.trim());
            }
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        if (!wrong.isEmpty() || !"DAILY".equalsIgnoreCase(parts.get("FREQ"))) {
            problems.add("RecurrencePattern '" + shown + "': a bulk deletion job runs once (an empty pattern) or "
                    + "every n days (FREQ=DAILY;INTERVAL=n;).");
            return Optional.empty();
        }
        String interval = parts.getOrDefault("INTERVAL", "1");
        if (!interval.matches("\\d{1,9}") || Integer.parseInt(interval) < 1 || Integer.parseInt(interval) > MAX_DAYS) {
            problems.add("RecurrencePattern '" + shown + "': INTERVAL must be a number of days from 1 to " + MAX_DAYS
                    + ".");
            return Optional.empty();
        }
        return Optional.of(new BulkDeleteRecurrence(Integer.parseInt(interval)));
    }

    /** The pattern as stored and answered: {@code FREQ=DAILY;INTERVAL=n;}. */
    String pattern() {
        return "FREQ=DAILY;INTERVAL=" + days + ";";
    }

    /**
     * The next run after one planned for {@code planned}: that time of day every {@code days} days, the first such
     * time after {@code now} (a job that started late, or a node that was down, does not run twice to catch up).
     */
    Instant next(Instant planned, Instant now) {
        Duration step = Duration.ofDays(days);
        Instant next = planned.plus(step);
        if (!next.isAfter(now)) {
            long behind = Duration.between(next, now).toMillis() / step.toMillis() + 1;
            next = next.plus(step.multipliedBy(behind));
        }
        return next;
    }
}
