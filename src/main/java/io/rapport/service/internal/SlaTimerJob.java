package io.rapport.service.internal;

import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.RecurringJob;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Moves SLA KPIs past their warning or failure time, every minute, on one node at a time (db-scheduler). */
@Component
class SlaTimerJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(SlaTimerJob.class);

    private final SlaTimers timers;
    private final OrganizationService organization;
    private final CallerProvider callers;
    private final Clock clock;

    SlaTimerJob(SlaTimers timers, OrganizationService organization, CallerProvider callers, Clock clock) {
        this.timers = timers;
        this.organization = organization;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "service-sla-timers";
    }

    @Override
    public JobSchedule schedule() {
        return JobSchedule.fixedDelay(Duration.ofMinutes(1));
    }

    @Override
    public void run(JobRun run) {
        int changed = timers.pass(organization.as(callers.system().withChannel(Channel.SYSTEM)), Instant.now(clock));
        if (changed > 0) {
            log.info("SLA KPIs moved changed={}", changed);
        }
    }
}
