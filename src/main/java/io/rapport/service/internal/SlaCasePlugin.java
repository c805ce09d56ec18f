package io.rapport.service.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.service.ServiceMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps a case's SLA KPIs in step with the case: started when it is created, paused while it is On Hold (2) or
 * Waiting for Details (3) and resumed after, succeeded for the first response when {@code firstresponsesent} is set,
 * canceled with the case. Resolution is {@link SlaTimers#resolving}, part of CloseIncident.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = Messages.UPDATE, entity = "incident", stage = Stage.POST_OPERATION, order = 50)
class SlaCasePlugin implements Plugin {

    private static final Set<Integer> PAUSING = Set.of(2, 3);

    private final SlaTimers timers;
    private final ServiceReads reads;
    private final Clock clock;

    SlaCasePlugin(SlaTimers timers, ServiceReads reads, Clock clock) {
        this.timers = timers;
        this.reads = reads;
        this.clock = clock;
    }

    @Override
    public void execute(PluginContext context) {
        OrganizationService system = reads.service(context);
        Instant now = Instant.now(clock);
        if (context.preImage() == null) {
            UUID id = context.postImage() != null ? context.postImage().id() : context.target().id();
            Instant created = context.postImage() != null && context.postImage().getInstant("createdon") != null
                    ? context.postImage().getInstant("createdon") : now;
            timers.start(system, id, created);
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
