package io.rapport.sales.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Keeps the reciprocal of every connection: created with the sides swapped, changed when either side changes,
 * deleted with it. Work done here is marked so the reciprocal's own messages do not echo back.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "connection",
        stage = Stage.POST_OPERATION, order = 10)
class ReciprocalConnectionPlugin implements Plugin {

    /** Attribute of a connection and the attribute it becomes on the reciprocal. */
    private static final Map<String, String> SWAP = Map.of("record1id", "record2id", "record2id", "record1id",
            "record1roleid", "record2roleid", "record2roleid", "record1roleid", "effectivestart", "effectivestart",
            "effectiveend", "effectiveend", "description", "description", "statecode", "statecode",
            "statuscode", "statuscode");

    private final SystemReads reads;

    ReciprocalConnectionPlugin(SystemReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        if (ConnectionRules.syncing(context)) {
            return;
        }
        context.sharedVariables().put(ConnectionRules.SYNC, true);
        try {
            switch (context.messageName()) {
                case Messages.CREATE -> create(context);
                case Messages.UPDATE -> update(context);
                default -> delete(context);
            }
        } finally {
            context.sharedVariables().remove(ConnectionRules.SYNC);
        }
    }

    private void create(PluginContext context) {
        Entity master = context.postImage();
        Entity reciprocal = new Entity("connection");
        swap(master, reciprocal);
        reciprocal.set("ownerid", master.get("ownerid"));
        reciprocal.set("relatedconnectionid", master.toReference());
        OrganizationService service = context.service();
        reciprocal.setId(service.create(reciprocal));
        service.update(new Entity("connection", master.id()).set("relatedconnectionid", reciprocal.toReference()));
    }

    private void update(PluginContext context) {
        if (!(context.postImage().get("relatedconnectionid") instanceof EntityReference other)) {
            return;
        }
        Entity change = new Entity("connection", other.id());
        swap(context.target(), change);
        if (!change.attributes().isEmpty() && reads.find(context, "connection", other.id()).isPresent()) {
            context.service().update(change);
        }
    }

    private void delete(PluginContext context) {
        if (context.preImage().get("relatedconnectionid") instanceof EntityReference other
                && reads.find(context, "connection", other.id()).isPresent()) {
            context.service().delete("connection", other.id());
        }
    }

    private static void swap(Entity from, Entity to) {
        for (String attribute : List.copyOf(SWAP.keySet())) {
            if (from.contains(attribute)) {
                to.set(SWAP.get(attribute), from.get(attribute));
            }
        }
    }
}
