package io.rapport.pipeline.internal;

import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Finds plugin beans and their {@link PluginStep} registrations; runs the steps of one stage in order. */
@Component
class PluginRegistry {

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    private record Step(String message, String entity, Stage stage, int order, Plugin plugin) {
    }

    private final Map<String, List<Step>> byMessage = new HashMap<>();

    PluginRegistry(ObjectProvider<Plugin> plugins) {
        for (Plugin plugin : plugins.orderedStream().toList()) {
            PluginStep[] steps = AopUtils.getTargetClass(plugin).getAnnotationsByType(PluginStep.class);
            if (steps.length == 0) {
                throw new IllegalStateException("Plugin " + plugin.getClass().getName() + " has no @PluginStep");
            }
            for (PluginStep s : steps) {
                for (String message : s.messages()) {
                    String entity = s.entity().isEmpty() ? "*" : s.entity();
                    byMessage.computeIfAbsent(message, k -> new ArrayList<>())
                            .add(new Step(message, entity, s.stage(), s.order(), plugin));
                }
            }
        }
        byMessage.values().forEach(l -> l.sort(Comparator.comparingInt(Step::order)));
        log.info("Plugin steps registered count={}", byMessage.values().stream().mapToInt(List::size).sum());
    }

    void run(Stage stage, PluginContext context) {
        List<Step> steps = byMessage.get(context.messageName());
        if (steps == null) {
            return;
        }
        context.setStage(stage);
        for (Step s : steps) {
            if (s.stage() == stage && (s.entity().equals("*") || s.entity().equals(context.entityName()))) {
                s.plugin().execute(context);
            }
        }
    }
}
