package io.rapport.marketing.internal.campaigns;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.EntityReference;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A campaign item names a marketing list or a product; its {@code entitytype} is the item's entity, kept by the
 * platform whatever the client sent.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "campaignitem", stage = Stage.PRE_OPERATION, order = 10)
class CampaignItemPlugin implements Plugin {

    static final Set<String> TARGETS = Set.of("list", "product");

    @Override
    public void execute(PluginContext context) {
        if (!(context.target().get("entityid") instanceof EntityReference item)
                || !TARGETS.contains(item.logicalName())) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "A campaign targets marketing lists and products.",
                    "entityid");
        }
        context.target().set("entitytype", item.logicalName());
    }
}
