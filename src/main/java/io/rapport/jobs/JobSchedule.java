package io.rapport.jobs;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/** When a recurring job runs. */
public sealed interface JobSchedule {

    /** Again this long after the previous run ended. */
    record FixedDelay(Duration delay) implements JobSchedule {
    }

    /** Every day at these times of the zone. */
    record Daily(ZoneId zone, java.util.List<LocalTime> times) implements JobSchedule {
        public Daily {
            times = java.util.List.copyOf(times);
        }
    }

    /** A Spring-style six-field cron expression in a zone. */
    record Cron(String expression, ZoneId zone) implements JobSchedule {
    }

    static JobSchedule fixedDelay(Duration delay) {
        return new FixedDelay(delay);
    }

    static JobSchedule daily(ZoneId zone, LocalTime... times) {
        return new Daily(zone, java.util.List.of(times));
    }

    static JobSchedule cron(String expression, ZoneId zone) {
        return new Cron(expression, zone);
    }
}
