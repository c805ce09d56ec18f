package io.rapport.sales.internal;

import io.rapport.pipeline.PluginContext;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Subjects the system writes on records (the close activity "Opportunity Lost: Laptops"), in the language of the
 * person whose action wrote them, from the message bundles ({@code subject.*}).
 */
@Component
public class SystemSubjects {

    private final MessageSource messages;

    SystemSubjects(MessageSource messages) {
        this.messages = messages;
    }

    /** The bundle's subject {@code key} with the record's name, in the caller's language. */
    public String of(PluginContext context, String key, String name) {
        return messages.getMessage(key, new Object[] {name == null ? "" : name}, context.caller().locale());
    }
}
