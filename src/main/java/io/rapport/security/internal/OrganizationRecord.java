package io.rapport.security.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.OrganizationSettings;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The organization record (Dataverse's {@code organization}): made once by the system at start-up with the id
 * WhoAmI answers as OrganizationId (the root business unit's), the configured name and the base currency. Nobody
 * else creates one and nobody deletes it (400, before anything runs); a change may not empty its name or a prefix of
 * the automatic numbers (400). Who may change it at all is the access check's: Write on {@code organization}, which
 * only a System Administrator holds (403 for the others).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = OrganizationSettings.ENTITY,
        stage = Stage.PRE_VALIDATION, order = 0)
class OrganizationRecord implements Plugin {

    /** The attributes a change may not empty. */
    static final List<String> REQUIRED = List.of("name", "quoteprefix", "orderprefix", "invoiceprefix", "caseprefix",
            "contractprefix");

    private final MessageSource messages;

    OrganizationRecord(MessageSource messages) {
        this.messages = messages;
    }

    /** Makes the record unless there is one; whether it made it. Runs as the system in the bootstrap's transaction. */
    static boolean ensure(OrganizationService system, UUID id, String name, String baseCurrency) {
        if (!system.retrieveMultiple(QueryExpression.from(OrganizationSettings.ENTITY).columns(ColumnSet.none())
                .top(1).build()).entities().isEmpty()) {
            return false;
        }
        Entity record = new Entity(OrganizationSettings.ENTITY, id).set("name", name);
        List<Entity> currency = system.retrieveMultiple(QueryExpression.from("transactioncurrency")
                .columns(ColumnSet.none()).where(Condition.eq("isocurrencycode", baseCurrency)).top(1).build())
                .entities();
        if (!currency.isEmpty()) {
            record.set("basecurrencyid", new EntityReference("transactioncurrency", currency.get(0).id()));
        }
        system.create(record);
        return true;
    }

    @Override
    public void execute(PluginContext context) {
        switch (context.messageName()) {
            case Messages.CREATE -> {
                if (context.caller().channel() != Channel.SYSTEM) {
                    throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED,
                            text(context, "organization.rule.create"));
                }
            }
            case Messages.DELETE -> throw new RapportException(ErrorCode.MESSAGE_NOT_SUPPORTED,
                    text(context, "organization.rule.delete"));
            default -> {
                Entity target = context.target();
                for (String attribute : REQUIRED) {
                    Object value = target.get(attribute);
                    if (target.contains(attribute) && (value == null || value.toString().isBlank())) {
                        String label = context.snapshot().entity(OrganizationSettings.ENTITY).attribute(attribute)
                                .displayName().get(context.caller().locale());
                        throw new RapportException(ErrorCode.INVALID_ARGUMENT,
                                text(context, "organization.rule.required", label), attribute);
                    }
                }
            }
        }
    }

    private String text(PluginContext context, String key, Object... arguments) {
        return messages.getMessage(key, arguments, context.caller().locale());
    }
}
