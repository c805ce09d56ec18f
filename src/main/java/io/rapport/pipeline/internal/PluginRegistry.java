package io.rapport.pipeline.internal;

import io.rapport.pipeline.ExecutionMode;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Finds plugin beans and their {@link PluginStep} registrations; runs the synchronous steps of one stage in order
 * and lists the asynchronous ones. Only the {@link StageRunner} (and the async step job) run plugins.
 */
@Component
class PluginRegistry {

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);
    private static final String ANY = "*";

    /** One registration; {@code id} names it in queued asynchronous runs. */
    record Step(String id, String message, String entity, Stage stage, int order, ExecutionMode mode, Plugin plugin) {
        boolean matches(String entityName) {
            return entity.equals(ANY) || entity.equals(entityName);
        }
    }

    private final Map<String, List<Step>> byMessage = new HashMap<>();
    private final Map<String, Step> byId = new HashMap<>();
    /** Steps of a message (its own and those for any message) by stage and mode, in order. */
    private final Map<String, Map<Stage, List<Step>>> resolved = new ConcurrentHashMap<>();
    private final Map<String, List<Step>> asyncResolved = new ConcurrentHashMap<>();

    PluginRegistry(ObjectProvider<Plugin> plugins) {
        for (Plugin plugin : plugins.orderedStream().toList()) {
            Class<?> type = AopUtils.getTargetClass(plugin);
            PluginStep[] steps = type.getAnnotationsByType(PluginStep.class);
            if (steps.length == 0) {
                throw new IllegalStateException("Plugin " + type.getName() + " has no @PluginStep");
            }
            for (int i = 0; i < steps.length; i++) {
                PluginStep s = steps[i];
                if (s.mode() == ExecutionMode.ASYNCHRONOUS && s.stage() != Stage.POST_OPERATION) {
                    throw new IllegalStateException("Plugin " + type.getName()
                            + ": only post-operation steps can be asynchronous");
                }
                for (String message : s.messages()) {
                    String entity = s.entity().isEmpty() ? ANY : s.entity();
                    Step step = new Step(type.getName() + "#" + i + ":" + message, message, entity, s.stage(),
                            s.order(), s.mode(), plugin);
                    byMessage.computeIfAbsent(message, k -> new ArrayList<>()).add(step);
                    byId.put(step.id(), step);
                }
            }
        }
        log.info("Plugin steps registered count={}", byId.size());
    }

    /** Runs the synchronous steps of the stage registered for the context's message and entity. */
    void run(Stage stage, PluginContext context) {
        List<Step> steps = resolve(context.messageName()).get(stage);
        if (steps == null) {
            return;
        }
        context.setStage(stage);
        for (Step s : steps) {
            if (s.matches(context.entityName())) {
                s.plugin().execute(context);
            }
        }
    }

    /** Runs one (asynchronous) step in post-operation. */
    void runStep(Step step, PluginContext context) {
        context.setStage(Stage.POST_OPERATION);
        step.plugin().execute(context);
    }

    /** The asynchronous post-operation steps for the context's message and entity, in order. */
    List<Step> asyncSteps(PluginContext context) {
        List<Step> steps = asyncResolved.computeIfAbsent(context.messageName(), m -> merged(m).stream()
                .filter(s -> s.mode() == ExecutionMode.ASYNCHRONOUS).toList());
        if (steps.isEmpty()) {
            return steps;
        }
        return steps.stream().filter(s -> s.matches(context.entityName())).toList();
    }

    Optional<Step> step(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private Map<Stage, List<Step>> resolve(String message) {
        return resolved.computeIfAbsent(message, m -> {
            Map<Stage, List<Step>> byStage = new EnumMap<>(Stage.class);
            for (Step s : merged(m)) {
                if (s.mode() == ExecutionMode.SYNCHRONOUS) {
                    byStage.computeIfAbsent(s.stage(), k -> new ArrayList<>()).add(s);
                }
            }
            return byStage;
        });
    }

    private List<Step> merged(String message) {
        List<Step> all = new ArrayList<>(byMessage.getOrDefault(message, List.of()));
        if (!message.equals(ANY)) {
            all.addAll(byMessage.getOrDefault(ANY, List.of()));
        }
        all.sort(Comparator.comparingInt(Step::order));
        return all;
    }
}
