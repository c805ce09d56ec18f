package io.rapport.pipeline.internal;

import io.rapport.pipeline.ActionCatalog;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The action handler beans, by message name. */
@Component
class ActionRegistry implements ActionCatalog {

    private final Map<String, ActionHandler> handlers = new LinkedHashMap<>();

    ActionRegistry(ObjectProvider<ActionHandler> handlerBeans) {
        for (ActionHandler h : handlerBeans.orderedStream().toList()) {
            ActionHandler previous = handlers.put(h.definition().name(), h);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for action " + h.definition().name());
            }
        }
    }

    Optional<ActionHandler> handler(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    @Override
    public Collection<ActionDefinition> definitions() {
        return handlers.values().stream().map(ActionHandler::definition).toList();
    }

    @Override
    public Optional<ActionDefinition> find(String name) {
        return handler(name).map(ActionHandler::definition);
    }
}
