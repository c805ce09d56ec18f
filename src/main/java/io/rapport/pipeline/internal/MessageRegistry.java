package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every message the pipeline knows, by Dataverse name: the core and relationship handlers (selected by request
 * type) and each {@link ActionHandler} bean as a message handler (selected by the action's name).
 */
@Component
class MessageRegistry implements ActionCatalog {

    private final Map<String, MessageHandler<?, ?>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, MessageHandler<?, ?>> byType = new HashMap<>();
    private final Map<String, ActionMessageHandler> actions = new LinkedHashMap<>();

    MessageRegistry(List<MessageHandler<?, ?>> handlers, ObjectProvider<ActionHandler> actionBeans) {
        for (MessageHandler<?, ?> h : handlers) {
            add(h);
            if (byType.put(h.requestType(), h) != null) {
                throw new IllegalStateException("Two handlers for " + h.requestType().getName());
            }
        }
        for (ActionHandler a : actionBeans.orderedStream().toList()) {
            ActionMessageHandler h = new ActionMessageHandler(a);
            add(h);
            actions.put(h.messageName(), h);
        }
    }

    private void add(MessageHandler<?, ?> h) {
        if (byName.put(h.messageName(), h) != null) {
            throw new IllegalStateException("Two handlers for message " + h.messageName());
        }
    }

    /** The handler of a request; an unknown message or action is MESSAGE_NOT_SUPPORTED. */
    @SuppressWarnings("unchecked")
    <R extends OrganizationResponse> MessageHandler<OrganizationRequest<R>, R> handler(OrganizationRequest<R> request) {
        MessageHandler<?, ?> h;
        if (request instanceof ActionRequest a) {
            h = actions.get(a.name());
            if (h == null) {
                throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "The action or function '" + a.name()
                        + "' does not exist.");
            }
        } else {
            h = byType.get(request.getClass());
            if (h == null) {
                throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED, "The message " + request.messageName()
                        + " is not supported.");
            }
        }
        return (MessageHandler<OrganizationRequest<R>, R>) h;
    }

    /** The names of all messages, core and relationship first, then the actions. */
    Collection<String> messageNames() {
        return byName.keySet();
    }

    Optional<MessageHandler<?, ?>> handlerNamed(String messageName) {
        return Optional.ofNullable(byName.get(messageName));
    }

    @Override
    public Collection<ActionDefinition> definitions() {
        return actions.values().stream().map(h -> h.handler().definition()).toList();
    }

    @Override
    public Optional<ActionDefinition> find(String name) {
        return Optional.ofNullable(actions.get(name)).map(h -> h.handler().definition());
    }
}
