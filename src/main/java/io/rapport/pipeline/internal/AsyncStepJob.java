package io.rapport.pipeline.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.jobs.JobFailure;
import io.rapport.jobs.JobRun;
import io.rapport.jobs.OneOffJob;
import io.rapport.jobs.RetryPolicy;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Runs one queued asynchronous plugin step after its message committed, as the message's caller, through the
 * {@link StageRunner} (in a transaction of its own); keeps its {@code asyncoperation} record up to date.
 */
@Component
@EnableConfigurationProperties(AsyncStepProperties.class)
class AsyncStepJob implements OneOffJob<String> {

    private final ObjectMapper json = new ObjectMapper();
    private final PluginRegistry plugins;
    private final StageRunner runner;
    private final OrganizationService organization;
    private final CallerProvider callers;
    private final MetadataService metadata;
    private final AsyncOperations operations;
    private final AsyncStepProperties properties;
    private final Clock clock;

    AsyncStepJob(PluginRegistry plugins, StageRunner runner, OrganizationService organization, CallerProvider callers,
            MetadataService metadata, AsyncOperations operations, AsyncStepProperties properties, Clock clock) {
        this.plugins = plugins;
        this.runner = runner;
        this.organization = organization;
        this.callers = callers;
        this.metadata = metadata;
        this.operations = operations;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "pipeline-async-step";
    }

    @Override
    public Class<String> dataType() {
        return String.class;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RetryPolicy.exponential(properties.maxAttempts(), properties.firstDelay(), properties.multiplier());
    }

    @Override
    public void run(String data, JobRun run) throws JsonProcessingException {
        JsonNode p = json.readTree(data);
        UUID operation = UUID.fromString(p.get("operation").asText());
        OrganizationService system = organization.as(callers.system());
        Instant started = Instant.now(clock);
        operations.started(system, operation, run.attempt());
        PluginRegistry.Step step = plugins.step(p.get("step").asText()).orElseThrow(() -> new IllegalStateException(
                "The plugin step " + p.get("step").asText() + " is no longer registered."));
        Caller caller = caller(p);
        PluginContext context = new PluginContext(p.get("message").asText(), text(p, "entity"), p.get("depth").asInt(),
                caller, null, metadata.snapshot(), organization.as(caller), new HashMap<>());
        context.setTarget(EntityJson.read(p.get("target")));
        context.setTargetReference(EntityJson.readReference(p.get("targetReference")));
        context.setPreImage(EntityJson.read(p.get("preImage")));
        context.setPostImage(EntityJson.read(p.get("postImage")));
        context.outputs().putAll(EntityJson.values(p.get("outputs")));
        runner.runAsync(step, context);
        operations.succeeded(system, operation, started);
    }

    @Override
    public void failed(String data, JobFailure failure) {
        try {
            UUID operation = UUID.fromString(json.readTree(data).get("operation").asText());
            operations.failed(organization.as(callers.system()), operation, failure.attempt(), failure.cause(),
                    failure.nextAttempt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Caller caller(JsonNode p) {
        Caller system = callers.system();
        String user = text(p, "user");
        if (user == null || UUID.fromString(user).equals(system.userId())) {
            return system;
        }
        return callers.forUser(UUID.fromString(user), Channel.valueOf(p.get("channel").asText()));
    }

    private static String text(JsonNode p, String field) {
        return p.hasNonNull(field) ? p.get(field).asText() : null;
    }
}
