package io.rapport.pipeline.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.jobs.JobScheduler;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.PluginContext;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Queues the asynchronous post-operation steps of a message: per step an {@code asyncoperation} record and a job
 * instance carrying what the step will see (target, images, outputs), both written in the message's transaction,
 * so that they exist only if it commits and run after it does.
 */
@Component
class AsyncSteps {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AsyncSteps.class);

    private final AsyncOperations operations;
    private final CallerProvider callers;
    private final ObjectProvider<JobScheduler> scheduler;
    private final ObjectProvider<AsyncStepJob> job;

    AsyncSteps(AsyncOperations operations, CallerProvider callers,
            ObjectProvider<JobScheduler> scheduler, ObjectProvider<AsyncStepJob> job) {
        this.operations = operations;
        this.callers = callers;
        this.scheduler = scheduler;
        this.job = job;
    }

    void queue(PluginContext context, List<PluginRegistry.Step> steps, Execution x) {
        if (context.caller().userId() == null) {
            // the organization's own creation at first start: no user exists yet to own (or run) a system job
            log.info("Asynchronous steps not queued during organization set-up message={} entity={} steps={}",
                    context.messageName(), context.entityName(), steps.size());
            return;
        }
        for (PluginRegistry.Step step : steps) {
            UUID id = operations.create(x.nested().as(callers.system()), context,
                    step.plugin().getClass().getSimpleName());
            scheduler.getObject().schedule(job.getObject(), id.toString(), payload(id, step, context).toString());
        }
    }

    private static ObjectNode payload(UUID operation, PluginRegistry.Step step, PluginContext c) {
        ObjectNode p = JsonNodeFactory.instance.objectNode().put("operation", operation.toString())
                .put("step", step.id()).put("message", c.messageName()).put("entity", c.entityName())
                .put("depth", c.depth()).put("channel", c.caller().channel().name())
                .put("user", c.caller().userId() == null ? null : c.caller().userId().toString());
        p.set("target", EntityJson.write(c.target()));
        p.set("targetReference", EntityJson.reference(c.targetReference()));
        p.set("preImage", EntityJson.write(c.preImage()));
        p.set("postImage", EntityJson.write(c.postImage()));
        p.set("outputs", EntityJson.values(c.outputs()));
        return p;
    }
}
