package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import org.springframework.stereotype.Component;

/**
 * Keeps attribute maps meaningful: both entities and attributes exist, the target can be written on create,
 * and the types agree (text to text, the same kind of number, option sets, lookups to a common target).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "attributemap", stage = Stage.PRE_OPERATION)
class AttributeMapPlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        String sourceEntity = (String) context.valueAfter("sourceentityname");
        String targetEntity = (String) context.valueAfter("targetentityname");
        AttributeMetadata from = attribute(context, sourceEntity, (String) context.valueAfter("sourceattributename"),
                "sourceattributename");
        AttributeMetadata to = attribute(context, targetEntity, (String) context.valueAfter("targetattributename"),
                "targetattributename");
        if (!to.validForCreate() || to.isManaged()) {
            throw invalid("The attribute " + targetEntity + "." + to.logicalName() + " cannot be set on create.",
                    "targetattributename");
        }
        if (!compatible(from, to)) {
            throw invalid("The attribute " + sourceEntity + "." + from.logicalName() + " (" + from.type().dataverseName()
                    + ") cannot be mapped to " + targetEntity + "." + to.logicalName() + " ("
                    + to.type().dataverseName() + ").", "targetattributename");
        }
    }

    private static boolean compatible(AttributeMetadata from, AttributeMetadata to) {
        return from.type().canMapTo(from, to);
    }

    private static AttributeMetadata attribute(PluginContext context, String entity, String attribute, String field) {
        EntityMetadata e = context.snapshot().findEntity(entity == null ? "" : entity)
                .orElseThrow(() -> invalid("The entity '" + entity + "' does not exist.", field));
        return e.findAttribute(attribute)
                .orElseThrow(() -> invalid("The entity '" + entity + "' has no attribute '" + attribute + "'.", field));
    }

    private static RapportException invalid(String message, String attribute) {
        return new RapportException(ErrorCode.INVALID_ARGUMENT, message, attribute);
    }
}
