package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;

/**
 * Composes {@code fullname} from first, middle and last name on every entity that has them (contact, lead,
 * user), as the platform does in Dataverse.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, stage = Stage.PRE_OPERATION, order = 0)
class FullNamePlugin implements Plugin {

    private static final String[] PARTS = {"firstname", "middlename", "lastname"};

    @Override
    public void execute(PluginContext context) {
        EntityMetadata e = context.snapshot().entity(context.entityName());
        Entity target = context.target();
        if (!e.hasAttribute("fullname") || !e.hasAttribute("lastname") || !e.hasAttribute("firstname")) {
            return;
        }
        boolean touched = false;
        for (String part : PARTS) {
            touched |= target.contains(part);
        }
        if (!touched) {
            return;
        }
        StringJoiner name = new StringJoiner(" ");
        for (String part : PARTS) {
            Object value = e.hasAttribute(part) ? context.valueAfter(part) : null;
            if (value != null && !value.toString().isBlank()) {
                name.add(value.toString().trim());
            }
        }
        String full = name.toString();
        int max = e.attribute("fullname").maxLength();
        target.set("fullname", full.isEmpty() ? null : full.length() > max ? full.substring(0, max) : full);
    }
}
