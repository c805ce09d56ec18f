package io.rapport.service.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.service.ServiceMessages;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps a case's SLA KPIs in step with the case: started when it is created (its SLA fields written with the case's
 * row, the KPIs right after), paused while it is On Hold (2) or
 * Waiting for Details (3) and resumed after, succeeded for the first response when {@code firstresponsesent} is set,
 * canceled with the case. Resolution is {@link SlaTimers#resolving}, part of CloseIncident.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 60)
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = Messages.UPDATE, entity = "incident", stage = Stage.POST_OPERATION, order = 50)
class SlaCasePlugin implements Plugin {

    private static final Set<Integer> PAUSING = Set.of(2, 3);
    private static final String PLANNED = "service.sla.planned.";

    private final SlaTimers timers;
    private final ServiceReads reads;
    private final Clock clock;

    SlaCasePlugin(SlaTimers timers, ServiceReads reads, Clock clock) {
        this.timers = timers;
        this.reads = reads;
        this.clock = clock;
    }

    /**
     * A new case: before the insert its SLA fields are set on the row being written and its KPIs planned; after it
     * the KPIs are created. Only an SLA with applicable-when conditions (queries over the stored case) is started
     * wholly after the insert, from the post image.
     */
    @SuppressWarnings("unchecked")
    private void created(PluginContext context, OrganizationService system, Instant now) {
        String key = PLANNED + context.target().id();
        if (context.stage() == Stage.PRE_OPERATION) {
            List<Entity> kpis = timers.prepare(system, context.target(), now.truncatedTo(ChronoUnit.MILLIS));
            if (kpis != null) {
                context.sharedVariables().put(key, kpis);
            }
            return;
        }
        Object planned = context.sharedVariables().remove(key);
        if (planned != null) {
            ((List<Entity>) planned).forEach(system::create);
            return;
        }
        Entity created = context.postImage() != null ? context.postImage() : context.target();
        Instant from = created.getInstant("createdon") != null ? created.getInstant("createdon") : now;
        timers.start(system, created.id(), created.getReference("slaid"), created.getInteger("prioritycode"), from);
    }

    @Override
    public void execute(PluginContext context) {
        OrganizationService system = reads.service(context);
        Instant now = Instant.now(clock);
        if (context.preImage() == null) {
            created(context, system, now);
            return;
        }
        UUID id = context.targetReference().id();
        Integer before = context.preImage().getInteger("statuscode");
        Object after = context.target().get("statuscode");
        if (after instanceof Integer status && !Objects.equals(status, before)) {
            if (Integer.valueOf(ServiceMessages.CASE_CANCELED).equals(context.target().get("statecode"))) {
                timers.cancel(system, id);
            } else if (PAUSING.contains(status) && !PAUSING.contains(before)) {
                timers.pause(system, id, now);
            } else if (!PAUSING.contains(status) && PAUSING.contains(before)) {
                timers.resume(system, id, now);
            }
        }
        if (Boolean.TRUE.equals(context.target().get("firstresponsesent"))
                && !Boolean.TRUE.equals(context.preImage().get("firstresponsesent"))) {
            timers.succeed(system, id, now, true);
        }
    }
}
