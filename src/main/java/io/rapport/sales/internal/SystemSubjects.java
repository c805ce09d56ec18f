package io.rapport.sales.internal;

import io.rapport.pipeline.PluginContext;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Subjects the system writes on records (the close activity "Opportunity Lost: Laptops") and the texts of business
 * rules, in the language of the person whose action wrote them, from the message bundles ({@code subject.*},
 * {@code sales.rule.*}).
 */
@Component
public class SystemSubjects {

    private final MessageSource messages;

    SystemSubjects(MessageSource messages) {
        this.messages = messages;
    }

    /** The bundle's subject {@code key} with the record's name, in the caller's language. */
    public String of(PluginContext context, String key, String name) {
        return text(context, key, name == null ? "" : name);
    }

    /** The bundle's text {@code key} with its arguments, in the caller's language (business rule messages). */
    public String text(PluginContext context, String key, Object... arguments) {
        return messages.getMessage(key, arguments, context.caller().locale());
    }
}
