package io.rapport.marketing.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.EntityReference;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A new list starts with no members; an update of a list carries the member count {@link ListMemberCount} computed.
 * After a listmember is created or deleted, its list is counted again.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "list", stage = Stage.PRE_OPERATION, order = 50)
@PluginStep(messages = {Messages.CREATE, Messages.DELETE}, entity = "listmember", stage = Stage.POST_OPERATION,
        order = 50)
class ListCountPlugin implements Plugin {

    private final ListMemberCount counts;

    ListCountPlugin(ListMemberCount counts) {
        this.counts = counts;
    }

    @Override
    public void execute(PluginContext context) {
        if ("listmember".equals(context.entityName())) {
            var image = context.postImage() != null ? context.postImage() : context.preImage();
            if (image == null && context.target() != null) {
                image = context.target();
            }
            if (image != null && image.get("listid") instanceof EntityReference list
                    && !Boolean.TRUE.equals(context.sharedVariables().get(ListMemberCount.DEFERRED))) {
                counts.refresh(context, list.id());
            }
            return;
        }
        if (Messages.CREATE.equals(context.messageName())) {
            context.target().set("membercount", 0);
            return;
        }
        if (context.sharedVariables().get(ListMemberCount.PENDING) instanceof Map<?, ?> pending
                && pending.get(context.target().id()) instanceof Integer count) {
            context.target().set("membercount", count);
        }
    }
}
