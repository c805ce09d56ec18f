package io.rapport.service.internal;

import io.rapport.jobs.JobRun;
import io.rapport.jobs.JobSchedule;
import io.rapport.jobs.RecurringJob;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves contracts with the calendar, once across the nodes (db-scheduler): invoiced contracts whose start date has
 * come become Active, and active or on-hold contracts past their end date become Expired with their current lines.
 * Each contract changes in its own transaction, as the system, through the pipeline (so audit and plugins apply);
 * runs at start and then every 15 minutes, in pages of 500.
 */
@Component
class ContractStateJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(ContractStateJob.class);
    private static final int PAGE = 500;

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final Clock clock;

    ContractStateJob(OrganizationService organization, CallerProvider callers, Clock clock) {
        this.organization = organization;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "service-contract-states";
    }

    @Override
    public JobSchedule schedule() {
        return JobSchedule.fixedDelay(Duration.ofMinutes(15));
    }

    @Override
    public void run(JobRun run) {
        OrganizationService system = organization.as(callers.system().withChannel(Channel.SYSTEM));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int activated = 0;
        int expired = 0;
        // contracts leave the filtered set as they change, so each pass reads the first page again
        for (List<Entity> page = due(system, today, true); !page.isEmpty(); page = due(system, today, true)) {
            for (Entity c : page) {
                system.execute(new SetStateRequest(c.toReference(), Contracts.ACTIVE, 3));
                activated++;
            }
        }
        for (List<Entity> page = due(system, today, false); !page.isEmpty(); page = due(system, today, false)) {
            for (Entity c : page) {
                system.inTransaction(() -> {
                    expire(system, c);
                    return null;
                });
                expired++;
            }
        }
        if (activated + expired > 0) {
            log.info("Contracts moved with the calendar activated={} expired={}", activated, expired);
        }
    }

    private static List<Entity> due(OrganizationService system, LocalDate today, boolean activation) {
        QueryExpression.Builder q = QueryExpression.from("contract").select("statecode");
        if (activation) {
            q.where(Condition.eq("statecode", Contracts.INVOICED))
                    .where(Condition.of("activeon", ConditionOperator.LESS_EQUAL, today))
                    .where(Condition.of("expireson", ConditionOperator.GREATER_EQUAL, today));
        } else {
            q.where(Condition.of("statecode", ConditionOperator.IN, Contracts.INVOICED, Contracts.ACTIVE,
                    Contracts.ON_HOLD)).where(Condition.of("expireson", ConditionOperator.LESS_THAN, today));
        }
        return system.retrieveMultiple(q.top(PAGE).build()).entities();
    }

    private static void expire(OrganizationService system, Entity contract) {
        for (Entity line : system.retrieveMultiple(QueryExpression.from("contractdetail").select("statecode")
                .where(Condition.eq("contractid", contract.id()))
                .where(Condition.eq("statecode", Contracts.LINE_EXISTING)).build()).entities()) {
            system.execute(new SetStateRequest(line.toReference(), Contracts.LINE_EXPIRED,
                    Contracts.LINE_EXPIRED_STATUS));
        }
        system.execute(new SetStateRequest(contract.toReference(), Contracts.EXPIRED, 6));
    }
}
