package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks a connection before it is saved: two different records; the role of the second side among the
 * matching roles of the first (filled in when there is exactly one); the name of the connected record; and
 * only the platform links reciprocal connections.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "connection", stage = Stage.PRE_OPERATION,
        order = 10)
class ConnectionPlugin implements Plugin {

    private final ConnectionRules rules;

    ConnectionPlugin(ConnectionRules rules) {
        this.rules = rules;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        boolean sync = ConnectionRules.syncing(context);
        if (!sync && target.get("relatedconnectionid") != null) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The reciprocal connection is linked by the "
                    + "platform and cannot be set.", "relatedconnectionid");
        }
        boolean create = Messages.CREATE.equals(context.messageName());
        if (create) {
            target.set("ismaster", !sync);
        }
        EntityReference one = (EntityReference) context.valueAfter("record1id");
        EntityReference two = (EntityReference) context.valueAfter("record2id");
        if (one != null && two != null && one.id().equals(two.id())) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "A record cannot be connected to itself.", "record2id");
        }
        if (create || target.contains("record2id")) {
            target.set("name", two == null ? null : rules.nameOf(context, two));
        }
        if (!sync && (create || target.contains("record1roleid") || target.contains("record2roleid"))) {
            checkRoles(context, target);
        }
    }

    private void checkRoles(PluginContext context, Entity target) {
        EntityReference role1 = (EntityReference) context.valueAfter("record1roleid");
        EntityReference role2 = (EntityReference) context.valueAfter("record2roleid");
        if (role1 == null) {
            return;
        }
        Set<UUID> matching = rules.matchingRoles(context, role1.id());
        if (role2 == null && matching.size() == 1 && !target.contains("record2roleid")) {
            target.set("record2roleid", new EntityReference("connectionrole", matching.iterator().next()));
        } else if (role2 != null && !matching.isEmpty() && !matching.contains(role2.id())) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The role '" + rules.nameOf(context, role2)
                    + "' is not a matching role of '" + rules.nameOf(context, role1) + "'.", "record2roleid");
        }
    }
}
