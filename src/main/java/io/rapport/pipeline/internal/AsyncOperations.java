package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.record.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The {@code asyncoperation} records of asynchronous plugin steps: created with the message (Ready), then In
 * Progress, Succeeded, Waiting for a retry, or Failed with the error. Written as the system user; owned by the
 * caller of the message, so that they (and administrators) can read them.
 */
@Component
class AsyncOperations {

    static final String ENTITY = "asyncoperation";
    static final int SYSTEM_EVENT = 1;

    private final Clock clock;

    AsyncOperations(Clock clock) {
        this.clock = clock;
    }

    /** A new Ready record for a step queued by the message in {@code context}. */
    UUID create(OrganizationService system, PluginContext context, String stepName) {
        UUID id = Ids.newId();
        Entity job = new Entity(ENTITY, id).set("name", stepName + ": " + context.messageName()
                        + (context.entityName() == null ? "" : " of " + context.entityName()))
                .set("operationtype", SYSTEM_EVENT).set("messagename", context.messageName())
                .set("primaryentitytype", context.entityName()).set("depth", context.depth())
                .set("statecode", 0).set("statuscode", 0).set("retrycount", 0);
        EntityReference target = context.targetReference();
        if (target != null && target.id() != null && regardingTargets(context.snapshot(), target.logicalName())) {
            job.set("regardingobjectid", new EntityReference(target.logicalName(), target.id()));
        }
        job.set("ownerid", new EntityReference("systemuser", context.caller().userId()));
        system.create(job);
        return id;
    }

    private static boolean regardingTargets(MetadataSnapshot s, String entity) {
        return s.findEntity(ENTITY).flatMap(e -> e.findAttribute("regardingobjectid"))
                .map(AttributeMetadata::targets).map(t -> t.contains(entity)).orElse(false);
    }

    void started(OrganizationService system, UUID id, int attempt) {
        system.update(new Entity(ENTITY, id).set("statecode", 2).set("statuscode", 20)
                .set("startedon", now()).set("retrycount", attempt - 1).set("postponeuntil", null));
    }

    void succeeded(OrganizationService system, UUID id, Instant started) {
        Instant done = now();
        system.update(new Entity(ENTITY, id).set("statecode", 3).set("statuscode", 30).set("completedon", done)
                .set("executiontimespan", Duration.between(started, done).toMillis() / 1000.0)
                .set("message", null).set("friendlymessage", null).set("errorcode", null));
    }

    /** A failed attempt: Waiting until the next one, or Failed when none follows. */
    void failed(OrganizationService system, UUID id, int attempt, Throwable cause, Instant nextAttempt) {
        Entity change = new Entity(ENTITY, id).set("retrycount", attempt)
                .set("message", truncate(describe(cause), 10_000))
                .set("friendlymessage", truncate(friendly(cause), 2000))
                .set("errorcode", cause instanceof RapportException r ? r.code().value() : null);
        if (nextAttempt != null) {
            change.set("statecode", 1).set("statuscode", 10).set("postponeuntil", nextAttempt);
        } else {
            change.set("statecode", 3).set("statuscode", 31).set("completedon", now()).set("postponeuntil", null);
        }
        system.update(change);
    }

    private static String friendly(Throwable cause) {
        Throwable root = cause;
        while (root != null && !(root instanceof RapportException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null || root.getMessage() == null ? String.valueOf(root) : root.getMessage();
    }

    private static String describe(Throwable cause) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = cause; t != null && s.length() < 8000; t = t.getCause()) {
            s.append(t).append('\n');
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < Math.min(8, trace.length); i++) {
                s.append("  at ").append(trace[i]).append('\n');
            }
        }
        return s.toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
